-- Hosts, moderation that keeps the record, official responses, reactions,
-- flags, the General thread and the audit log (PostgreSQL; in step with the
-- SQLite file of the same name, which says why each part is there).

CREATE TABLE topic_hosts (
    topic_id    BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    granted_at  BIGINT NOT NULL,
    PRIMARY KEY (topic_id, account_id)
);
CREATE INDEX topic_hosts_by_account ON topic_hosts (account_id);

-- The General thread (anchor 'general') belongs to no section.
ALTER TABLE comments DROP CONSTRAINT comments_version_id_section_anchor_fkey;
ALTER TABLE comments ADD FOREIGN KEY (version_id) REFERENCES draft_versions (id);
ALTER TABLE comments
    ADD COLUMN edited_at      BIGINT,
    ADD COLUMN withdrawn_at   BIGINT,
    ADD COLUMN hidden_at      BIGINT,
    ADD COLUMN hidden_reason  TEXT,
    ADD COLUMN agree_count    BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN disagree_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN open_flags     BIGINT NOT NULL DEFAULT 0,
    ADD CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL));
CREATE INDEX comments_by_parent ON comments (parent_id);

CREATE TABLE comment_versions (
    id          BIGSERIAL PRIMARY KEY,
    comment_id  BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    body        TEXT   NOT NULL,
    written_at  BIGINT NOT NULL
);
CREATE INDEX comment_versions_by_comment ON comment_versions (comment_id, id);
INSERT INTO comment_versions (comment_id, body, written_at)
    SELECT id, body, created_at FROM comments;

CREATE TABLE comment_reactions (
    comment_id  BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    value       TEXT   NOT NULL CHECK (value IN ('agree', 'disagree')),
    reacted_at  BIGINT NOT NULL,
    PRIMARY KEY (comment_id, account_id)
);

CREATE TABLE comment_flags (
    id           BIGSERIAL PRIMARY KEY,
    comment_id   BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    reason       TEXT   NOT NULL,
    flagged_at   BIGINT NOT NULL,
    resolved_at  BIGINT,
    UNIQUE (comment_id, account_id)
);

CREATE TABLE official_responses (
    id          BIGSERIAL PRIMARY KEY,
    comment_id  BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    status      TEXT   NOT NULL CHECK (status IN ('adopted', 'partly_adopted', 'not_adopted', 'answered', 'out_of_scope')),
    body        TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX official_responses_by_comment ON official_responses (comment_id, id);

ALTER TABLE updates ADD COLUMN account_id BIGINT REFERENCES accounts (id);

CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor_id    BIGINT,
    actor       TEXT   NOT NULL,
    action      TEXT   NOT NULL,
    topic_id    BIGINT,
    comment_id  BIGINT,
    subject     TEXT,
    reason      TEXT
);
CREATE INDEX audit_log_by_topic ON audit_log (topic_id, id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
