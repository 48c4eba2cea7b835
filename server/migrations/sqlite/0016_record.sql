-- The public record (issue 23): every public act on a topic is an entry
-- in one chain per topic, written in the act's own transaction. An entry
-- holds its position (1, 2, … with no gaps), time, kind, what it is about,
-- its content in the canonical encoding (`record.rs`, docs/record.md),
-- the SHA-256 of that content, the hash of the entry before it and its own
-- hash over all of these. Nothing is changed or removed but an erased
-- text (an account deleted with its comments): its content goes, its
-- hashes stay. The head of each chain is kept apart, one row per topic,
-- so that the writers of one topic take their turn on it.
CREATE TABLE record_entries (
    topic_id      INTEGER NOT NULL REFERENCES topics (id),
    position      INTEGER NOT NULL,
    at            INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    item          TEXT,
    comment_id    INTEGER,
    content       TEXT,
    content_hash  TEXT    NOT NULL,
    prev_hash     TEXT    NOT NULL,
    hash          TEXT    NOT NULL,
    PRIMARY KEY (topic_id, position)
);
CREATE INDEX record_entries_by_comment ON record_entries (comment_id, position);

CREATE TABLE record_heads (
    topic_id  INTEGER PRIMARY KEY REFERENCES topics (id),
    position  INTEGER NOT NULL,
    hash      TEXT    NOT NULL
);

CREATE TRIGGER record_entries_no_delete BEFORE DELETE ON record_entries
    BEGIN SELECT RAISE(ABORT, 'the public record is append-only'); END;
CREATE TRIGGER record_entries_only_erased BEFORE UPDATE ON record_entries
    WHEN NEW.content IS NOT NULL
      OR NEW.topic_id IS NOT OLD.topic_id OR NEW.position IS NOT OLD.position
      OR NEW.at IS NOT OLD.at OR NEW.kind IS NOT OLD.kind
      OR NEW.item IS NOT OLD.item OR NEW.comment_id IS NOT OLD.comment_id
      OR NEW.content_hash IS NOT OLD.content_hash
      OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
    BEGIN SELECT RAISE(ABORT, 'the public record is append-only: only an erased text goes'); END;
