-- Rate limits counted in the database, so that several instances on one
-- PostgreSQL database share them (SQLite, one instance, counts in memory).
-- One row per limit and key: the window began with its first request.
-- `key_hash` is a SHA-256 of the address or account counted, so the table
-- keeps no addresses.
CREATE TABLE rate_counts (
    bucket       TEXT   NOT NULL,
    key_hash     TEXT   NOT NULL,
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL,
    PRIMARY KEY (bucket, key_hash)
);
CREATE INDEX rate_counts_window ON rate_counts (window_start);
