-- Subscribers, the links mailed to people, and the outbox of notices.

-- Who follows a topic. An account's subscription is active at once; an
-- address alone is active once confirmed from the mailed link. Ending one
-- keeps the row (ended_at), so a late notice can tell it was ended.
CREATE TABLE subscriptions (
    id                BIGSERIAL PRIMARY KEY,
    topic_id          BIGINT  NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    account_id        BIGINT  REFERENCES accounts (id) ON DELETE CASCADE,
    email             TEXT    NOT NULL,
    cadence           TEXT    NOT NULL DEFAULT 'instant' CHECK (cadence IN ('instant', 'daily')),
    -- The secret in every notice's one-click unsubscribe link.
    unsubscribe_token TEXT    NOT NULL UNIQUE,
    created_at        BIGINT  NOT NULL,
    confirmed_at      BIGINT,
    ended_at          BIGINT
);
CREATE UNIQUE INDEX subscriptions_live ON subscriptions (topic_id, email) WHERE ended_at IS NULL;
CREATE INDEX subscriptions_by_account ON subscriptions (account_id);

-- Single-use secrets sent by mail: confirming a subscription, confirming an
-- account's address, resetting a password. Only hashes are kept.
CREATE TABLE email_tokens (
    token_hash      TEXT    PRIMARY KEY,
    purpose         TEXT    NOT NULL CHECK (purpose IN ('subscribe', 'verify', 'reset')),
    account_id      BIGINT  REFERENCES accounts (id) ON DELETE CASCADE,
    subscription_id BIGINT  REFERENCES subscriptions (id) ON DELETE CASCADE,
    -- The address the link was sent to.
    email           TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    used_at         BIGINT
);
CREATE INDEX email_tokens_by_account ON email_tokens (account_id);

-- One row per message to send, written in the same transaction as what
-- caused it. The worker leases due rows, sends, and marks them sent; a
-- failure is retried with backoff until 24 hours have passed.
CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    kind            TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    subscription_id BIGINT  REFERENCES subscriptions (id) ON DELETE CASCADE,
    topic_id        BIGINT  REFERENCES topics (id) ON DELETE CASCADE,
    -- The update or comment the notice is about.
    subject_id      BIGINT,
    -- The mailed link's secret, for confirmation and reset mails; cleared
    -- once sent.
    token           TEXT,
    -- Held for the recipient's daily digest.
    digest          BIGINT  NOT NULL DEFAULT 0 CHECK (digest IN (0, 1)),
    created_at      BIGINT  NOT NULL,
    due_at          BIGINT  NOT NULL,
    attempts        BIGINT  NOT NULL DEFAULT 0,
    lease_until     BIGINT,
    sent_at         BIGINT,
    failed_at       BIGINT,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Dates the host adds to a topic (a council meeting, a hearing): shown on
-- the page and in the topic's calendar (dates.ics).
CREATE TABLE topic_dates (
    id          BIGSERIAL PRIMARY KEY,
    topic_id    BIGINT  NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    starts_at   BIGINT  NOT NULL,
    place       TEXT,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX topic_dates_by_topic ON topic_dates (topic_id, starts_at);

-- The deadline's and the close's notices go out once per topic.
ALTER TABLE topics ADD COLUMN deadline_noticed_at BIGINT;
ALTER TABLE topics ADD COLUMN close_noticed_at BIGINT;
