-- Markdown is rendered to safe HTML when it is written and kept beside its
-- source, so that reading never renders. NULL: not rendered yet (rows from
-- before this migration; `pulse` fills them in right after migrating).
ALTER TABLE topics ADD COLUMN summary_html TEXT;
ALTER TABLE updates ADD COLUMN body_html TEXT;
ALTER TABLE sections ADD COLUMN html TEXT;
ALTER TABLE comments ADD COLUMN body_html TEXT;
ALTER TABLE official_responses ADD COLUMN body_html TEXT;
