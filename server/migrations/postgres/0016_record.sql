-- The public record (issue 23): every public act on a topic is an entry
-- in one chain per topic, written in the act's own transaction. An entry
-- holds its position (1, 2, … with no gaps), time, kind, what it is about,
-- its content in the canonical encoding (`record.rs`, docs/record.md),
-- the SHA-256 of that content, the hash of the entry before it and its own
-- hash over all of these. Nothing is changed or removed but an erased
-- text (an account deleted with its comments): its content goes, its
-- hashes stay. The head of each chain is kept apart, one row per topic,
-- so that the writers of one topic take their turn on it (FOR UPDATE).
CREATE TABLE record_entries (
    topic_id      BIGINT NOT NULL REFERENCES topics (id),
    position      BIGINT NOT NULL,
    at            BIGINT NOT NULL,
    kind          TEXT   NOT NULL,
    item          TEXT,
    comment_id    BIGINT,
    content       TEXT,
    content_hash  TEXT   NOT NULL,
    prev_hash     TEXT   NOT NULL,
    hash          TEXT   NOT NULL,
    PRIMARY KEY (topic_id, position)
);
CREATE INDEX record_entries_by_comment ON record_entries (comment_id, position);

CREATE TABLE record_heads (
    topic_id  BIGINT PRIMARY KEY REFERENCES topics (id),
    position  BIGINT NOT NULL,
    hash      TEXT   NOT NULL
);

CREATE FUNCTION record_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the public record is append-only';
    END IF;
    IF NEW.content IS NOT NULL
       OR NEW.topic_id IS DISTINCT FROM OLD.topic_id OR NEW.position IS DISTINCT FROM OLD.position
       OR NEW.at IS DISTINCT FROM OLD.at OR NEW.kind IS DISTINCT FROM OLD.kind
       OR NEW.item IS DISTINCT FROM OLD.item OR NEW.comment_id IS DISTINCT FROM OLD.comment_id
       OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
       OR NEW.prev_hash IS DISTINCT FROM OLD.prev_hash OR NEW.hash IS DISTINCT FROM OLD.hash THEN
        RAISE EXCEPTION 'the public record is append-only: only an erased text goes';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER record_entries_append_only BEFORE UPDATE OR DELETE ON record_entries
    FOR EACH ROW EXECUTE FUNCTION record_entries_append_only();
