-- V008: the data behind every column of the reference's current ChatSession page (issue 23):
-- addresses, phones, e-mails, URLs, interests, consents, SAINT figures, user-defined fields
-- defined in tables, extra fields and tables, and the associates' locations.
--
-- Nothing here changes an existing table: what a person, a company or an associate gains lives
-- in a table of its own keyed by the owner's id (`person_detail`, `contact_detail`,
-- `associate_detail`, `person_udef`, …; their `id` is that key again, generated, so that they
-- read like every other table). Existing archives keep their rows as they are, and a
-- PostgreSQL load copies the older tables before these exist.

-- Items of the smaller lists the new columns choose from (consent sources, legal bases,
-- subscriptions, forms, flows, SAINT classes, extra-field and user-defined dropdowns), each list
-- by its number (the catalog's `ExtraList`).
CREATE TABLE list_item (
    list_id INTEGER NOT NULL,
    id      INTEGER NOT NULL,
    name_en TEXT NOT NULL COLLATE NOCASE,
    name_no TEXT NOT NULL COLLATE NOCASE,
    name_sv TEXT NOT NULL COLLATE NOCASE,
    name_de TEXT NOT NULL COLLATE NOCASE,
    rank    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (list_id, id)
);

-- Interests, a list of its own: persons and companies hold several.
CREATE TABLE interest (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE TABLE person_interest (
    person_id   INTEGER NOT NULL REFERENCES person(id),
    interest_id INTEGER NOT NULL REFERENCES interest(id),
    PRIMARY KEY (person_id, interest_id)
);
CREATE TABLE contact_interest (
    contact_id  INTEGER NOT NULL REFERENCES contact(id),
    interest_id INTEGER NOT NULL REFERENCES interest(id),
    PRIMARY KEY (contact_id, interest_id)
);

-- Addresses, written out in the layout of their country (`formatted`, one line;
-- `formatted_multi_line`, lines separated by a line feed).
CREATE TABLE address (
    id                   INTEGER PRIMARY KEY,
    line1                TEXT COLLATE NOCASE,
    line2                TEXT COLLATE NOCASE,
    line3                TEXT COLLATE NOCASE,
    county               TEXT COLLATE NOCASE,
    city                 TEXT COLLATE NOCASE,
    zip                  TEXT COLLATE NOCASE,
    state                TEXT COLLATE NOCASE,
    country_id           INTEGER REFERENCES country(id),
    latitude             REAL,
    longitude            REAL,
    formatted            TEXT,
    formatted_multi_line TEXT
);
CREATE INDEX address_by_city ON address(city);
CREATE INDEX address_by_zip ON address(zip);

-- A person's rows beyond `person`: addresses, the information text's id, consents, mailing
-- and flow fields. At most one per person.
CREATE TABLE person_detail (
    person_id                     INTEGER PRIMARY KEY REFERENCES person(id),
    id INTEGER GENERATED ALWAYS AS (person_id) VIRTUAL,
    address_id                    INTEGER REFERENCES address(id),
    restriction_address_id        INTEGER REFERENCES address(id),
    info_text_id                  INTEGER,
    is_mailing_recipient          INTEGER NOT NULL DEFAULT 0 CHECK (is_mailing_recipient IN (0, 1)),
    has_emarketing_consent        INTEGER NOT NULL DEFAULT 0 CHECK (has_emarketing_consent IN (0, 1)),
    has_store_consent             INTEGER NOT NULL DEFAULT 0 CHECK (has_store_consent IN (0, 1)),
    withdrawn_emarketing_consent  INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn_emarketing_consent IN (0, 1)),
    withdrawn_store_consent       INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn_store_consent IN (0, 1)),
    consent_source_emarketing_id  INTEGER,
    consent_source_store_id       INTEGER,
    legal_base_emarketing_id      INTEGER,
    legal_base_store_id           INTEGER,
    subscription_id               INTEGER,
    created_by_form_id            INTEGER,
    updated_by_workflow_id        INTEGER,
    when_updated_by_workflow      TEXT
);
CREATE INDEX person_detail_by_address ON person_detail(address_id);
CREATE INDEX person_detail_by_restriction_address ON person_detail(restriction_address_id);

