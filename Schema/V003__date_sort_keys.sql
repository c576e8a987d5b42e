-- V003: the dates that date columns sort by.
--
-- A date column (`date`, `registeredDate`, `person/personUpdatedDate`, …) shows and sorts by the
-- date of a stored UTC datetime: rows of one day tie, and the next sort key (or the chat's id)
-- decides between them, not the time of day. These generated columns hold that date (in UTC) so
-- that the order can walk an index; the datetimes themselves stay what restrictions compare.
ALTER TABLE chat_session ADD COLUMN requested_date TEXT GENERATED ALWAYS AS (date(when_requested)) VIRTUAL;
ALTER TABLE chat_session ADD COLUMN updated_date TEXT GENERATED ALWAYS AS (date(updated)) VIRTUAL;
CREATE INDEX chat_session_by_requested_date ON chat_session(requested_date);
CREATE INDEX chat_session_by_requested_date_desc ON chat_session(requested_date DESC);

ALTER TABLE person ADD COLUMN registered_date TEXT GENERATED ALWAYS AS (date(registered)) VIRTUAL;
ALTER TABLE person ADD COLUMN updated_date TEXT GENERATED ALWAYS AS (date(updated)) VIRTUAL;
CREATE INDEX person_by_registered_date ON person(registered_date);
CREATE INDEX person_by_updated_date ON person(updated_date);

ALTER TABLE contact ADD COLUMN registered_date TEXT GENERATED ALWAYS AS (date(registered)) VIRTUAL;
ALTER TABLE contact ADD COLUMN updated_date TEXT GENERATED ALWAYS AS (date(updated)) VIRTUAL;
CREATE INDEX contact_by_registered_date ON contact(registered_date);
CREATE INDEX contact_by_updated_date ON contact(updated_date);

-- contactId and personId show (and sort by) the ids themselves: an index per direction, as the
-- other orderable columns of chat_session have.
CREATE INDEX chat_session_by_contact_id_desc ON chat_session(contact_id DESC);
CREATE INDEX chat_session_by_person_id_desc ON chat_session(person_id DESC);
