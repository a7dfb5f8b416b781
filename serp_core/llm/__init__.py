"""Model backends behind one ChatModel interface."""

from __future__ import annotations

from ..settings import Settings
from .base import ChatModel, ModelError, ModelUnavailable

__all__ = ["ChatModel", "ModelError", "ModelUnavailable", "make_model"]


def make_model(settings: Settings) -> ChatModel:
    """The configured backend: `openai` when a key or base URL is set, else the embedded one.
    Raises ModelUnavailable with one line when it cannot be set up."""
    if settings.resolved_backend == "openai":
        from .openai_backend import OpenAIChatModel

        return OpenAIChatModel.from_settings(settings)
    from .local_backend import LocalChatModel  # imported lazily: llama.cpp is heavy

    return LocalChatModel()