-- A company's rows beyond `contact`: addresses, SAINT status flags, activity figures and the
-- SAINT classes.
CREATE TABLE contact_detail (
    contact_id                                  INTEGER PRIMARY KEY REFERENCES contact(id),
    id INTEGER GENERATED ALWAYS AS (contact_id) VIRTUAL,
    post_address_id                             INTEGER REFERENCES address(id),
    street_address_id                           INTEGER REFERENCES address(id),
    restriction_address_id                      INTEGER REFERENCES address(id),
    saint_status1                               INTEGER NOT NULL DEFAULT 0 CHECK (saint_status1 IN (0, 1)),
    saint_status2                               INTEGER NOT NULL DEFAULT 0 CHECK (saint_status2 IN (0, 1)),
    number_of_activities                        INTEGER NOT NULL DEFAULT 0,
    number_of_activities_in_period              INTEGER NOT NULL DEFAULT 0,
    number_of_not_completed_activities          INTEGER NOT NULL DEFAULT 0,
    number_of_not_completed_activities_in_period INTEGER NOT NULL DEFAULT 0,
    number_of_sales                             INTEGER NOT NULL DEFAULT 0,
    number_of_sales_in_period                   INTEGER NOT NULL DEFAULT 0,
    number_of_not_completed_sales               INTEGER NOT NULL DEFAULT 0,
    number_of_not_completed_sales_in_period     INTEGER NOT NULL DEFAULT 0,
    number_of_tickets                           INTEGER NOT NULL DEFAULT 0,
    number_of_tickets_in_period                 INTEGER NOT NULL DEFAULT 0,
    number_of_not_completed_tickets             INTEGER NOT NULL DEFAULT 0,
    number_of_not_completed_tickets_in_period   INTEGER NOT NULL DEFAULT 0,
    last_activity                               TEXT,
    last_completed_activity                     TEXT,
    last_do_by_activity                         TEXT,
    last_sale                                   TEXT,
    last_completed_sale                         TEXT,
    last_do_by_sale                             TEXT,
    last_ticket                                 TEXT,
    last_completed_ticket                       TEXT,
    last_do_by_ticket                           TEXT,
    saint_activity_type_id                      INTEGER,
    saint_amount_class_id                       INTEGER,
    saint_direction_id                          INTEGER,
    saint_intention_id                          INTEGER,
    saint_sale_status_id                        INTEGER,
    saint_ticket_category_id                    INTEGER,
    saint_ticket_status_id                      INTEGER
);
CREATE INDEX contact_detail_by_post_address ON contact_detail(post_address_id);
CREATE INDEX contact_detail_by_street_address ON contact_detail(street_address_id);
CREATE INDEX contact_detail_by_restriction_address ON contact_detail(restriction_address_id);

-- An associate's location (a meeting room, a car, …) and its address.
CREATE TABLE associate_detail (
    associate_id     INTEGER PRIMARY KEY REFERENCES associate(id),
    id INTEGER GENERATED ALWAYS AS (associate_id) VIRTUAL,
    is_location      INTEGER NOT NULL DEFAULT 0 CHECK (is_location IN (0, 1)),
    location_address TEXT COLLATE NOCASE
);

CREATE INDEX address_by_country ON address(country_id);
CREATE INDEX person_interest_by_interest ON person_interest(interest_id);
CREATE INDEX contact_interest_by_interest ON contact_interest(interest_id);

-- E-mail addresses: several per person or company, the first by rank shown (SCHEMA.md).
CREATE TABLE person_email (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES person(id),
    rank         INTEGER NOT NULL,
    protocol     TEXT NOT NULL DEFAULT 'SMTP' COLLATE NOCASE,
    address      TEXT NOT NULL COLLATE NOCASE,
    description  TEXT COLLATE NOCASE,
    last_sent    TEXT,
    bounce_count INTEGER NOT NULL DEFAULT 0,
    last_bounce  TEXT,
    has_bounced  INTEGER NOT NULL DEFAULT 0 CHECK (has_bounced IN (0, 1))
);
CREATE INDEX person_email_by_person ON person_email(person_id, rank);
CREATE INDEX person_email_by_address ON person_email(address);
CREATE TABLE contact_email (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contact(id),
    rank         INTEGER NOT NULL,
    protocol     TEXT NOT NULL DEFAULT 'SMTP' COLLATE NOCASE,
    address      TEXT NOT NULL COLLATE NOCASE,
    description  TEXT COLLATE NOCASE,
    last_sent    TEXT,
    bounce_count INTEGER NOT NULL DEFAULT 0,
    last_bounce  TEXT,
    has_bounced  INTEGER NOT NULL DEFAULT 0 CHECK (has_bounced IN (0, 1))
);
CREATE INDEX contact_email_by_contact ON contact_email(contact_id, rank);
CREATE INDEX contact_email_by_address ON contact_email(address);

