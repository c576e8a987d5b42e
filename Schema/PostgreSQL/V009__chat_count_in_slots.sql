-- V009 on PostgreSQL: the number of chats, kept by statement triggers in sixteen rows, each
-- writer adding to the row of its backend, so that concurrent writers do not wait for one row
-- lock; the grand total is their sum.
CREATE TABLE chat_count (
    slot bigint PRIMARY KEY,
    n    bigint NOT NULL
);
INSERT INTO chat_count (slot, n) SELECT slot, 0 FROM generate_series(0, 15) AS slot;
UPDATE chat_count SET n = (SELECT count(*) FROM chat_session) WHERE slot = 0;

CREATE FUNCTION chat_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE chat_count SET n = n + (SELECT count(*) FROM added_chats) WHERE slot = pg_backend_pid() % 16;
    RETURN NULL;
END
$$;

CREATE FUNCTION chat_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE chat_count SET n = n - (SELECT count(*) FROM removed_chats) WHERE slot = pg_backend_pid() % 16;
    RETURN NULL;
END
$$;

CREATE TRIGGER chat_count_insert AFTER INSERT ON chat_session REFERENCING NEW TABLE AS added_chats
    FOR EACH STATEMENT EXECUTE FUNCTION chat_count_added();

CREATE TRIGGER chat_count_delete AFTER DELETE ON chat_session REFERENCING OLD TABLE AS removed_chats
    FOR EACH STATEMENT EXECUTE FUNCTION chat_count_removed();
