-- V010 on PostgreSQL: `TRUNCATE chat_session` fires no DELETE trigger, so V009's count would keep
-- the chats it removed; a TRUNCATE trigger sets every slot to 0. (SQLite has no TRUNCATE: its
-- V010 gathers the change feed's field values of a chat into a view, for its bulk loads;
-- PostgreSQL's trigger functions keep theirs.)
CREATE FUNCTION chat_count_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE chat_count SET n = 0;
    RETURN NULL;
END
$$;

CREATE TRIGGER chat_count_truncate AFTER TRUNCATE ON chat_session
    FOR EACH STATEMENT EXECUTE FUNCTION chat_count_truncated();