-- Phone numbers by kind: a person's 1 direct, 2 mobile, 3 private, 4 other (pager), 5 fax; a
-- company's 1 telephone, 2 fax. `search_number` is the number's digits, as it is searched.
CREATE TABLE person_phone (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES person(id),
    kind             INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 5),
    rank             INTEGER NOT NULL,
    formatted_number TEXT NOT NULL,
    search_number    TEXT NOT NULL,
    description      TEXT COLLATE NOCASE
);
CREATE INDEX person_phone_by_person ON person_phone(person_id, kind, rank);
CREATE INDEX person_phone_by_search_number ON person_phone(search_number);
CREATE TABLE contact_phone (
    id               INTEGER PRIMARY KEY,
    contact_id       INTEGER NOT NULL REFERENCES contact(id),
    kind             INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 2),
    rank             INTEGER NOT NULL,
    formatted_number TEXT NOT NULL,
    search_number    TEXT NOT NULL,
    description      TEXT COLLATE NOCASE
);
CREATE INDEX contact_phone_by_contact ON contact_phone(contact_id, kind, rank);
CREATE INDEX contact_phone_by_search_number ON contact_phone(search_number);

-- Web addresses.
CREATE TABLE person_url (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES person(id),
    rank        INTEGER NOT NULL,
    address     TEXT NOT NULL COLLATE NOCASE,
    description TEXT COLLATE NOCASE
);
CREATE INDEX person_url_by_person ON person_url(person_id, rank);
CREATE TABLE contact_url (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contact(id),
    rank        INTEGER NOT NULL,
    address     TEXT NOT NULL COLLATE NOCASE,
    description TEXT COLLATE NOCASE
);
CREATE INDEX contact_url_by_contact ON contact_url(contact_id, rank);

-- User-defined fields: each archive defines its own. A definition names the field as clients
-- select it (`prog_id`, `SuperOffice:3` is `person/personUdef/SuperOffice:3`), its label, type
-- and position, and the column of `person_udef` or `contact_udef` that holds its values.
CREATE TABLE udef_field (
    id           INTEGER PRIMARY KEY,
    owner        TEXT NOT NULL CHECK (owner IN ('person', 'contact')),
    prog_id      TEXT NOT NULL,
    label        TEXT NOT NULL,
    field_type   TEXT NOT NULL CHECK (field_type IN ('text', 'longText', 'number', 'decimal', 'date', 'unlimitedDate', 'checkbox', 'list')),
    position     INTEGER NOT NULL,
    value_column TEXT NOT NULL,
    list_id      INTEGER,
    UNIQUE (owner, prog_id),
    UNIQUE (owner, value_column)
);
CREATE TABLE person_udef (
    person_id        INTEGER PRIMARY KEY REFERENCES person(id),
    id INTEGER GENERATED ALWAYS AS (person_id) VIRTUAL,
    text_1 TEXT COLLATE NOCASE, text_2 TEXT COLLATE NOCASE, text_3 TEXT COLLATE NOCASE, text_4 TEXT COLLATE NOCASE,
    text_5 TEXT COLLATE NOCASE, text_6 TEXT COLLATE NOCASE, text_7 TEXT COLLATE NOCASE, text_8 TEXT COLLATE NOCASE,
    long_text_1 TEXT, long_text_2 TEXT,
    number_1 INTEGER, number_2 INTEGER, number_3 INTEGER, number_4 INTEGER,
    decimal_1 REAL, decimal_2 REAL,
    date_1 TEXT, date_2 TEXT,
    unlimited_date_1 TEXT, unlimited_date_2 TEXT,
    checkbox_1 INTEGER CHECK (checkbox_1 IN (0, 1)), checkbox_2 INTEGER CHECK (checkbox_2 IN (0, 1)),
    list_1 INTEGER, list_2 INTEGER, list_3 INTEGER, list_4 INTEGER
);
CREATE TABLE contact_udef (
    contact_id       INTEGER PRIMARY KEY REFERENCES contact(id),
    id INTEGER GENERATED ALWAYS AS (contact_id) VIRTUAL,
    text_1 TEXT COLLATE NOCASE, text_2 TEXT COLLATE NOCASE, text_3 TEXT COLLATE NOCASE, text_4 TEXT COLLATE NOCASE,
    text_5 TEXT COLLATE NOCASE, text_6 TEXT COLLATE NOCASE, text_7 TEXT COLLATE NOCASE, text_8 TEXT COLLATE NOCASE,
    long_text_1 TEXT, long_text_2 TEXT,
    number_1 INTEGER, number_2 INTEGER, number_3 INTEGER, number_4 INTEGER,
    decimal_1 REAL, decimal_2 REAL,
    date_1 TEXT, date_2 TEXT,
    unlimited_date_1 TEXT, unlimited_date_2 TEXT,
    checkbox_1 INTEGER CHECK (checkbox_1 IN (0, 1)), checkbox_2 INTEGER CHECK (checkbox_2 IN (0, 1)),
    list_1 INTEGER, list_2 INTEGER, list_3 INTEGER, list_4 INTEGER
);

