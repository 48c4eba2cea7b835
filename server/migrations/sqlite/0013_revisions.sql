-- A draft that changes (issue 21). A revision is a new row of
-- draft_versions with its note; what each of its sections was in the
-- version before is decided when it is published and kept here, never
-- recomputed: the section's change, the old sections it came from, the
-- old sections with no successor, and every anchor of an earlier version
-- that leads to it (so that old links land on their successors).
ALTER TABLE draft_versions ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE draft_versions ADD COLUMN note_html TEXT NOT NULL DEFAULT '';
ALTER TABLE draft_versions ADD COLUMN published_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL;

-- NULL in a topic's first version.
ALTER TABLE sections ADD COLUMN change TEXT CHECK (change IN ('unchanged', 'edited', 'renamed', 'moved', 'split', 'merged', 'added'));

CREATE TABLE section_sources (
    version_id       INTEGER NOT NULL REFERENCES draft_versions (id) ON DELETE CASCADE,
    anchor           TEXT    NOT NULL,
    previous_anchor  TEXT    NOT NULL,
    PRIMARY KEY (version_id, anchor, previous_anchor)
);

CREATE TABLE removed_sections (
    version_id       INTEGER NOT NULL REFERENCES draft_versions (id) ON DELETE CASCADE,
    previous_anchor  TEXT    NOT NULL,
    PRIMARY KEY (version_id, previous_anchor)
);

CREATE TABLE section_aliases (
    version_id  INTEGER NOT NULL REFERENCES draft_versions (id) ON DELETE CASCADE,
    alias       TEXT    NOT NULL,
    anchor      TEXT    NOT NULL,
    PRIMARY KEY (version_id, alias, anchor)
);

-- You said, we did: why a section changed, and the comments that led to it.
CREATE TABLE revision_notes (
    version_id  INTEGER NOT NULL REFERENCES draft_versions (id) ON DELETE CASCADE,
    anchor      TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    note_html   TEXT    NOT NULL,
    PRIMARY KEY (version_id, anchor)
);

CREATE TABLE comment_changes (
    comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    version_id  INTEGER NOT NULL REFERENCES draft_versions (id) ON DELETE CASCADE,
    anchor      TEXT    NOT NULL,
    PRIMARY KEY (comment_id, version_id, anchor)
);
CREATE INDEX comment_changes_by_version ON comment_changes (version_id, anchor);

-- A comment keeps the version and section it was written on; these say
-- where it stands in the current version, updated when one is published:
-- 'current' (written on it), 'carried', 'moved', 'changed' or 'removed',
-- and the section it belongs to now ('removed' for those on removed
-- sections: the parser never gives a section that anchor).
ALTER TABLE comments ADD COLUMN now_status TEXT NOT NULL DEFAULT 'current' CHECK (now_status IN ('current', 'carried', 'moved', 'changed', 'removed'));
ALTER TABLE comments ADD COLUMN now_section TEXT NOT NULL DEFAULT '';
UPDATE comments SET now_section = section_anchor;
CREATE INDEX comments_by_now ON comments (topic_id, now_section, id);

-- Counted by the section a comment belongs to now; `earlier` of them were
-- written on an earlier version.
ALTER TABLE comment_counts ADD COLUMN earlier INTEGER NOT NULL DEFAULT 0;

-- An official response may say where the comment landed: "Adopted in
-- version 2, § 4".
ALTER TABLE official_responses ADD COLUMN landed_version INTEGER;
ALTER TABLE official_responses ADD COLUMN landed_section TEXT;

-- A poll about a section follows the section to its successor; a poll
-- whose section was removed stays, saying the version it was asked on.
ALTER TABLE polls ADD COLUMN from_version INTEGER;
