-- Hosts, moderation that keeps the record, official responses, reactions,
-- flags, the General thread and the audit log (SQLite).

-- Which accounts host which topics. The host card on the page is separate:
-- the account that answers may be a clerk's, not the named staff member's.
CREATE TABLE topic_hosts (
    topic_id    INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    granted_at  INTEGER NOT NULL,
    PRIMARY KEY (topic_id, account_id)
);
CREATE INDEX topic_hosts_by_account ON topic_hosts (account_id);

-- Comments are rebuilt: a comment on the topic as a whole (the General
-- thread, anchor 'general', which the section parser never gives a section)
-- belongs to no section, so the (version, anchor) key to sections goes; the
-- server checks the section in the same transaction as the insert. A comment
-- is never deleted: withdrawing blanks nothing (its text stays in
-- comment_versions), hiding records a public reason. Reaction and flag
-- counts are kept here, in the transaction that changes them, so listings
-- do not count per read.
CREATE TABLE comments_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    topic_id        INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    version_id      INTEGER NOT NULL REFERENCES draft_versions (id),
    section_anchor  TEXT    NOT NULL,
    parent_id       INTEGER REFERENCES comments_new (id),
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    body            TEXT    NOT NULL,
    quote_exact     TEXT,
    quote_prefix    TEXT,
    quote_suffix    TEXT,
    created_at      INTEGER NOT NULL,
    edited_at       INTEGER,
    withdrawn_at    INTEGER,
    hidden_at       INTEGER,
    hidden_reason   TEXT,
    agree_count     INTEGER NOT NULL DEFAULT 0,
    disagree_count  INTEGER NOT NULL DEFAULT 0,
    open_flags      INTEGER NOT NULL DEFAULT 0,
    CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL))
);
INSERT INTO comments_new (id, topic_id, version_id, section_anchor, parent_id, account_id, body,
                          quote_exact, quote_prefix, quote_suffix, created_at)
    SELECT id, topic_id, version_id, section_anchor, parent_id, account_id, body,
           quote_exact, quote_prefix, quote_suffix, created_at
    FROM comments;
DROP TABLE comments;
ALTER TABLE comments_new RENAME TO comments;
CREATE INDEX comments_by_section ON comments (topic_id, section_anchor, id);
CREATE INDEX comments_by_parent ON comments (parent_id);

-- Every text a comment has had, first version included: an edit adds a row.
CREATE TABLE comment_versions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    body        TEXT    NOT NULL,
    written_at  INTEGER NOT NULL
);
CREATE INDEX comment_versions_by_comment ON comment_versions (comment_id, id);
INSERT INTO comment_versions (comment_id, body, written_at)
    SELECT id, body, created_at FROM comments;

-- One reaction per account and comment, changeable.
CREATE TABLE comment_reactions (
    comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    value       TEXT    NOT NULL CHECK (value IN ('agree', 'disagree')),
    reacted_at  INTEGER NOT NULL,
    PRIMARY KEY (comment_id, account_id)
);

-- One flag per account and comment; a host's decision (hide, restore,
-- dismiss) closes the open ones.
CREATE TABLE comment_flags (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id   INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    reason       TEXT    NOT NULL,
    flagged_at   INTEGER NOT NULL,
    resolved_at  INTEGER,
    UNIQUE (comment_id, account_id)
);

-- Official responses: the latest row is the standing answer, earlier ones
-- stay as the record of what was said before.
CREATE TABLE official_responses (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    status      TEXT    NOT NULL CHECK (status IN ('adopted', 'partly_adopted', 'not_adopted', 'answered', 'out_of_scope')),
    body        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX official_responses_by_comment ON official_responses (comment_id, id);

-- Who posted an update (none for the demo's and older ones).
ALTER TABLE updates ADD COLUMN account_id INTEGER REFERENCES accounts (id);

-- Every host and admin action, appended and never changed: the triggers
-- refuse UPDATE and DELETE. No foreign keys, so the record outlives what it
-- names.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    actor_id    INTEGER,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    topic_id    INTEGER,
    comment_id  INTEGER,
    subject     TEXT,
    reason      TEXT
);
CREATE INDEX audit_log_by_topic ON audit_log (topic_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
