"""What an HTTP model provider (embeddings, chat) said when it refused a request."""

from __future__ import annotations

import httpx

MAX_ERROR_BODY = 300  # enough of a provider's error message to act on, no more


def error_snippet(response: httpx.Response) -> str:
    """The start of the answer's body on one line, else its reason phrase."""
    text = response.text.strip().replace("\n", " ")
    return text[:MAX_ERROR_BODY] or response.reason_phrase
