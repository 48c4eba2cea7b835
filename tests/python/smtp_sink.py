#!/usr/bin/env python3
"""A real SMTP server on loopback for the mail tests (aiosmtpd).

    smtp_sink.py DIR [PORT] [--count]

Listens on 127.0.0.1:PORT (0: a free port) and prints "listening on PORT"
once it accepts connections. Every message it receives is kept in DIR as
N.eml (the bytes as received) and N.json (envelope, headers, and the text
and HTML parts decoded by Python's email package), N counting from 1 in
the order received; N.json appears only when whole. With --count (for the
benchmark) it keeps nothing and writes how many it received to DIR/count
twice a second.
"""

import asyncio
import email
import email.policy
import json
import os
import socket
import sys
from pathlib import Path

from aiosmtpd.smtp import SMTP


class Count:
    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 Message accepted for delivery"

    async def report(self):
        while True:
            (self.folder / "count.partial").write_text(str(self.count))
            os.replace(self.folder / "count.partial", self.folder / "count")
            await asyncio.sleep(0.5)


class Keep:
    def __init__(self, folder: Path):
        self.folder = folder
        self.count = len(list(folder.glob("*.json")))

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = {"text": None, "html": None}
        for part in message.walk():
            kind = part.get_content_type()
            if kind == "text/plain" and parts["text"] is None:
                parts["text"] = part.get_content()
            elif kind == "text/html" and parts["html"] is None:
                parts["html"] = part.get_content()
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": {k.lower(): str(v) for k, v in message.items()},
            **parts,
        }
        stem = self.folder / str(self.count)
        stem.with_suffix(".eml").write_bytes(raw)
        partial = self.folder / f".{self.count}.json.partial"
        partial.write_text(json.dumps(record, ensure_ascii=False))
        os.replace(partial, stem.with_suffix(".json"))
        return "250 Message accepted for delivery"


async def main():
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    counting = "--count" in sys.argv[3:]
    handler = Count(folder) if counting else Keep(folder)
    if counting:
        asyncio.get_running_loop().create_task(handler.report())
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="sink.test", decode_data=False),
        sock=listener,
    )
    print(f"listening on {listener.getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
