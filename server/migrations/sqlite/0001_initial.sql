-- Pulse's first schema (SQLite). Times are whole seconds since the Unix
-- epoch in INTEGER columns: the same type on both databases, compared and
-- sorted exactly, with no time-zone conversion anywhere in SQL. Flags are
-- INTEGER 0/1 for the same reason.

-- One account per email address; the application lower-cases addresses
-- before they get here, so UNIQUE is case-insensitive in effect.
CREATE TABLE accounts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT    NOT NULL UNIQUE,
    display_name   TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    role           TEXT    NOT NULL DEFAULT 'resident' CHECK (role IN ('resident', 'admin')),
    email_verified INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL
);

-- Only a hash of each session token is kept: a copy of the database does not
-- let anyone sign in as a resident. Any instance can check any session.
CREATE TABLE sessions (
    token_hash  TEXT    PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- A topic's status is not stored: it follows from opens_at, closes_at and
-- the server's clock.
CREATE TABLE topics (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    slug         TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    summary      TEXT    NOT NULL,
    opens_at     INTEGER NOT NULL,
    closes_at    INTEGER NOT NULL,
    time_zone    TEXT    NOT NULL,
    results_rule TEXT    NOT NULL CHECK (results_rule IN ('always', 'after_voting', 'after_close')),
    host_name    TEXT    NOT NULL,
    host_role    TEXT    NOT NULL,
    host_phone   TEXT,
    host_email   TEXT,
    created_at   INTEGER NOT NULL,
    CHECK (opens_at < closes_at)
);

CREATE TABLE documents (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    topic_id  INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    title     TEXT    NOT NULL,
    url       TEXT    NOT NULL
);
CREATE INDEX documents_by_topic ON documents (topic_id, position);

CREATE TABLE updates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    topic_id   INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    posted_at  INTEGER NOT NULL
);
CREATE INDEX updates_by_topic ON updates (topic_id, posted_at);

-- Every published version of a draft is kept; comments point at the version
-- they were made on.
CREATE TABLE draft_versions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    topic_id     INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    title        TEXT    NOT NULL,
    markdown     TEXT    NOT NULL,
    published_at INTEGER NOT NULL,
    UNIQUE (topic_id, version)
);

-- The sections of a version, as the shared parser cut them when it was
-- published (so a parser change never moves old comments).
CREATE TABLE sections (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id  INTEGER NOT NULL REFERENCES draft_versions (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    anchor      TEXT    NOT NULL,
    number      TEXT    NOT NULL,
    heading     TEXT    NOT NULL,
    level       INTEGER NOT NULL,
    markdown    TEXT    NOT NULL,
    UNIQUE (version_id, anchor)
);

-- A comment belongs to a section of the version it was made on. Replies are
-- one level deep: a reply to a reply is filed under the thread's first
-- comment.
CREATE TABLE comments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    topic_id        INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    version_id      INTEGER NOT NULL,
    section_anchor  TEXT    NOT NULL,
    parent_id       INTEGER REFERENCES comments (id),
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    body            TEXT    NOT NULL,
    quote_exact     TEXT,
    quote_prefix    TEXT,
    quote_suffix    TEXT,
    created_at      INTEGER NOT NULL,
    FOREIGN KEY (version_id, section_anchor) REFERENCES sections (version_id, anchor)
);
CREATE INDEX comments_by_section ON comments (topic_id, section_anchor, id);

CREATE TABLE polls (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    topic_id        INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    section_anchor  TEXT,
    question        TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('single', 'multiple'))
);
CREATE INDEX polls_by_topic ON polls (topic_id, position);

CREATE TABLE poll_options (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    poll_id   INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    label     TEXT    NOT NULL
);
CREATE INDEX poll_options_by_poll ON poll_options (poll_id, position);

-- One ballot per account and poll, enforced here so that no race can make a
-- second one; changing a vote replaces the ballot's choices.
CREATE TABLE ballots (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    poll_id     INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    cast_at     INTEGER NOT NULL,
    UNIQUE (poll_id, account_id)
);

CREATE TABLE ballot_choices (
    ballot_id  INTEGER NOT NULL REFERENCES ballots (id) ON DELETE CASCADE,
    option_id  INTEGER NOT NULL REFERENCES poll_options (id),
    PRIMARY KEY (ballot_id, option_id)
);
CREATE INDEX ballot_choices_by_option ON ballot_choices (option_id);

-- Facts about this installation, such as when the demo was loaded (so it is
-- never loaded twice).
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
