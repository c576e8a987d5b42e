-- V005: an id the archive assigns is never one it assigned before (SQLite's V005).
--
-- On PostgreSQL every id comes from its table's identity sequence, which hands out each value
-- once, deleted rows or not: nothing needs remembering. What can still go wrong is a sequence
-- left behind by rows written with their own ids outside the engine (a data-only restore with
-- pg_restore, a COPY of one's own): each identity moves past the largest id of its table, never
-- back.
SELECT setval(pg_get_serial_sequence('chat_session', 'id'), GREATEST(coalesce(max(id), 0) + 1, nextval(pg_get_serial_sequence('chat_session', 'id'))), false) FROM chat_session;
SELECT setval(pg_get_serial_sequence('chat_topic', 'id'), GREATEST(coalesce(max(id), 0) + 1, nextval(pg_get_serial_sequence('chat_topic', 'id'))), false) FROM chat_topic;
SELECT setval(pg_get_serial_sequence('person', 'id'), GREATEST(coalesce(max(id), 0) + 1, nextval(pg_get_serial_sequence('person', 'id'))), false) FROM person;
SELECT setval(pg_get_serial_sequence('contact', 'id'), GREATEST(coalesce(max(id), 0) + 1, nextval(pg_get_serial_sequence('contact', 'id'))), false) FROM contact;
SELECT setval(pg_get_serial_sequence('associate', 'id'), GREATEST(coalesce(max(id), 0) + 1, nextval(pg_get_serial_sequence('associate', 'id'))), false) FROM associate;
SELECT setval(pg_get_serial_sequence('api_token', 'id'), GREATEST(coalesce(max(id), 0) + 1, nextval(pg_get_serial_sequence('api_token', 'id'))), false) FROM api_token;
