-- Sessions end after a time without use as well as at their absolute end.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;

-- Browsers an account has signed in from before (OWASP "device cookies"):
-- their sign-in attempts are counted apart from strangers' guesses, so
-- guessing from elsewhere never locks the owner out. Only hashes are kept.
CREATE TABLE trusted_devices (
    token_hash  TEXT    PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX trusted_devices_by_account ON trusted_devices (account_id);

-- One person, one voice: a topic can ask for a confirmed email address
-- before taking part.
ALTER TABLE topics ADD COLUMN require_verified_email INTEGER NOT NULL DEFAULT 0
    CHECK (require_verified_email IN (0, 1));
