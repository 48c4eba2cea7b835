-- A resident may delete their account. The row stays, emptied, so that the
-- ballots it cast are still counted (anonymously) and the comments it chose
-- to keep still have an author: "Former participant". Its email becomes a
-- placeholder no address can equal, so the address can register again.
ALTER TABLE accounts ADD COLUMN deleted_at BIGINT;
