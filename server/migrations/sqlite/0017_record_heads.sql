-- The public record's heads, published (issue 23): each day a topic is
-- open, and at its close, the head of its chain is written here — and so
-- into the topic's Atom feed and the audit log — for others to keep, so
-- that an alteration before it shows against their copies. One a day and
-- one at each close at most, never the same position twice; like the
-- audit log, nothing here is changed or removed.
CREATE TABLE record_checkpoints (
    topic_id  INTEGER NOT NULL REFERENCES topics (id),
    position  INTEGER NOT NULL,
    hash      TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    reason    TEXT    NOT NULL CHECK (reason IN ('daily', 'close')),
    -- Days since 1970 (UTC) for a daily head; the close's time for one at
    -- the close.
    mark      INTEGER NOT NULL,
    PRIMARY KEY (topic_id, position),
    UNIQUE (topic_id, reason, mark)
);

CREATE TRIGGER record_checkpoints_no_delete BEFORE DELETE ON record_checkpoints
    BEGIN SELECT RAISE(ABORT, 'published heads are append-only'); END;
CREATE TRIGGER record_checkpoints_no_update BEFORE UPDATE ON record_checkpoints
    BEGIN SELECT RAISE(ABORT, 'published heads are append-only'); END;

-- The close whose entry (each poll's counts) is in the record: the topic's
-- `closes_at` when it was written, so that a topic reopened and closed
-- again is recorded again. Claimed like the closing notices, once across
-- instances.
ALTER TABLE topics ADD COLUMN close_recorded_at INTEGER;
