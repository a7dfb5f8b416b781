"""Replay one recorded call: send it again, on the model in use now, with its prompt block
edited in place, and read the reply the way the run read it (the same reader, looked up by
the name the trace recorded). The stored run is never touched: the replay's trace is
returned, not stored. An edited block can then be saved as a new prompt version.

    result = replay(trace, model, block_text=edited)
    result.new.reply, result.new.parsed, result.new.error
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, get_type_hints

from pydantic import TypeAdapter, ValidationError

from ..llm.base import ChatModel, Message
from ..pipeline.calls import Caller
from ..prompts import Filled, PromptSet
from ..prompts.editing import DEFAULT_NAME, version_names
from ..schema import CallTrace
from .read import prompt_index


class ReplayError(ValueError):
    """The call cannot be replayed as asked (one line saying why)."""


def reader_for(trace: CallTrace) -> Callable[[dict[str, Any]], Any] | None:
    """The reader that validated the call's reply, with its arguments; None when the trace
    names none that can be found (a reply is then only parsed as JSON)."""
    module_name, _, name = trace.reader.partition(":")
    if not name or not (module_name == "serp_core" or module_name.startswith("serp_core.")):
        return None  # only the engine's own readers: a trace is data, not code to run
    try:
        func: Any = importlib.import_module(module_name)
        for part in name.split("."):
            func = getattr(func, part)
        hints = get_type_hints(func)
        kwargs = {k: TypeAdapter(hints.get(k, Any)).validate_python(v)
                  for k, v in trace.reader_args.items()}
    except (ImportError, AttributeError, NameError, TypeError, ValidationError):
        return None
    return functools.partial(func, **kwargs)


def edited_messages(trace: CallTrace, *, block_text: str | None = None,
                    prompt_text: str | None = None) -> list[Message]:
    """The call's messages with its prompt edited: its block's text replaced (filled with
    the values the run used), or the whole prompt replaced; unchanged when neither."""
    if trace.redacted:
        raise ReplayError("this call's message text was not kept (the store's privacy "
                          "option), so it cannot be sent again")
    messages = [dict(m) for m in trace.messages]
    i = prompt_index(trace)
    if i is None:
        raise ReplayError("this call has no user message to edit")
    if block_text is not None:
        if not trace.template:
            raise ReplayError("this call's prompt was not filled from a prompt block: edit "
                              "the prompt text instead")
        messages[i]["content"] = Filled(trace.block, block_text, trace.values)
    elif prompt_text is not None:
        messages[i]["content"] = prompt_text
    return messages


@dataclass
class Replay:
    old: CallTrace  # the call as the run made it
    new: CallTrace  # the call made again
    validated: bool  # the reply went through the run's own reader (else: JSON only)


def replay(trace: CallTrace, model: ChatModel, *, block_text: str | None = None,
           prompt_text: str | None = None) -> Replay:
    """Send the call again on `model` with the recorded schema and sampling. Raises
    ReplayError (cannot be replayed) or ModelUnavailable; a failed call is on `new`."""
    messages = edited_messages(trace, block_text=block_text, prompt_text=prompt_text)
    read = reader_for(trace) if trace.kind == "json" else None
    caller = Caller(model, system="", prompt_version=trace.prompt_version,
                    temperature=float(trace.sampling.get("temperature", 0.0)), seed=0,
                    emit=lambda event: None)
    new = caller.resend(trace, messages, read)
    return Replay(old=trace, new=new, validated=read is not None)


def edited_version(trace: CallTrace, block_text: str,
                   versions: Mapping[str, PromptSet]) -> tuple[PromptSet, str]:
    """A prompt set with the call's block replaced by `block_text`, based on the set the run
    used when it is one of `versions` (else the shipped set), and the base's name."""
    if not trace.block or trace.block not in versions[DEFAULT_NAME].blocks:
        raise ReplayError(f"'{trace.block}' is not a block of the prompt lab")
    base_name = version_names(versions).get(trace.prompt_version, DEFAULT_NAME)
    base = versions[base_name]
    blocks = {**base.blocks, trace.block: block_text.strip()}
    return base.model_copy(update={"blocks": blocks}, deep=True), base_name
