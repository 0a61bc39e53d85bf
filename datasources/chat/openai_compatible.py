"""A chat model over any OpenAI-compatible `POST {base_url}/chat/completions` endpoint.

Optional (CHAT_PROVIDER=openai); nothing needs it. Callers treat every failure the same
way, by keeping their own text, so there is one error type: ChatError, whose message
says what went wrong (never the API key, never the whole answer).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypedDict, runtime_checkable

import httpx

from datasources.provider_errors import error_snippet


class ChatMessage(TypedDict):
    role: str  # system | user | assistant
    content: str


class ChatError(RuntimeError):
    """No usable answer: refused, timed out, an HTTP error, or a malformed body."""


@runtime_checkable
class ChatModel(Protocol):
    async def complete(self, messages: Sequence[ChatMessage], *, max_tokens: int) -> str:
        """The model's reply (the first choice's text)."""
        ...

    async def close(self) -> None: ...


class OpenAIChat:
    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 20.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._url = base_url.rstrip("/") + "/chat/completions"
        self._model = model
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._timeout = timeout
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(timeout=timeout)

    async def complete(self, messages: Sequence[ChatMessage], *, max_tokens: int) -> str:
        payload: dict[str, Any] = {
            "model": self._model,
            "messages": list(messages),
            "temperature": 0,  # as repeatable as the provider allows
            "max_tokens": max_tokens,
        }
        try:
            response = await self._client.post(
                self._url, json=payload, headers=self._headers, timeout=self._timeout
            )
        except httpx.TimeoutException:
            raise ChatError(f"no answer within {self._timeout:g}s") from None
        except httpx.TransportError as exc:
            raise ChatError(f"chat provider unreachable ({type(exc).__name__})") from None
        if not response.is_success:
            raise ChatError(
                f"chat provider returned HTTP {response.status_code}: {error_snippet(response)}"
            )
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise ChatError("malformed chat completion (no choices[0].message.content)") from None
        if not isinstance(content, str):
            raise ChatError("malformed chat completion (content is not text)")
        return content

    async def close(self) -> None:
        if self._owns_client:
            await self._client.aclose()


def create_chat(
    *, provider: str, url: str, model: str, api_key: str | None, timeout: float
) -> ChatModel | None:
    """None for `none` (the default), an OpenAIChat for `openai`."""
    if provider == "none":
        return None
    if provider == "openai":
        return OpenAIChat(base_url=url, model=model, api_key=api_key, timeout=timeout)
    raise ValueError(f"unknown chat provider {provider!r}; expected 'none' or 'openai'")
