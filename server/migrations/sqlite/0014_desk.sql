-- The city's desk (issue 22).
--
-- A topic may be saved unpublished: a preview that only admins and its
-- hosts can see, until an admin publishes it. Publishing is one way (what
-- the public has read stays on the record); topics that exist already were
-- published when they were created.
ALTER TABLE topics ADD COLUMN published INTEGER NOT NULL DEFAULT 1;

-- Hosts hear of flags by mail, at most once per window each: a flag is
-- written here for each host of its topic in the flag's own transaction,
-- and the mail worker gathers a host's unsent items into one message
-- (outbox_id) once the window since their last one (flag_alerts) is over.
CREATE TABLE flag_alert_items (
    flag_id     INTEGER NOT NULL REFERENCES comment_flags (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    outbox_id   INTEGER REFERENCES outbox (id) ON DELETE CASCADE,
    PRIMARY KEY (flag_id, account_id)
);
CREATE INDEX flag_alert_items_waiting ON flag_alert_items (account_id, outbox_id);

CREATE TABLE flag_alerts (
    account_id  INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    sent_at     INTEGER NOT NULL
);

-- The audit log is read by page, newest first, filtered by action and actor.
CREATE INDEX audit_log_by_action ON audit_log (action, id);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, id);
