-- V001: the archive's tables.
--
-- Conventions (see SCHEMA.md for every table and column):
--   * Datetimes are TEXT 'YYYY-MM-DD HH:MM:SS' in UTC (SQLite's own format, so date() and
--     strftime() work on them in the sqlite3 shell); dates are TEXT 'YYYY-MM-DD'.
--   * Booleans are INTEGER 0 or 1. An empty field is NULL, never ''.
--   * Text that clients filter and sort is COLLATE NOCASE, a collation built into SQLite: the file
--     needs no custom collation or function, and opens in the plain sqlite3 shell.
--   * Derived values (full names, flags, durations) are generated columns built from SQLite's
--     built-in functions only, so that they can be indexed.
--   * Every foreign key has an index, and so do the columns that clients commonly order and page
--     by (SCHEMA.md lists them). Indexed columns of chat_session have one index per direction, so
--     that ORDER BY x DESC, id ASC (ties broken by ascending id) walks an index too.
-- List tables: one row per list item, with its name in English, Norwegian, Swedish and German.
-- The state of a chat session (ChatSessionStatus: 0 Invalid … 11 ClosedFromQueue).
CREATE TABLE chat_session_status (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE INDEX chat_session_status_by_name_en ON chat_session_status(name_en);
CREATE INDEX chat_session_status_by_name_no ON chat_session_status(name_no);
CREATE INDEX chat_session_status_by_name_sv ON chat_session_status(name_sv);
CREATE INDEX chat_session_status_by_name_de ON chat_session_status(name_de);

-- The kind of user: associate, external user, system user, anonymous account.
CREATE TABLE associate_type (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE INDEX associate_type_by_name_en ON associate_type(name_en);
CREATE INDEX associate_type_by_name_no ON associate_type(name_no);
CREATE INDEX associate_type_by_name_sv ON associate_type(name_sv);
CREATE INDEX associate_type_by_name_de ON associate_type(name_de);

-- Company and person categories.
CREATE TABLE category (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE INDEX category_by_name_en ON category(name_en);
CREATE INDEX category_by_name_no ON category(name_no);
CREATE INDEX category_by_name_sv ON category(name_sv);
CREATE INDEX category_by_name_de ON category(name_de);

-- Lines of business for companies and persons.
CREATE TABLE business (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE INDEX business_by_name_en ON business(name_en);
CREATE INDEX business_by_name_no ON business(name_no);
CREATE INDEX business_by_name_sv ON business(name_sv);
CREATE INDEX business_by_name_de ON business(name_de);

-- Countries.
CREATE TABLE country (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE INDEX country_by_name_en ON country(name_en);
CREATE INDEX country_by_name_no ON country(name_no);
CREATE INDEX country_by_name_sv ON country(name_sv);
CREATE INDEX country_by_name_de ON country(name_de);

-- Job positions of persons.
CREATE TABLE person_position (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE INDEX person_position_by_name_en ON person_position(name_en);
CREATE INDEX person_position_by_name_no ON person_position(name_no);
CREATE INDEX person_position_by_name_sv ON person_position(name_sv);
CREATE INDEX person_position_by_name_de ON person_position(name_de);

-- Where a company or person came from.
CREATE TABLE source (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE INDEX source_by_name_en ON source(name_en);
CREATE INDEX source_by_name_no ON source(name_no);
CREATE INDEX source_by_name_sv ON source(name_sv);
CREATE INDEX source_by_name_de ON source(name_de);

-- User groups that associates belong to.
CREATE TABLE user_group (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE INDEX user_group_by_name_en ON user_group(name_en);
CREATE INDEX user_group_by_name_no ON user_group(name_no);
CREATE INDEX user_group_by_name_sv ON user_group(name_sv);
CREATE INDEX user_group_by_name_de ON user_group(name_de);

-- Roles that associates have.
CREATE TABLE role (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE INDEX role_by_name_en ON role(name_en);
CREATE INDEX role_by_name_no ON role(name_no);
CREATE INDEX role_by_name_sv ON role(name_sv);
CREATE INDEX role_by_name_de ON role(name_de);

-- Default service (ticket) priorities for persons.
CREATE TABLE service_priority (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE INDEX service_priority_by_name_en ON service_priority(name_en);
CREATE INDEX service_priority_by_name_no ON service_priority(name_no);
CREATE INDEX service_priority_by_name_sv ON service_priority(name_sv);
CREATE INDEX service_priority_by_name_de ON service_priority(name_de);

-- Languages: a person's preferred support language, a chat topic's language.
CREATE TABLE language (
    id         INTEGER PRIMARY KEY,
    name_en    TEXT NOT NULL COLLATE NOCASE,
    name_no    TEXT NOT NULL COLLATE NOCASE,
    name_sv    TEXT NOT NULL COLLATE NOCASE,
    name_de    TEXT NOT NULL COLLATE NOCASE,
    rank       INTEGER NOT NULL DEFAULT 0,
    is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1))
);
CREATE INDEX language_by_name_en ON language(name_en);
CREATE INDEX language_by_name_no ON language(name_no);
CREATE INDEX language_by_name_sv ON language(name_sv);
CREATE INDEX language_by_name_de ON language(name_de);

-- Companies ("contacts" in the reference system's vocabulary).
CREATE TABLE contact (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL COLLATE NOCASE,
    department       TEXT COLLATE NOCASE,
    name_department  TEXT COLLATE NOCASE GENERATED ALWAYS AS
                     (name || CASE WHEN department IS NULL OR department = '' THEN '' ELSE ' - ' || department END) VIRTUAL,
    number           TEXT COLLATE NOCASE,
    code             TEXT COLLATE NOCASE,
    orgnr            TEXT COLLATE NOCASE,
    info_text        TEXT,
    has_info_text    INTEGER GENERATED ALWAYS AS (info_text IS NOT NULL AND info_text <> '') VIRTUAL,
    has_interests    INTEGER NOT NULL DEFAULT 0 CHECK (has_interests IN (0, 1)),
    associate_id     INTEGER REFERENCES associate(id),
    category_id      INTEGER REFERENCES category(id),
    business_id      INTEGER REFERENCES business(id),
    country_id       INTEGER REFERENCES country(id),
    source_id        INTEGER REFERENCES source(id),
    main_person_id   INTEGER REFERENCES person(id),
    stop             INTEGER NOT NULL DEFAULT 0 CHECK (stop IN (0, 1)),
    no_mailings      INTEGER NOT NULL DEFAULT 0 CHECK (no_mailings IN (0, 1)),
    active_erp_links INTEGER NOT NULL DEFAULT 0 CHECK (active_erp_links IN (0, 1)),
    is_deleted       INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1)),
    deleted_date     TEXT,
    registered       TEXT NOT NULL,
    registered_by    INTEGER REFERENCES associate(id),
    updated          TEXT,
    updated_by       INTEGER REFERENCES associate(id)
);
CREATE INDEX contact_by_name ON contact(name);
CREATE INDEX contact_by_department ON contact(department);
CREATE INDEX contact_by_name_department ON contact(name_department);
CREATE INDEX contact_by_number ON contact(number);
CREATE INDEX contact_by_code ON contact(code);
CREATE INDEX contact_by_orgnr ON contact(orgnr);
CREATE INDEX contact_by_has_info_text ON contact(has_info_text);
CREATE INDEX contact_by_has_interests ON contact(has_interests);
CREATE INDEX contact_by_associate_id ON contact(associate_id);
CREATE INDEX contact_by_category_id ON contact(category_id);
CREATE INDEX contact_by_business_id ON contact(business_id);
CREATE INDEX contact_by_country_id ON contact(country_id);
CREATE INDEX contact_by_source_id ON contact(source_id);
CREATE INDEX contact_by_main_person_id ON contact(main_person_id);
CREATE INDEX contact_by_stop ON contact(stop);
CREATE INDEX contact_by_no_mailings ON contact(no_mailings);
CREATE INDEX contact_by_active_erp_links ON contact(active_erp_links);
CREATE INDEX contact_by_is_deleted ON contact(is_deleted);
CREATE INDEX contact_by_registered ON contact(registered);
CREATE INDEX contact_by_registered_by ON contact(registered_by);
CREATE INDEX contact_by_updated ON contact(updated);
CREATE INDEX contact_by_updated_by ON contact(updated_by);

-- Persons: customers, and the person records of associates.
CREATE TABLE person (
    id                     INTEGER PRIMARY KEY,
    contact_id             INTEGER REFERENCES contact(id),
    first_name             TEXT COLLATE NOCASE,
    middle_name            TEXT COLLATE NOCASE,
    last_name              TEXT COLLATE NOCASE,
    full_name              TEXT COLLATE NOCASE GENERATED ALWAYS AS
                           (trim(replace(coalesce(first_name, '') || ' ' || coalesce(middle_name, '') || ' ' || coalesce(last_name, ''), '  ', ' '))) VIRTUAL,
    mr_mrs                 TEXT COLLATE NOCASE,
    title                  TEXT COLLATE NOCASE,
    person_number          TEXT COLLATE NOCASE,
    kana_first_name        TEXT COLLATE NOCASE,
    kana_last_name         TEXT COLLATE NOCASE,
    email                  TEXT COLLATE NOCASE,
    position_id            INTEGER REFERENCES person_position(id),
    country_id             INTEGER REFERENCES country(id),
    source_id              INTEGER REFERENCES source(id),
    category_id            INTEGER REFERENCES category(id),
    business_id            INTEGER REFERENCES business(id),
    ticket_priority_id     INTEGER REFERENCES service_priority(id),
    support_language_id    INTEGER REFERENCES language(id),
    support_associate_id   INTEGER REFERENCES associate(id),
    associate_id           INTEGER REFERENCES associate(id),
    info_text              TEXT,
    has_info_text          INTEGER GENERATED ALWAYS AS (info_text IS NOT NULL AND info_text <> '') VIRTUAL,
    has_interests          INTEGER NOT NULL DEFAULT 0 CHECK (has_interests IN (0, 1)),
    has_company            INTEGER GENERATED ALWAYS AS (contact_id IS NOT NULL) VIRTUAL,
    no_mailings            INTEGER NOT NULL DEFAULT 0 CHECK (no_mailings IN (0, 1)),
    use_as_mailing_address INTEGER NOT NULL DEFAULT 0 CHECK (use_as_mailing_address IN (0, 1)),
    retired                INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    active_erp_links       INTEGER NOT NULL DEFAULT 0 CHECK (active_erp_links IN (0, 1)),
    is_project_member      INTEGER NOT NULL DEFAULT 0 CHECK (is_project_member IN (0, 1)),
    is_stakeholder         INTEGER NOT NULL DEFAULT 0 CHECK (is_stakeholder IN (0, 1)),
    rank                   INTEGER,
    birth_date             TEXT,
    birth_year             INTEGER GENERATED ALWAYS AS (CAST(substr(birth_date, 1, 4) AS INTEGER)) VIRTUAL,
    birth_month            INTEGER GENERATED ALWAYS AS (CAST(substr(birth_date, 6, 2) AS INTEGER)) VIRTUAL,
    birth_day              INTEGER GENERATED ALWAYS AS (CAST(substr(birth_date, 9, 2) AS INTEGER)) VIRTUAL,
    portrait_thumbnail     TEXT,
    deleted_date           TEXT,
    registered             TEXT NOT NULL,
    registered_by          INTEGER REFERENCES associate(id),
    updated                TEXT,
    updated_by             INTEGER REFERENCES associate(id)
);
CREATE INDEX person_by_contact_id ON person(contact_id);
CREATE INDEX person_by_first_name ON person(first_name);
CREATE INDEX person_by_last_name ON person(last_name);
CREATE INDEX person_by_full_name ON person(full_name);
CREATE INDEX person_by_position_id ON person(position_id);
CREATE INDEX person_by_country_id ON person(country_id);
CREATE INDEX person_by_source_id ON person(source_id);
CREATE INDEX person_by_category_id ON person(category_id);
CREATE INDEX person_by_business_id ON person(business_id);
CREATE INDEX person_by_ticket_priority_id ON person(ticket_priority_id);
CREATE INDEX person_by_support_language_id ON person(support_language_id);
CREATE INDEX person_by_support_associate_id ON person(support_associate_id);
CREATE INDEX person_by_associate_id ON person(associate_id);
CREATE INDEX person_by_registered ON person(registered);
CREATE INDEX person_by_registered_by ON person(registered_by);
CREATE INDEX person_by_updated ON person(updated);
CREATE INDEX person_by_updated_by ON person(updated_by);

-- Associates: the users (agents) of the CRM who handle chats. password_hash is a salted, slow
-- PBKDF2-SHA256 hash (see ArchiveAuth); NULL means the user cannot log in with a password.
CREATE TABLE associate (
    id                       INTEGER PRIMARY KEY,
    name                     TEXT NOT NULL COLLATE NOCASE UNIQUE,
    user_name                TEXT NOT NULL COLLATE NOCASE UNIQUE,
    first_name               TEXT COLLATE NOCASE,
    middle_name              TEXT COLLATE NOCASE,
    last_name                TEXT COLLATE NOCASE,
    full_name                TEXT COLLATE NOCASE GENERATED ALWAYS AS
                             (trim(replace(coalesce(first_name, '') || ' ' || coalesce(middle_name, '') || ' ' || coalesce(last_name, ''), '  ', ' '))) VIRTUAL,
    mr_mrs                   TEXT COLLATE NOCASE,
    title                    TEXT COLLATE NOCASE,
    email                    TEXT COLLATE NOCASE,
    person_id                INTEGER REFERENCES person(id),
    contact_id               INTEGER REFERENCES contact(id),
    user_group_id            INTEGER REFERENCES user_group(id),
    role_id                  INTEGER REFERENCES role(id),
    associate_type_id        INTEGER NOT NULL REFERENCES associate_type(id),
    description              TEXT,
    ej_user_id               INTEGER,
    simultaneous_ej_user     INTEGER NOT NULL DEFAULT 0 CHECK (simultaneous_ej_user IN (0, 1)),
    ej_display_name          TEXT COLLATE NOCASE,
    ej_status                INTEGER,
    credential_type          TEXT COLLATE NOCASE,
    credential_display_value TEXT COLLATE NOCASE,
    is_active                INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    portrait_thumbnail       TEXT,
    password_hash            TEXT,
    registered               TEXT NOT NULL,
    updated                  TEXT
);
CREATE INDEX associate_by_first_name ON associate(first_name);
CREATE INDEX associate_by_middle_name ON associate(middle_name);
CREATE INDEX associate_by_last_name ON associate(last_name);
CREATE INDEX associate_by_full_name ON associate(full_name);
CREATE INDEX associate_by_mr_mrs ON associate(mr_mrs);
CREATE INDEX associate_by_title ON associate(title);
CREATE INDEX associate_by_email ON associate(email);
CREATE INDEX associate_by_person_id ON associate(person_id);
CREATE INDEX associate_by_contact_id ON associate(contact_id);
CREATE INDEX associate_by_user_group_id ON associate(user_group_id);
CREATE INDEX associate_by_role_id ON associate(role_id);
CREATE INDEX associate_by_associate_type_id ON associate(associate_type_id);
CREATE INDEX associate_by_ej_display_name ON associate(ej_display_name);
CREATE INDEX associate_by_credential_type ON associate(credential_type);
CREATE INDEX associate_by_credential_display_value ON associate(credential_display_value);
CREATE INDEX associate_by_is_active ON associate(is_active);

-- The secondary user groups of associates (the primary one is associate.user_group_id).
CREATE TABLE associate_other_group (
    associate_id  INTEGER NOT NULL REFERENCES associate(id),
    user_group_id INTEGER NOT NULL REFERENCES user_group(id),
    PRIMARY KEY (associate_id, user_group_id)
) WITHOUT ROWID;
CREATE INDEX associate_other_group_by_user_group_id ON associate_other_group(user_group_id, associate_id);

-- Chat topics (channels) that customers chat through.
CREATE TABLE chat_topic (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL COLLATE NOCASE,
    description  TEXT COLLATE NOCASE,
    badge_header TEXT COLLATE NOCASE,
    language_id  INTEGER REFERENCES language(id),
    registered   TEXT NOT NULL,
    updated      TEXT
);
CREATE INDEX chat_topic_by_name ON chat_topic(name);
CREATE INDEX chat_topic_by_description ON chat_topic(description);
CREATE INDEX chat_topic_by_badge_header ON chat_topic(badge_header);
CREATE INDEX chat_topic_by_language_id ON chat_topic(language_id);

-- Chat sessions: one row per chat between a customer and an agent.
CREATE TABLE chat_session (
    id             INTEGER PRIMARY KEY,
    topic_id       INTEGER NOT NULL REFERENCES chat_topic(id),
    associate_id   INTEGER REFERENCES associate(id),
    person_id      INTEGER REFERENCES person(id),
    contact_id     INTEGER REFERENCES contact(id),
    status         INTEGER NOT NULL REFERENCES chat_session_status(id),
    customer_alias TEXT,
    first_message  TEXT COLLATE NOCASE,
    last_message   TEXT COLLATE NOCASE,
    when_requested TEXT NOT NULL,
    when_started   TEXT,
    when_ended     TEXT,
    queue_length   INTEGER NOT NULL DEFAULT 0 CHECK (queue_length >= 0),
    rating         INTEGER CHECK (rating BETWEEN 1 AND 5),
    time_in_queue  INTEGER GENERATED ALWAYS AS
                   (CAST(strftime('%s', when_started) AS INTEGER) - CAST(strftime('%s', when_requested) AS INTEGER)) VIRTUAL,
    duration       INTEGER GENERATED ALWAYS AS
                   (CAST(strftime('%s', when_ended) AS INTEGER) - CAST(strftime('%s', when_started) AS INTEGER)) VIRTUAL,
    updated        TEXT,
    CHECK (when_started IS NULL OR when_started >= when_requested),
    CHECK (when_ended IS NULL OR when_ended >= coalesce(when_started, when_requested))
);
CREATE INDEX chat_session_by_topic_id ON chat_session(topic_id);
CREATE INDEX chat_session_by_associate_id ON chat_session(associate_id);
CREATE INDEX chat_session_by_person_id ON chat_session(person_id);
CREATE INDEX chat_session_by_contact_id ON chat_session(contact_id);
CREATE INDEX chat_session_by_status ON chat_session(status);
CREATE INDEX chat_session_by_when_requested ON chat_session(when_requested);
CREATE INDEX chat_session_by_when_requested_desc ON chat_session(when_requested DESC);
CREATE INDEX chat_session_by_when_started ON chat_session(when_started);
CREATE INDEX chat_session_by_when_started_desc ON chat_session(when_started DESC);
CREATE INDEX chat_session_by_when_ended ON chat_session(when_ended);
CREATE INDEX chat_session_by_when_ended_desc ON chat_session(when_ended DESC);
CREATE INDEX chat_session_by_rating ON chat_session(rating);
CREATE INDEX chat_session_by_rating_desc ON chat_session(rating DESC);