-- What extra fields relate to that the archive has no table for otherwise.
CREATE TABLE request (
    id    INTEGER PRIMARY KEY,
    title TEXT NOT NULL COLLATE NOCASE
);
CREATE TABLE appointment (
    id          INTEGER PRIMARY KEY,
    description TEXT NOT NULL COLLATE NOCASE
);

-- Extra tables (`y_…`) and the persons' and companies' extra fields (`x_…`), as the reference's
-- database customisations name them. A time is `HH:MM`; a time span, seconds.
CREATE TABLE y_equipment (
    id     INTEGER PRIMARY KEY,
    x_name TEXT COLLATE NOCASE
);
CREATE TABLE y_rental (
    id             INTEGER PRIMARY KEY,
    x_start        TEXT,
    x_end          TEXT,
    x_amount       INTEGER,
    x_contact      INTEGER REFERENCES contact(id),
    y_equipment_id INTEGER REFERENCES y_equipment(id)
);
CREATE TABLE y_car (
    id INTEGER PRIMARY KEY
);
CREATE TABLE y_organization (
    id     INTEGER PRIMARY KEY,
    x_name TEXT COLLATE NOCASE
);
CREATE TABLE person_extra (
    person_id                     INTEGER PRIMARY KEY REFERENCES person(id),
    id INTEGER GENERATED ALWAYS AS (person_id) VIRTUAL,
    x_person_integer              INTEGER,
    x_person_float                REAL,
    x_person_longtext             TEXT,
    x_person_date                 TEXT,
    x_person_datetime             TEXT,
    x_person_time                 TEXT,
    x_person_boolean              INTEGER CHECK (x_person_boolean IN (0, 1)),
    x_person_timespan             INTEGER,
    x_person_shorttext            TEXT COLLATE NOCASE,
    x_person_shorttext_list       INTEGER,
    x_person_user_relation        INTEGER REFERENCES associate(id),
    x_person_category_relation    INTEGER REFERENCES category(id),
    x_person_priority_relation    INTEGER REFERENCES service_priority(id),
    x_person_request_relation     INTEGER REFERENCES request(id),
    x_person_appointment_relation INTEGER REFERENCES appointment(id),
    x_person_contact_relation     INTEGER REFERENCES contact(id),
    y_rental_id                   INTEGER REFERENCES y_rental(id),
    y_car_id                      INTEGER REFERENCES y_car(id)
);
CREATE TABLE contact_extra (
    contact_id                 INTEGER PRIMARY KEY REFERENCES contact(id),
    id INTEGER GENERATED ALWAYS AS (contact_id) VIRTUAL,
    x_contact_boolean          INTEGER CHECK (x_contact_boolean IN (0, 1)),
    x_contact_contact          INTEGER REFERENCES contact(id),
    x_contact_contact_relation INTEGER REFERENCES contact(id),
    x_contact_date             TEXT,
    x_contact_datetime         TEXT,
    x_contact_default_integer  INTEGER,
    x_contact_dropdown         INTEGER,
    x_contact_float            REAL,
    x_contact_integer          INTEGER,
    x_contact_longtext         TEXT,
    x_contact_request_relation INTEGER REFERENCES request(id),
    x_contact_short_dropdown   INTEGER,
    x_contact_shorttext        TEXT COLLATE NOCASE,
    x_contact_time             TEXT,
    x_contact_timespan         INTEGER,
    y_organization_id          INTEGER REFERENCES y_organization(id)
);
CREATE INDEX person_extra_by_rental ON person_extra(y_rental_id);
CREATE INDEX person_extra_by_car ON person_extra(y_car_id);
CREATE INDEX person_extra_by_user ON person_extra(x_person_user_relation);
CREATE INDEX person_extra_by_category ON person_extra(x_person_category_relation);
CREATE INDEX person_extra_by_priority ON person_extra(x_person_priority_relation);
CREATE INDEX person_extra_by_request ON person_extra(x_person_request_relation);
CREATE INDEX person_extra_by_appointment ON person_extra(x_person_appointment_relation);
CREATE INDEX person_extra_by_contact ON person_extra(x_person_contact_relation);
CREATE INDEX contact_extra_by_organization ON contact_extra(y_organization_id);
CREATE INDEX contact_extra_by_contact ON contact_extra(x_contact_contact);
CREATE INDEX contact_extra_by_contact_relation ON contact_extra(x_contact_contact_relation);
CREATE INDEX contact_extra_by_request ON contact_extra(x_contact_request_relation);
CREATE INDEX y_rental_by_contact ON y_rental(x_contact);
CREATE INDEX y_rental_by_equipment ON y_rental(y_equipment_id);
