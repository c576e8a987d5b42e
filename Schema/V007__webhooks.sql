-- V007: webhooks, and the values of each change in the feed.
--
-- A chat event carries the chat's values as they were when it changed (`FieldValues`: the
-- reference lists alert level, chatbot active, consented, company, customer alias, customer
-- (person), project, rating, sale, status, ticket, topic and user). The feed's triggers now keep
-- them with each change, so that an event delivered late, or again, says what was true then,
-- and a deleted chat's event still has them. Changes recorded before this migration have none
-- (`{}`).
ALTER TABLE chat_change ADD COLUMN field_values TEXT NOT NULL DEFAULT '{}';

DROP TRIGGER chat_session_created;
DROP TRIGGER chat_session_changed;
DROP TRIGGER chat_session_deleted;

CREATE TRIGGER chat_session_created AFTER INSERT ON chat_session
WHEN (SELECT events FROM archive_write_context WHERE id = 1) = 1 BEGIN
    INSERT INTO chat_change (chat_id, kind, changed_by, at, field_values)
    VALUES (NEW.id, 'created', (SELECT changed_by FROM archive_write_context WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'),
        json_object('alert_level', NEW.alert_level, 'chatbot_isactive', NEW.chatbot_is_active, 'customer_consented', NEW.customer_consented, 'contact_id', coalesce(NEW.contact_id, 0), 'customer_alias', coalesce(NEW.customer_alias, ''), 'person_id', coalesce(NEW.person_id, 0), 'project_id', 0, 'rating', coalesce(NEW.rating, 0), 'sale_id', 0, 'status', NEW.status, 'ticket_id', 0, 'topic_id', NEW.topic_id, 'user_id', coalesce(NEW.associate_id, 0)));
END;

CREATE TRIGGER chat_session_changed AFTER UPDATE ON chat_session
WHEN (SELECT events FROM archive_write_context WHERE id = 1) = 1 AND (
    OLD.topic_id IS NOT NEW.topic_id OR
    OLD.associate_id IS NOT NEW.associate_id OR
    OLD.person_id IS NOT NEW.person_id OR
    OLD.contact_id IS NOT NEW.contact_id OR
    OLD.status IS NOT NEW.status OR
    OLD.customer_alias IS NOT NEW.customer_alias OR
    OLD.first_message IS NOT NEW.first_message OR
    OLD.last_message IS NOT NEW.last_message OR
    OLD.when_requested IS NOT NEW.when_requested OR
    OLD.when_started IS NOT NEW.when_started OR
    OLD.when_ended IS NOT NEW.when_ended OR
    OLD.queue_length IS NOT NEW.queue_length OR
    OLD.rating IS NOT NEW.rating OR
    OLD.customer_host IS NOT NEW.customer_host OR
    OLD.customer_name IS NOT NEW.customer_name OR
    OLD.customer_email IS NOT NEW.customer_email OR
    OLD.customer_phone IS NOT NEW.customer_phone OR
    OLD.customer_company_name IS NOT NEW.customer_company_name OR
    OLD.customer_consented IS NOT NEW.customer_consented OR
    OLD.when_idle IS NOT NEW.when_idle OR
    OLD.when_fetched IS NOT NEW.when_fetched OR
    OLD.session_key IS NOT NEW.session_key OR
    OLD.alert_level IS NOT NEW.alert_level OR
    OLD.rank IS NOT NEW.rank OR
    OLD.flags IS NOT NEW.flags OR
    OLD.transfer_to IS NOT NEW.transfer_to OR
    OLD.chatbot_is_active IS NOT NEW.chatbot_is_active) BEGIN
    INSERT INTO chat_change (chat_id, kind, changes, changed_by, at, field_values)
    VALUES (NEW.id, 'changed',
        substr(
            CASE WHEN OLD.topic_id IS NOT NEW.topic_id THEN ',topic_id' ELSE '' END ||
            CASE WHEN OLD.associate_id IS NOT NEW.associate_id THEN ',associate_id' ELSE '' END ||
            CASE WHEN OLD.person_id IS NOT NEW.person_id THEN ',person_id' ELSE '' END ||
            CASE WHEN OLD.contact_id IS NOT NEW.contact_id THEN ',contact_id' ELSE '' END ||
            CASE WHEN OLD.status IS NOT NEW.status THEN ',status' ELSE '' END ||
            CASE WHEN OLD.customer_alias IS NOT NEW.customer_alias THEN ',customer_alias' ELSE '' END ||
            CASE WHEN OLD.first_message IS NOT NEW.first_message THEN ',first_message' ELSE '' END ||
            CASE WHEN OLD.last_message IS NOT NEW.last_message THEN ',last_message' ELSE '' END ||
            CASE WHEN OLD.when_requested IS NOT NEW.when_requested THEN ',when_requested' ELSE '' END ||
            CASE WHEN OLD.when_started IS NOT NEW.when_started THEN ',when_started' ELSE '' END ||
            CASE WHEN OLD.when_ended IS NOT NEW.when_ended THEN ',when_ended' ELSE '' END ||
            CASE WHEN OLD.queue_length IS NOT NEW.queue_length THEN ',queue_length' ELSE '' END ||
            CASE WHEN OLD.rating IS NOT NEW.rating THEN ',rating' ELSE '' END ||
            CASE WHEN OLD.customer_host IS NOT NEW.customer_host THEN ',customer_host' ELSE '' END ||
            CASE WHEN OLD.customer_name IS NOT NEW.customer_name THEN ',customer_name' ELSE '' END ||
            CASE WHEN OLD.customer_email IS NOT NEW.customer_email THEN ',customer_email' ELSE '' END ||
            CASE WHEN OLD.customer_phone IS NOT NEW.customer_phone THEN ',customer_phone' ELSE '' END ||
            CASE WHEN OLD.customer_company_name IS NOT NEW.customer_company_name THEN ',customer_company_name' ELSE '' END ||
            CASE WHEN OLD.customer_consented IS NOT NEW.customer_consented THEN ',customer_consented' ELSE '' END ||
            CASE WHEN OLD.when_idle IS NOT NEW.when_idle THEN ',when_idle' ELSE '' END ||
            CASE WHEN OLD.when_fetched IS NOT NEW.when_fetched THEN ',when_fetched' ELSE '' END ||
            CASE WHEN OLD.session_key IS NOT NEW.session_key THEN ',session_key' ELSE '' END ||
            CASE WHEN OLD.alert_level IS NOT NEW.alert_level THEN ',alert_level' ELSE '' END ||
            CASE WHEN OLD.rank IS NOT NEW.rank THEN ',rank' ELSE '' END ||
            CASE WHEN OLD.flags IS NOT NEW.flags THEN ',flags' ELSE '' END ||
            CASE WHEN OLD.transfer_to IS NOT NEW.transfer_to THEN ',transfer_to' ELSE '' END ||
            CASE WHEN OLD.chatbot_is_active IS NOT NEW.chatbot_is_active THEN ',chatbot_is_active' ELSE '' END, 2),
        (SELECT changed_by FROM archive_write_context WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'),
        json_object('alert_level', NEW.alert_level, 'chatbot_isactive', NEW.chatbot_is_active, 'customer_consented', NEW.customer_consented, 'contact_id', coalesce(NEW.contact_id, 0), 'customer_alias', coalesce(NEW.customer_alias, ''), 'person_id', coalesce(NEW.person_id, 0), 'project_id', 0, 'rating', coalesce(NEW.rating, 0), 'sale_id', 0, 'status', NEW.status, 'ticket_id', 0, 'topic_id', NEW.topic_id, 'user_id', coalesce(NEW.associate_id, 0)));
END;

CREATE TRIGGER chat_session_deleted AFTER DELETE ON chat_session
WHEN (SELECT events FROM archive_write_context WHERE id = 1) = 1 BEGIN
    INSERT INTO chat_change (chat_id, kind, changed_by, at, field_values)
    VALUES (OLD.id, 'deleted', (SELECT changed_by FROM archive_write_context WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'),
        json_object('alert_level', OLD.alert_level, 'chatbot_isactive', OLD.chatbot_is_active, 'customer_consented', OLD.customer_consented, 'contact_id', coalesce(OLD.contact_id, 0), 'customer_alias', coalesce(OLD.customer_alias, ''), 'person_id', coalesce(OLD.person_id, 0), 'project_id', 0, 'rating', coalesce(OLD.rating, 0), 'sale_id', 0, 'status', OLD.status, 'ticket_id', 0, 'topic_id', OLD.topic_id, 'user_id', coalesce(OLD.associate_id, 0)));
END;

-- The webhooks (the reference's WebhookEntity) and where each one's delivery stands: the feed
-- position delivered up to, in commit order, at least once. A webhook's secret is sealed
-- (AES-GCM) with the key file the server is given, so that it can sign and is never stored
-- in the clear; it is never shown again.
CREATE TABLE webhook (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL,
    events             TEXT NOT NULL,
    target_url         TEXT NOT NULL,
    sealed_secret      TEXT,
    state              TEXT NOT NULL CHECK (state IN ('Active', 'Stopped', 'TooManyErrors')),
    type               TEXT NOT NULL DEFAULT 'Webhook',
    registered         TEXT NOT NULL,
    registered_by      INTEGER,
    updated            TEXT,
    updated_by         INTEGER,
    delivered_position INTEGER NOT NULL DEFAULT 0,
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    last_success       TEXT,
    last_error         TEXT,
    last_error_message TEXT
);

-- The feed is pruned once its changes are older than the retention (`archive serve
-- --change-retention-days`) and every active webhook has them: pruned_through is the last
-- position pruned, so that a delta link from before it is told it expired rather than given an
-- answer with changes missing.
CREATE TABLE chat_change_pruned (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    pruned_through INTEGER NOT NULL
);
INSERT INTO chat_change_pruned (id, pruned_through) VALUES (1, 0);

CREATE TRIGGER webhook_keeps_its_ids AFTER DELETE ON webhook BEGIN
    INSERT INTO archive_id_high_water (table_name, last_id) VALUES ('webhook', OLD.id)
        ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;
