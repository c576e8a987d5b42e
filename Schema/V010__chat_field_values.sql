-- V010: a chat's values as the change feed keeps them, in one place.
--
-- `chat_field_values` gives each chat's `FieldValues` (V007) as JSON. The trigger that records a
-- created chat reads them from it, and so does a bulk load into an archive without chats: it
-- sets that trigger aside, with `chat_session_changed` and `chat_count_insert`, while it inserts
-- the chats, then records every chat's `created` event and count at once from the same view
-- (`Connection.loadingChatsInBulk`). The `deleted` trigger keeps its own list: the row is gone
-- when it runs.
CREATE VIEW chat_field_values (chat_id, field_values) AS
SELECT id, json_object('alert_level', alert_level, 'chatbot_isactive', chatbot_is_active, 'customer_consented', customer_consented,
    'contact_id', coalesce(contact_id, 0), 'customer_alias', coalesce(customer_alias, ''), 'person_id', coalesce(person_id, 0),
    'project_id', 0, 'rating', coalesce(rating, 0), 'sale_id', 0, 'status', status, 'ticket_id', 0, 'topic_id', topic_id,
    'user_id', coalesce(associate_id, 0))
FROM chat_session;

DROP TRIGGER chat_session_created;

CREATE TRIGGER chat_session_created AFTER INSERT ON chat_session
WHEN (SELECT events FROM archive_write_context WHERE id = 1) = 1 BEGIN
    INSERT INTO chat_change (chat_id, kind, changed_by, at, field_values)
    SELECT chat_id, 'created', (SELECT changed_by FROM archive_write_context WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), field_values
    FROM chat_field_values WHERE chat_id = NEW.id;
END;
