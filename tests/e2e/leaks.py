"""Telltales of internals in an answer: driver and store names, SQL and Cypher,
Python tracebacks. A response containing any of them leaks what only logs may hold."""

from __future__ import annotations

import re

TELLTALES = re.compile(
    "|".join(
        [
            r"asyncpg",
            r"sqlalchemy",
            r"sqlalche\.me",
            r"psycopg",
            r"\bSELECT\s",
            r"\bINSERT\s+INTO\b",
            r"\bUPDATE\s+\w+\s+SET\b",
            r"\bDELETE\s+FROM\b",
            r"\bRETURNING\b",
            r"\[SQL:",
            r"\$\d+::",  # a bound parameter with its cast
            r"invalid input for query argument",
            r"division by zero",
            r"neo4j",
            r"Neo\.ClientError",
            r"Neo\.DatabaseError",
            r"\bCypher",
            r"\bMATCH\s*\(",
            r"\bMERGE\s*\(",
            r"redis\.exceptions",
            r"\bWRONGTYPE\b",
            r"unknown command",
            r"weaviate",
            r"httpx\.",
            r"Traceback \(most recent call last\)",
            r'File "[^"]+\.py"',
            r"surrogates not allowed",
            r"codec can't",
            r"secret_column",
        ]
    ),
    re.IGNORECASE,
)


def leaks(text: str) -> list[str]:
    """The telltales found in `text` (an empty list when it is clean)."""
    return sorted({m.group(0) for m in TELLTALES.finditer(text)})
