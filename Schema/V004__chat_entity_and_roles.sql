-- V004: what the ChatSession entity API writes, and who may write.
--
-- The reference's ChatSessionEntity has fields the archive did not keep: the customer's own
-- details as given in the chat window, the session's bookkeeping (idle, fetched, key, queue
-- position, alert level, rank, flags, transfer, chatbot) and its consent. Empty fields are NULL,
-- as everywhere; flags and counters are 0 when unset.
ALTER TABLE chat_session ADD COLUMN customer_host TEXT;
ALTER TABLE chat_session ADD COLUMN customer_name TEXT COLLATE NOCASE;
ALTER TABLE chat_session ADD COLUMN customer_email TEXT COLLATE NOCASE;
ALTER TABLE chat_session ADD COLUMN customer_phone TEXT;
ALTER TABLE chat_session ADD COLUMN customer_company_name TEXT COLLATE NOCASE;
ALTER TABLE chat_session ADD COLUMN customer_consented INTEGER NOT NULL DEFAULT 0 CHECK (customer_consented IN (0, 1));
ALTER TABLE chat_session ADD COLUMN when_idle TEXT;
ALTER TABLE chat_session ADD COLUMN when_fetched TEXT;
ALTER TABLE chat_session ADD COLUMN session_key TEXT;
ALTER TABLE chat_session ADD COLUMN alert_level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chat_session ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;
-- ChatSessionFlags: 1 CustomerIsTyping, 2 UserIsTyping.
ALTER TABLE chat_session ADD COLUMN flags INTEGER NOT NULL DEFAULT 0 CHECK (flags BETWEEN 0 AND 3);
ALTER TABLE chat_session ADD COLUMN transfer_to INTEGER REFERENCES associate(id);
ALTER TABLE chat_session ADD COLUMN chatbot_is_active INTEGER NOT NULL DEFAULT 0 CHECK (chatbot_is_active IN (0, 1));
-- When the row was created through the API or an import (UTC); NULL for seeded rows.
ALTER TABLE chat_session ADD COLUMN registered TEXT;
CREATE INDEX chat_session_by_transfer_to ON chat_session(transfer_to);

-- What an associate may do through the API: read (every account), or write (create, change and
-- delete chats). Tokens act with their associate's role.
ALTER TABLE associate ADD COLUMN api_role TEXT NOT NULL DEFAULT 'read' CHECK (api_role IN ('read', 'write'));
