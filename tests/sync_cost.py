#!/usr/bin/env python3
"""What SQLite's synchronous=FULL costs per commit on this machine's disk,
against NORMAL, in WAL mode as Pulse runs it: 2,000 one-row transactions
each, the size of a comment. Run: python3 tests/sync_cost.py"""
import os
import sqlite3
import tempfile
import time

ROWS = 2000
BODY = "x" * 400

for mode in ("NORMAL", "FULL"):
    with tempfile.TemporaryDirectory(dir=os.getcwd()) as d:
        db = sqlite3.connect(os.path.join(d, "bench.db"), isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute(f"PRAGMA synchronous = {mode}")
        db.execute("CREATE TABLE comments (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        start = time.perf_counter()
        for _ in range(ROWS):
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO comments (body) VALUES (?)", (BODY,))
            db.execute("COMMIT")
        elapsed = time.perf_counter() - start
        db.close()
        print(f"synchronous={mode}: {ROWS / elapsed:,.0f} commits/s, {elapsed / ROWS * 1e6:,.0f} µs each")
