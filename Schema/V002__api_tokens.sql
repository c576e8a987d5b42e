-- Bearer tokens for the REST API, issued by `archive token create`.
--
-- A token is shown once, when it is created; the database keeps only its SHA-256 (tokens are
-- 256 random bits, so a fast hash is enough: there is nothing to guess from a dictionary).
-- `prefix` is the token's first characters, so that people can tell their tokens apart in
-- `archive token list`. A revoked token keeps its row (and when it was revoked) for the record.
CREATE TABLE api_token (
    id           INTEGER PRIMARY KEY,
    associate_id INTEGER NOT NULL REFERENCES associate(id),
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created      TEXT NOT NULL,
    revoked      TEXT
);
CREATE INDEX api_token_by_associate_id ON api_token(associate_id);
