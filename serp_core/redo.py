"""Redoing a run that did not finish (interrupted by a crash, or failed): a new run with the
same query, configuration and prompt version, which names the run it redoes (Run.redo_of).
A new run rather than the old one continued: the old run's events and traces stay as they
were, the evidence of what happened, and the new one starts from a clean state."""

from __future__ import annotations

import uuid
from pathlib import Path

from .prompts import PromptSet
from .prompts.editing import saved_versions
from .schema import Run
from .store import RunStore

REDOABLE = ("interrupted", "failed")


def redo(store: RunStore, run_id: str, prompt_dir: Path) -> tuple[Run, PromptSet]:
    """The new run (not yet started or stored) and the prompt set it runs with. ValueError
    (one line) for a run that is unknown, not redoable, or whose prompt version is gone."""
    old = store.get(run_id)
    if old is None:
        raise ValueError(f"there is no run {run_id!r} in {store.path.parent}")
    if old.status not in REDOABLE:
        raise ValueError(f"run {run_id} is {old.status}: only interrupted or failed runs are "
                         "redone")
    prompts = next((p for p in saved_versions(prompt_dir).values()
                    if p.version == old.prompt_version), None)
    if prompts is None:
        raise ValueError(f"run {run_id} used prompt version {old.prompt_version}, which is "
                         f"neither the shipped one nor saved in {prompt_dir}")
    run = Run(id=uuid.uuid4().hex[:12], query=old.query, vertical=old.vertical,
              config=old.config.model_copy(deep=True), prompt_version=prompts.version,
              redo_of=old.id)
    return run, prompts
