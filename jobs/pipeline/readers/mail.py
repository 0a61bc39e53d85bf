"""An email saved as text (a lesson a teacher sent the class, saved from the mail client as
.txt or .eml): its header's Subject is the document's title, its other fields (From, To,
Date, …) and the signature after the "-- " delimiter are no lesson. Read as prose, the
header was one paragraph opening the text ("From: … To: … Subject: …") and the signature's
office hours were taught. The header is parsed by the standard library's `email` parser,
which also decodes an encoded subject ("=?utf-8?q?…?=").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from email import policy
from email.parser import HeaderParser

# a header field ("Subject: …") or a folded field's continuation (an indented line)
_FIELD = re.compile(r"(?P<name>[A-Za-z][A-Za-z0-9-]{0,40}):(?:[ \t].*)?|[ \t]+\S.*")
# an email's header names its sender and its subject; a note's "Topic:" lines do not
_REQUIRED = frozenset({"from", "subject"})
# a header this long is no email's opening (RFC 5322 fields of a saved message stay few)
MAX_HEADER_LINES = 60
# "Re: Fwd: Lesson 7": a reply's or a forward's prefixes say nothing of the lesson
_REPLY_PREFIX = re.compile(r"^(?:(?:re|fwd?|aw|wg)\s*:\s*)+", re.IGNORECASE)
# "[mus210-all] …", "… (read before Thursday)": a mailing list's tag and a note to the
# class bracketed after the topic name no part of the lesson (read as its title, a weekday
# was a concept)
_LIST_TAG = re.compile(r"^\[[^\]]{1,40}\]\s*")
_TRAILING_NOTE = re.compile(r"\s*(?:\([^()]{1,60}\)|\[[^\[\]]{1,60}\])$")
# RFC 3676's signature delimiter, its trailing space often lost on saving
_SIGNATURE = re.compile(r"--[ \t]?")


def header_length(lines: list[str]) -> int:
    """How many lines (blank lines before it included) the email header opening `lines`
    takes, 0 when the text does not open with one."""
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    names: set[str] = set()
    for index in range(start, min(len(lines), start + MAX_HEADER_LINES)):
        line = lines[index]
        if not line.strip():
            return index if names >= _REQUIRED else 0
        field = _FIELD.fullmatch(line)
        if field is None or (index == start and field.group("name") is None):
            return 0
        if field.group("name"):
            names.add(field.group("name").lower())
    return 0


def subject(header: Iterable[str]) -> str:
    """The header's subject, decoded, its "Re:"/"Fwd:" prefixes, a list's tag and a
    bracketed note after it off (the note kept when it is all the subject says)."""
    fields = HeaderParser(policy=policy.default).parsestr("\n".join(header) + "\n\n")
    text = " ".join(str(fields.get("subject", "")).split())
    text = _REPLY_PREFIX.sub("", _LIST_TAG.sub("", _REPLY_PREFIX.sub("", text)))
    return _TRAILING_NOTE.sub("", text) or text


def before_signature(lines: Iterator[str]) -> Iterator[str]:
    """The body's lines up to the signature's delimiter line."""
    for line in lines:
        if _SIGNATURE.fullmatch(line):
            return
        yield line
