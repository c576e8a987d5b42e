-- V005: an id the archive assigns is never one it assigned before.
--
-- SQLite gives a new row the largest id plus one, so deleting the newest chat and creating
-- another handed out the deleted chat's id again: a link, an export or a client holding it then
-- pointed at another chat. The archive now remembers, per table, the largest id it ever deleted,
-- and assigns new rows an id past both that and the largest id the table holds
-- (SQLDialect.newID). Ids a row brings with it (an import restoring a backup) are kept as they are.
--
-- A trigger records the deletes, whoever makes them (the API, an import, the sqlite3 shell), so
-- that the archive never reuses an id. The table needs no rebuild: an existing file is upgraded
-- at once, whatever its size.
CREATE TABLE archive_id_high_water (
    table_name TEXT PRIMARY KEY NOT NULL,
    last_id    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER chat_session_keeps_its_ids AFTER DELETE ON chat_session BEGIN
    INSERT INTO archive_id_high_water (table_name, last_id) VALUES ('chat_session', OLD.id)
        ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;

CREATE TRIGGER chat_topic_keeps_its_ids AFTER DELETE ON chat_topic BEGIN
    INSERT INTO archive_id_high_water (table_name, last_id) VALUES ('chat_topic', OLD.id)
        ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;

CREATE TRIGGER person_keeps_its_ids AFTER DELETE ON person BEGIN
    INSERT INTO archive_id_high_water (table_name, last_id) VALUES ('person', OLD.id)
        ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;

CREATE TRIGGER contact_keeps_its_ids AFTER DELETE ON contact BEGIN
    INSERT INTO archive_id_high_water (table_name, last_id) VALUES ('contact', OLD.id)
        ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;

CREATE TRIGGER associate_keeps_its_ids AFTER DELETE ON associate BEGIN
    INSERT INTO archive_id_high_water (table_name, last_id) VALUES ('associate', OLD.id)
        ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;

CREATE TRIGGER api_token_keeps_its_ids AFTER DELETE ON api_token BEGIN
    INSERT INTO archive_id_high_water (table_name, last_id) VALUES ('api_token', OLD.id)
        ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;
