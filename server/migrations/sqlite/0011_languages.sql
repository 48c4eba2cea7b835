-- Each person's language. An account's is chosen at sign-up (the page's
-- language then) and changed on the account page; a subscription made
-- without an account keeps the language of the page it was made on. Every
-- message to that person is written in it. `outbox.lang` is the language a
-- message was queued in, for a recipient no account or subscription speaks
-- for when it is sent (the old address told that it was changed). A
-- comment keeps the language of the page it was written on (unknown for
-- those written before), so that the page marks it for screen readers.
ALTER TABLE accounts ADD COLUMN lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'es'));
ALTER TABLE subscriptions ADD COLUMN lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'es'));
ALTER TABLE outbox ADD COLUMN lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'es'));
ALTER TABLE comments ADD COLUMN lang TEXT CHECK (lang IN ('en', 'es'));
