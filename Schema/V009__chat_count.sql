-- V009: the number of chats, kept by triggers, so that the grand total (`Count(chatSessionId)`
-- with no restriction, and `$inlineCount` without `$filter`) reads one row instead of every
-- chat, exactly, whoever writes: the engine, an import, or the sqlite3 shell.
CREATE TABLE chat_count (
    slot INTEGER PRIMARY KEY,
    n    INTEGER NOT NULL
);
INSERT INTO chat_count (slot, n) SELECT 0, count(*) FROM chat_session;

CREATE TRIGGER chat_count_insert AFTER INSERT ON chat_session BEGIN
    UPDATE chat_count SET n = n + 1 WHERE slot = 0;
END;

CREATE TRIGGER chat_count_delete AFTER DELETE ON chat_session BEGIN
    UPDATE chat_count SET n = n - 1 WHERE slot = 0;
END;
