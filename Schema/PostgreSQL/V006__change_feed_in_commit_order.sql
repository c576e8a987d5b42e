-- V006: the change feed (SQLite's V006). Every chat created, changed or deleted is recorded in
-- chat_change by triggers, in the same transaction as the change, whoever writes it.
--
-- seq orders the changes as they were committed. Numbers drawn during a transaction would not:
-- with two writers, a reader could see number 11 committed while 10 is not yet, and a client
-- that went on from 11 would never see 10. So seq is stamped at commit: a deferred constraint
-- trigger takes a transaction-level advisory lock (held until the commit is done) and numbers
-- the transaction's changes then. Writers overlap freely until they commit; only the numbering
-- at commit is one at a time, and a reader that sees seq N sees every seq below it. Rows not
-- yet stamped are not committed, and nobody but their own transaction sees them.
--
-- Who writes and whether the feed records are the writing transaction's settings
-- (`SET LOCAL archive.changed_by`, `archive.events`); a write from outside the engine finds
-- none: recorded, by nobody.
CREATE SEQUENCE chat_change_seq;

CREATE TABLE chat_change (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seq bigint UNIQUE,
    chat_id bigint NOT NULL,
    kind text COLLATE "C" NOT NULL CHECK (kind IN ('created', 'changed', 'deleted')),
    changes text COLLATE "C" NOT NULL DEFAULT '',
    changed_by bigint,
    at timestamp(3) NOT NULL DEFAULT (clock_timestamp() AT TIME ZONE 'UTC'),
    txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX chat_change_by_chat_id ON chat_change (chat_id, seq);
CREATE INDEX chat_change_unstamped ON chat_change (txid) WHERE seq IS NULL;

CREATE FUNCTION archive_records_changes() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('archive.events', true), ''), 'on') <> 'off'
$$;

CREATE FUNCTION archive_changed_by() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('archive.changed_by', true), '')::bigint
$$;

