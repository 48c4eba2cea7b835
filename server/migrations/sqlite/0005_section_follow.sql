-- Following one section too: a subscriber may also ask for each new comment
-- in one section of the topic (its anchor; the topic as a whole is
-- "general"). NULL: the topic's notices only.
ALTER TABLE subscriptions ADD COLUMN section_anchor TEXT;
CREATE INDEX subscriptions_by_section ON subscriptions (topic_id, section_anchor)
    WHERE section_anchor IS NOT NULL AND ended_at IS NULL;
