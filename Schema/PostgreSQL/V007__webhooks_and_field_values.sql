-- V007: webhooks, and the values of each change in the feed (SQLite's V007).
ALTER TABLE chat_change ADD COLUMN field_values text COLLATE "C" NOT NULL DEFAULT '{}';

CREATE OR REPLACE FUNCTION chat_session_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT archive_records_changes() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO chat_change (chat_id, kind, changed_by, field_values)
        VALUES (NEW.id, 'created', archive_changed_by(), json_build_object('alert_level', NEW.alert_level, 'chatbot_isactive', NEW.chatbot_is_active, 'customer_consented', NEW.customer_consented, 'contact_id', coalesce(NEW.contact_id, 0), 'customer_alias', coalesce(NEW.customer_alias, ''), 'person_id', coalesce(NEW.person_id, 0), 'project_id', 0, 'rating', coalesce(NEW.rating, 0), 'sale_id', 0, 'status', NEW.status, 'ticket_id', 0, 'topic_id', NEW.topic_id, 'user_id', coalesce(NEW.associate_id, 0))::text);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO chat_change (chat_id, kind, changed_by, field_values)
        VALUES (OLD.id, 'deleted', archive_changed_by(), json_build_object('alert_level', OLD.alert_level, 'chatbot_isactive', OLD.chatbot_is_active, 'customer_consented', OLD.customer_consented, 'contact_id', coalesce(OLD.contact_id, 0), 'customer_alias', coalesce(OLD.customer_alias, ''), 'person_id', coalesce(OLD.person_id, 0), 'project_id', 0, 'rating', coalesce(OLD.rating, 0), 'sale_id', 0, 'status', OLD.status, 'ticket_id', 0, 'topic_id', OLD.topic_id, 'user_id', coalesce(OLD.associate_id, 0))::text);
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
        INSERT INTO chat_change (chat_id, kind, changes, changed_by, field_values) VALUES (NEW.id, 'changed', concat_ws(',',
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
        CASE WHEN OLD.chatbot_is_active IS DISTINCT FROM NEW.chatbot_is_active THEN 'chatbot_is_active' END), archive_changed_by(), json_build_object('alert_level', NEW.alert_level, 'chatbot_isactive', NEW.chatbot_is_active, 'customer_consented', NEW.customer_consented, 'contact_id', coalesce(NEW.contact_id, 0), 'customer_alias', coalesce(NEW.customer_alias, ''), 'person_id', coalesce(NEW.person_id, 0), 'project_id', 0, 'rating', coalesce(NEW.rating, 0), 'sale_id', 0, 'status', NEW.status, 'ticket_id', 0, 'topic_id', NEW.topic_id, 'user_id', coalesce(NEW.associate_id, 0))::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TABLE webhook (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name text COLLATE "C" NOT NULL,
    events text COLLATE "C" NOT NULL,
    target_url text COLLATE "C" NOT NULL,
    sealed_secret text COLLATE "C",
    state text COLLATE "C" NOT NULL CHECK (state IN ('Active', 'Stopped', 'TooManyErrors')),
    type text COLLATE "C" NOT NULL DEFAULT 'Webhook',
    registered timestamp(0) NOT NULL,
    registered_by bigint,
    updated timestamp(0),
    updated_by bigint,
    delivered_position bigint NOT NULL DEFAULT 0,
    consecutive_errors bigint NOT NULL DEFAULT 0,
    last_success timestamp(0),
    last_error timestamp(0),
    last_error_message text COLLATE "C"
);

CREATE TABLE chat_change_pruned (
    id bigint PRIMARY KEY CHECK (id = 1),
    pruned_through bigint NOT NULL
);
INSERT INTO chat_change_pruned (id, pruned_through) VALUES (1, 0);
