#!/usr/bin/env python3
"""Schemathesis against the real `pulse serve`, from its own OpenAPI document.

Starts the server (the binary in PULSE_BIN, the demo loaded, a fresh database:
SQLite unless PULSE_TEST_DATABASE=postgres), then runs schemathesis once per
kind of caller — a stranger, a signed-in resident, the topic host and an
administrator — with every phase (examples, coverage, fuzzing, stateful) in a
bounded time each. The check is that no request, however malformed, is
answered with a 5xx, and that answers match the document's content types.

Prints one cargo-style result line per caller, which tests/run.sh counts.
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("PULSE_TEST_VENV", ROOT / "target" / "test-venv"))
BIN = Path(os.environ.get("PULSE_BIN", ROOT / "target" / "debug" / "pulse"))
SECONDS = int(os.environ.get("PULSE_SCHEMATHESIS_SECONDS", "30"))
HOST = ("host@demo.pulse.example", "demo host password")
ADMIN = ("admin@demo.pulse.example", "demo admin password")
# Ending one's own sessions mid-run would turn the rest of a signed-in run
# into a stranger's; the stranger's run covers these operations.
SIGN_OUTS = ["sign_out", "sign_out_everywhere"]
CHECKS = "not_a_server_error,content_type_conformance"


def database(workdir):
    if os.environ.get("PULSE_TEST_DATABASE") != "postgres":
        return f"sqlite://{workdir}/pulse.db", None
    base = os.environ.get("PULSE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"pulse_test_schemathesis_{secrets.token_hex(4)}"
    subprocess.run(["psql", base, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    return base.rsplit("/", 1)[0] + "/" + name, (base, name)


def start(workdir):
    url, pg = database(workdir)
    log = open(workdir / "server.log", "w+")
    child = subprocess.Popen(
        [str(BIN), "serve", "--bind", "127.0.0.1:0", "--database", url, "--demo",
         "--client-dir", str(ROOT / "dist")],
        stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "PULSE_LOG": "warn,pulse_server=info", "NO_COLOR": "1"},
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        seen = (workdir / "server.log").read_text()
        found = re.search(r"listening on (http://[0-9.:]+)", seen)
        if found:
            return child, found.group(1), pg
        if child.poll() is not None:
            break
        time.sleep(0.1)
    child.kill()
    sys.exit(f"pulse did not start:\n{(workdir / 'server.log').read_text()}")


def post(base, path, body, cookie=None):
    request = urllib.request.Request(
        base + "/api/v1" + path, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", **({"Cookie": cookie} if cookie else {})},
    )
    with urllib.request.urlopen(request) as answer:
        cookies = answer.headers.get_all("Set-Cookie") or []
        return "; ".join(c.split(";", 1)[0] for c in cookies)


def sign_in(base, email, password):
    return post(base, "/session", {"email": email, "password": password})


def resident(base):
    return post(base, "/accounts", {
        "email": f"resident-{secrets.token_hex(4)}@example.org",
        "password": "a resident's long password",
        "display_name": "Rita Resident",
    })


def run(base, who, cookie, workdir):
    command = [
        str(VENV / "bin" / "schemathesis"), "run", f"{base}/api/v1/openapi.json",
        "--checks", CHECKS,
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-time", str(SECONDS),
        # One worker: hypothesis parses lambdas' source with `ast`, which
        # on CPython 3.11 can fail when two threads do it at once
        # ("AST constructor recursion depth mismatch").
        "--workers", "1",
        "--seed", os.environ.get("PULSE_SCHEMATHESIS_SEED", str(secrets.randbelow(2**31))),
        "--suppress-health-check", "all",
        "--request-timeout", "10",
        "--no-color",
        "--report", "junit", "--report-junit-path", str(workdir / f"{who}.xml"),
    ]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
        for operation in SIGN_OUTS:
            command += ["--exclude-operation-id", operation]
    print(f"== schemathesis as {who}", flush=True)
    finished = subprocess.run(command, cwd=workdir)
    ok = finished.returncode == 0
    print(f"test result: {'ok' if ok else 'FAILED'}. {int(ok)} passed; {int(not ok)} failed; "
          f"(schemathesis as {who}, {SECONDS} s)", flush=True)
    return ok


def main():
    if not (VENV / "bin" / "schemathesis").exists():
        sys.exit(f"schemathesis is not installed in {VENV}: run `make tools`")
    workdir = Path(tempfile.mkdtemp(prefix="pulse-schemathesis-"))
    child, base, pg = start(workdir)
    results = []
    try:
        # Every session is made before any fuzzing, which soon uses up the
        # address's allowance of registrations and sign-ins.
        callers = [
            ("a stranger", None),
            ("a resident", resident(base)),
            ("the topic host", sign_in(base, *HOST)),
            ("an administrator", sign_in(base, *ADMIN)),
        ]
        for who, cookie in callers:
            results.append(run(base, who, cookie, workdir))
    finally:
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)
        server_log = (workdir / "server.log").read_text()
        panics = [line for line in server_log.splitlines() if "panicked" in line]
        if panics:
            print("!! the server panicked:\n" + "\n".join(panics))
            results.append(False)
        if pg:
            base_url, name = pg
            subprocess.run(["psql", base_url, "-qc", f'DROP DATABASE IF EXISTS "{name}"'])
    if all(results):
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"reports and the server's log: {workdir}")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