CREATE FUNCTION chat_session_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT archive_records_changes() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO chat_change (chat_id, kind, changed_by) VALUES (NEW.id, 'created', archive_changed_by());
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO chat_change (chat_id, kind, changed_by) VALUES (OLD.id, 'deleted', archive_changed_by());
    ELSIF OLD.topic_id IS DISTINCT FROM NEW.topic_id OR
       OLD.associate_id IS DISTINCT FROM NEW.associate_id OR
       OLD.person_id IS DISTINCT FROM NEW.person_id OR
       OLD.contact_id IS DISTINCT FROM NEW.contact_id OR
       OLD.status IS DISTINCT FROM NEW.status OR
       OLD.customer_alias IS DISTINCT FROM NEW.customer_alias OR
       OLD.first_message IS DISTINCT FROM NEW.first_message OR
       OLD.last_message IS DISTINCT FROM NEW.last_message OR
       OLD.when_requested IS DISTINCT FROM NEW.when_requested OR
       OLD.when_started IS DISTINCT FROM NEW.when_started OR
       OLD.when_ended IS DISTINCT FROM NEW.when_ended OR
       OLD.queue_length IS DISTINCT FROM NEW.queue_length OR
       OLD.rating IS DISTINCT FROM NEW.rating OR
       OLD.customer_host IS DISTINCT FROM NEW.customer_host OR
       OLD.customer_name IS DISTINCT FROM NEW.customer_name OR
       OLD.customer_email IS DISTINCT FROM NEW.customer_email OR
       OLD.customer_phone IS DISTINCT FROM NEW.customer_phone OR
       OLD.customer_company_name IS DISTINCT FROM NEW.customer_company_name OR
       OLD.customer_consented IS DISTINCT FROM NEW.customer_consented OR
       OLD.when_idle IS DISTINCT FROM NEW.when_idle OR
       OLD.when_fetched IS DISTINCT FROM NEW.when_fetched OR
       OLD.session_key IS DISTINCT FROM NEW.session_key OR
       OLD.alert_level IS DISTINCT FROM NEW.alert_level OR
       OLD.rank IS DISTINCT FROM NEW.rank OR
       OLD.flags IS DISTINCT FROM NEW.flags OR
       OLD.transfer_to IS DISTINCT FROM NEW.transfer_to OR
       OLD.chatbot_is_active IS DISTINCT FROM NEW.chatbot_is_active THEN
        INSERT INTO chat_change (chat_id, kind, changes, changed_by) VALUES (NEW.id, 'changed', concat_ws(',',
        CASE WHEN OLD.topic_id IS DISTINCT FROM NEW.topic_id THEN 'topic_id' END,
        CASE WHEN OLD.associate_id IS DISTINCT FROM NEW.associate_id THEN 'associate_id' END,
        CASE WHEN OLD.person_id IS DISTINCT FROM NEW.person_id THEN 'person_id' END,
        CASE WHEN OLD.contact_id IS DISTINCT FROM NEW.contact_id THEN 'contact_id' END,
        CASE WHEN OLD.status IS DISTINCT FROM NEW.status THEN 'status' END,
        CASE WHEN OLD.customer_alias IS DISTINCT FROM NEW.customer_alias THEN 'customer_alias' END,
        CASE WHEN OLD.first_message IS DISTINCT FROM NEW.first_message THEN 'first_message' END,
        CASE WHEN OLD.last_message IS DISTINCT FROM NEW.last_message THEN 'last_message' END,
        CASE WHEN OLD.when_requested IS DISTINCT FROM NEW.when_requested THEN 'when_requested' END,
        CASE WHEN OLD.when_started IS DISTINCT FROM NEW.when_started THEN 'when_started' END,
        CASE WHEN OLD.when_ended IS DISTINCT FROM NEW.when_ended THEN 'when_ended' END,
        CASE WHEN OLD.queue_length IS DISTINCT FROM NEW.queue_length THEN 'queue_length' END,
        CASE WHEN OLD.rating IS DISTINCT FROM NEW.rating THEN 'rating' END,
        CASE WHEN OLD.customer_host IS DISTINCT FROM NEW.customer_host THEN 'customer_host' END,
        CASE WHEN OLD.customer_name IS DISTINCT FROM NEW.customer_name THEN 'customer_name' END,
        CASE WHEN OLD.customer_email IS DISTINCT FROM NEW.customer_email THEN 'customer_email' END,
        CASE WHEN OLD.customer_phone IS DISTINCT FROM NEW.customer_phone THEN 'customer_phone' END,
        CASE WHEN OLD.customer_company_name IS DISTINCT FROM NEW.customer_company_name THEN 'customer_company_name' END,
        CASE WHEN OLD.customer_consented IS DISTINCT FROM NEW.customer_consented THEN 'customer_consented' END,
        CASE WHEN OLD.when_idle IS DISTINCT FROM NEW.when_idle THEN 'when_idle' END,
        CASE WHEN OLD.when_fetched IS DISTINCT FROM NEW.when_fetched THEN 'when_fetched' END,
        CASE WHEN OLD.session_key IS DISTINCT FROM NEW.session_key THEN 'session_key' END,
        CASE WHEN OLD.alert_level IS DISTINCT FROM NEW.alert_level THEN 'alert_level' END,
        CASE WHEN OLD.rank IS DISTINCT FROM NEW.rank THEN 'rank' END,
        CASE WHEN OLD.flags IS DISTINCT FROM NEW.flags THEN 'flags' END,
        CASE WHEN OLD.transfer_to IS DISTINCT FROM NEW.transfer_to THEN 'transfer_to' END,
        CASE WHEN OLD.chatbot_is_active IS DISTINCT FROM NEW.chatbot_is_active THEN 'chatbot_is_active' END), archive_changed_by());
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER chat_session_changes AFTER INSERT OR UPDATE OR DELETE ON chat_session
    FOR EACH ROW EXECUTE FUNCTION chat_session_record_change();

-- At commit: the first unstamped change of the transaction takes the lock and numbers them all,
-- in the order they were made; the others find themselves numbered.
CREATE FUNCTION chat_change_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM chat_change WHERE id = NEW.id AND seq IS NULL) THEN
        PERFORM pg_advisory_xact_lock(7243061);
        UPDATE chat_change AS c SET seq = numbered.seq
        FROM (SELECT id, nextval('chat_change_seq') AS seq
              FROM (SELECT id FROM chat_change WHERE txid = pg_current_xact_id() AND seq IS NULL ORDER BY id) AS mine) AS numbered
        WHERE c.id = numbered.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER chat_change_stamped_at_commit AFTER INSERT ON chat_change
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION chat_change_stamp();
