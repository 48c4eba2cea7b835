-- Subscribers, the links mailed to people, and the outbox of notices.

-- Who follows a topic. An account's subscription is active at once; an
-- address alone is active once confirmed from the mailed link. Ending one
-- keeps the row (ended_at), so a late notice can tell it was ended.
CREATE TABLE subscriptions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    topic_id          INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    account_id        INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    email             TEXT    NOT NULL,
    cadence           TEXT    NOT NULL DEFAULT 'instant' CHECK (cadence IN ('instant', 'daily')),
    -- The secret in every notice's one-click unsubscribe link.
    unsubscribe_token TEXT    NOT NULL UNIQUE,
    created_at        INTEGER NOT NULL,
    confirmed_at      INTEGER,
    ended_at          INTEGER
);
CREATE UNIQUE INDEX subscriptions_live ON subscriptions (topic_id, email) WHERE ended_at IS NULL;
CREATE INDEX subscriptions_by_account ON subscriptions (account_id);

-- Single-use secrets sent by mail: confirming a subscription, confirming an
-- account's address, resetting a password. Only hashes are kept.
CREATE TABLE email_tokens (
    token_hash      TEXT    PRIMARY KEY,
    purpose         TEXT    NOT NULL CHECK (purpose IN ('subscribe', 'verify', 'reset')),
    account_id      INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    subscription_id INTEGER REFERENCES subscriptions (id) ON DELETE CASCADE,
    -- The address the link was sent to.
    email           TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER
);
CREATE INDEX email_tokens_by_account ON email_tokens (account_id);

-- One row per message to send, written in the same transaction as what
-- caused it. The worker leases due rows, sends, and marks them sent; a
-- failure is retried with backoff until 24 hours have passed.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    subscription_id INTEGER REFERENCES subscriptions (id) ON DELETE CASCADE,
    topic_id        INTEGER REFERENCES topics (id) ON DELETE CASCADE,
    -- The update or comment the notice is about.
    subject_id      INTEGER,
    -- The mailed link's secret, for confirmation and reset mails; cleared
    -- once sent.
    token           TEXT,
    -- Held for the recipient's daily digest.
    digest          INTEGER NOT NULL DEFAULT 0 CHECK (digest IN (0, 1)),
    created_at      INTEGER NOT NULL,
    due_at          INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    lease_until     INTEGER,
    sent_at         INTEGER,
    failed_at       INTEGER,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Dates the host adds to a topic (a council meeting, a hearing): shown on
-- the page and in the topic's calendar (dates.ics).
CREATE TABLE topic_dates (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    topic_id    INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    starts_at   INTEGER NOT NULL,
    place       TEXT,
    created_at  INTEGER NOT NULL
);
CREATE INDEX topic_dates_by_topic ON topic_dates (topic_id, starts_at);

-- The deadline's and the close's notices go out once per topic.
ALTER TABLE topics ADD COLUMN deadline_noticed_at INTEGER;
ALTER TABLE topics ADD COLUMN close_noticed_at INTEGER;
