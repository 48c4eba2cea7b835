-- A translated draft kept whole, as the city wrote it, so that its edit
-- form gives it back unchanged (each section's text is kept already, for
-- reading). Empty for translations written before this: their text is
-- put together again from their sections.
ALTER TABLE version_translations ADD COLUMN markdown TEXT NOT NULL DEFAULT '';
