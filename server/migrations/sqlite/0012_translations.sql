-- The city's texts in another language than the one it wrote them in
-- (English): a topic's title and summary, a draft version's title and each
-- of its sections, a poll's question and options, an update's title and
-- body. A translated draft has the original's sections one to one, by
-- position, and shares their anchors and numbers, so comments, links and
-- polls stay in one place whichever language is read; only its heading
-- and text are its own. Markdown is rendered when written, as for the
-- originals.
CREATE TABLE topic_translations (
    topic_id      INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    lang          TEXT    NOT NULL CHECK (lang IN ('en', 'es')),
    title         TEXT    NOT NULL,
    summary       TEXT    NOT NULL,
    summary_html  TEXT    NOT NULL,
    PRIMARY KEY (topic_id, lang)
);

CREATE TABLE version_translations (
    version_id  INTEGER NOT NULL REFERENCES draft_versions (id) ON DELETE CASCADE,
    lang        TEXT    NOT NULL CHECK (lang IN ('en', 'es')),
    title       TEXT    NOT NULL,
    PRIMARY KEY (version_id, lang)
);

CREATE TABLE section_translations (
    section_id  INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    lang        TEXT    NOT NULL CHECK (lang IN ('en', 'es')),
    heading     TEXT    NOT NULL,
    markdown    TEXT    NOT NULL,
    html        TEXT    NOT NULL,
    PRIMARY KEY (section_id, lang)
);

CREATE TABLE update_translations (
    update_id  INTEGER NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
    lang       TEXT    NOT NULL CHECK (lang IN ('en', 'es')),
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    body_html  TEXT    NOT NULL,
    PRIMARY KEY (update_id, lang)
);

-- A poll's question and options, the options by the original's position.
CREATE TABLE poll_translations (
    poll_id   INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    lang      TEXT    NOT NULL CHECK (lang IN ('en', 'es')),
    question  TEXT    NOT NULL,
    PRIMARY KEY (poll_id, lang)
);

CREATE TABLE poll_option_translations (
    option_id  INTEGER NOT NULL REFERENCES poll_options (id) ON DELETE CASCADE,
    lang       TEXT    NOT NULL CHECK (lang IN ('en', 'es')),
    label      TEXT    NOT NULL,
    PRIMARY KEY (option_id, lang)
);

-- The language of the text a comment quotes: the draft as it was shown
-- to its author, original or translated (NULL: the original, as for every
-- comment before this). A quote is highlighted only in its own language.
ALTER TABLE comments ADD COLUMN quote_lang TEXT CHECK (quote_lang IN ('en', 'es'));
