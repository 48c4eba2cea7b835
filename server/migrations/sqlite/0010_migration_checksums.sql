-- Each applied migration keeps the SHA-256 of the SQL it ran (for this
-- database's dialect), so that a migration changed after it was applied is
-- noticed at the next start, which then refuses to go on: a difference
-- between the dialects is mended by a new migration, never by editing an
-- old one. The runner fills the checksum of the migrations applied before
-- this one, at the first start that has it.
ALTER TABLE pulse_migrations ADD COLUMN checksum TEXT;
