-- V006: the change feed. Every chat created, changed or deleted is recorded in chat_change, in
-- the same transaction as the change, whoever writes it (the API, an import, the sqlite3 shell):
-- a committed change is never missing from the feed, and a rolled-back one never in it. Webhook
-- deliveries and delta links read the feed after a position (seq), so it is their durable outbox.
--
-- seq orders the changes as they were committed: SQLite has one writer at a time, so the order
-- in which rows are inserted is the order of the commits. AUTOINCREMENT never gives a seq twice,
-- even after the oldest changes are pruned, so a position held by a client stays meaningful.
--
-- The archive's writers name who writes (changed_by, the associate of the API's caller) and may
-- switch the feed off for their own transaction (events = 0: seeding, `archive import
-- --no-events`) in archive_write_context, and put it back before they commit. A write from
-- outside the engine finds the defaults there: recorded, by nobody.
CREATE TABLE archive_write_context (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    changed_by INTEGER,
    events     INTEGER NOT NULL DEFAULT 1 CHECK (events IN (0, 1))
);
INSERT INTO archive_write_context (id, changed_by, events) VALUES (1, NULL, 1);

CREATE TABLE chat_change (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id    INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('created', 'changed', 'deleted')),
    changes    TEXT NOT NULL DEFAULT '',
    changed_by INTEGER,
    at         TEXT NOT NULL
);
CREATE INDEX chat_change_by_chat_id ON chat_change(chat_id, seq);

CREATE TRIGGER chat_session_created AFTER INSERT ON chat_session
WHEN (SELECT events FROM archive_write_context WHERE id = 1) = 1 BEGIN
    INSERT INTO chat_change (chat_id, kind, changed_by, at)
    VALUES (NEW.id, 'created', (SELECT changed_by FROM archive_write_context WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

-- Only a change of a chat's own fields is one (as in the reference): `updated` alone is not, nor
-- is a change of the person or company it names.
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
    INSERT INTO chat_change (chat_id, kind, changes, changed_by, at)
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
        (SELECT changed_by FROM archive_write_context WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER chat_session_deleted AFTER DELETE ON chat_session
WHEN (SELECT events FROM archive_write_context WHERE id = 1) = 1 BEGIN
    INSERT INTO chat_change (chat_id, kind, changed_by, at)
    VALUES (OLD.id, 'deleted', (SELECT changed_by FROM archive_write_context WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
