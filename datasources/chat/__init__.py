"""An optional chat model (OpenAI-compatible) that jobs may ask to reword text."""

from datasources.chat.openai_compatible import (
    ChatError,
    ChatMessage,
    ChatModel,
    OpenAIChat,
    create_chat,
)

__all__ = ["ChatError", "ChatMessage", "ChatModel", "OpenAIChat", "create_chat"]
