#!/usr/bin/env python3
"""Reads a feed as real readers do, for the feed tests.

    read_feed.py atom FILE   -> JSON: {bozo, title, links, entries: [{id, title, link, published, content}]}
    read_feed.py ics FILE    -> JSON: {name, events: [{uid, summary, start, location, url}]}

feedparser reports a malformed feed as `bozo`; icalendar raises on a
malformed calendar. Either way the test sees it.
"""

import json
import sys
from pathlib import Path


def atom(data: bytes):
    import feedparser

    feed = feedparser.parse(data)
    return {
        "bozo": bool(feed.bozo),
        "bozo_exception": str(feed.get("bozo_exception", "")),
        "version": feed.version,
        "title": feed.feed.get("title"),
        "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in feed.feed.get("links", [])],
        "entries": [
            {
                "id": e.get("id"),
                "title": e.get("title"),
                "link": e.get("link"),
                "published": e.get("published"),
                "content": e.content[0].value if e.get("content") else None,
            }
            for e in feed.entries
        ],
    }


def ics(data: bytes):
    from icalendar import Calendar

    calendar = Calendar.from_ical(data)
    return {
        "name": str(calendar.get("X-WR-CALNAME")),
        "events": [
            {
                "uid": str(event.get("UID")),
                "summary": str(event.get("SUMMARY")),
                "start": event.decoded("DTSTART").isoformat(),
                "location": str(event.get("LOCATION")) if event.get("LOCATION") else None,
                "url": str(event.get("URL")),
            }
            for event in calendar.walk("VEVENT")
        ],
    }


if __name__ == "__main__":
    kind, path = sys.argv[1], Path(sys.argv[2])
    print(json.dumps({"atom": atom, "ics": ics}[kind](path.read_bytes())))
