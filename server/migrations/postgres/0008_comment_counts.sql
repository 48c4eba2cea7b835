-- Comments per thread (a section's anchor, or "general"), kept up to date
-- as comments are posted, so a read counts nothing. Hidden and withdrawn
-- comments stay counted: their placeholders stay in the thread.
CREATE TABLE comment_counts (
    topic_id       BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    section_anchor TEXT   NOT NULL,
    count          BIGINT NOT NULL,
    PRIMARY KEY (topic_id, section_anchor)
);
INSERT INTO comment_counts (topic_id, section_anchor, count)
    SELECT topic_id, section_anchor, COUNT(*) FROM comments GROUP BY topic_id, section_anchor;
