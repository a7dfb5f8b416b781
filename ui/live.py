"""A run's persisted events folded into what the Playground draws. Pure Python (no st.*): the
page keeps one LiveView per run in session state and feeds it only the events it has not
seen, so every redraw costs one small store query however long the run is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from serp_core.schema import (
    Candidate,
    CandidatePopulated,
    ContentType,
    ErrorEvent,
    Event,
    Final,
    LayoutProposed,
    PolishStep,
    Reasoning,
    Run,
    Scored,
    SearchSource,
    Stage,
    StageEnd,
    StageStart,
    ToolCall,
    ToolResult,
)
from serp_core.store import RunStore

StageState = Literal["running", "complete", "error"]


@dataclass
class ToolLine:
    tool: ContentType
    query: str
    titles: list[str] | None = None  # None until the tool has answered
    source: SearchSource | None = None  # what answered it (None: recorded before providers)


@dataclass
class StageView:
    name: Stage
    state: StageState = "running"
    seconds: float | None = None
    # Monologue paragraphs per candidate (None: the run as a whole), in order of arrival.
    reasoning: dict[int | None, list[str]] = field(default_factory=dict)
    tools: list[ToolLine] = field(default_factory=list)
    proposals: dict[int, list[LayoutProposed]] = field(default_factory=dict)
    polish: dict[int, list[PolishStep]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _streaming: set[int | None] = field(default_factory=set)  # whose last paragraph is open

    def add_reasoning(self, event: Reasoning) -> None:
        paragraphs = self.reasoning.setdefault(event.candidate, [])
        if event.delta and event.candidate in self._streaming:
            paragraphs[-1] += event.text
            return
        paragraphs.append(event.text.lstrip() if event.delta else event.text)
        if event.delta:
            self._streaming.add(event.candidate)
        else:
            self._streaming.discard(event.candidate)


@dataclass
class LiveView:
    run_id: str
    last_seq: int = 0
    stages: dict[Stage, StageView] = field(default_factory=dict)
    populated: dict[int, Candidate] = field(default_factory=dict)  # snapshots, as populated
    scores: dict[int, Scored] = field(default_factory=dict)
    fatal: str = ""
    final: Run | None = None

    @property
    def finished(self) -> bool:
        return self.final is not None

    @property
    def current(self) -> StageView | None:
        return next(reversed(self.stages.values()), None)

    def progress(self) -> str:
        """A few words on where the run is, for the queue list."""
        if self.final is not None:
            return self.final.status
        stage = self.current
        if stage is None:
            return "queued"
        done = len(self.scores) if stage.name == "score" else len(self.populated)
        counts = f" ({done} done)" if stage.name in ("populate", "score") and done else ""
        return f"{stage.name}{counts}"

    def update(self, store: RunStore) -> bool:
        """Apply the events persisted since the last call; True if there were any."""
        events = store.events(self.run_id, after=self.last_seq)
        for seq, event in events:
            self.apply(event)
            self.last_seq = seq
        return bool(events)

    def apply(self, event: Event) -> None:
        if isinstance(event, StageStart):
            self.stages[event.stage] = StageView(event.stage)
            return
        stage = self.current
        if isinstance(event, Final):
            self.final = event.run
            if stage is not None and stage.state == "running":
                stage.state = "complete" if event.run.status == "done" else "error"
        elif isinstance(event, ErrorEvent):
            if event.fatal:
                self.fatal = event.message
            elif stage is not None:
                who = f"candidate {event.candidate}: " if event.candidate is not None else ""
                target = self.stages.get(event.stage, stage) if event.stage else stage
                target.warnings.append(who + event.message)
        elif isinstance(event, CandidatePopulated):
            self.populated[event.candidate.index] = event.candidate
        elif isinstance(event, Scored):
            self.scores[event.candidate] = event
        elif stage is None:
            return  # nothing else arrives outside a stage
        elif isinstance(event, StageEnd):
            stage.state, stage.seconds = "complete", event.seconds
        elif isinstance(event, Reasoning):
            self.stages.get(event.stage, stage).add_reasoning(event)
        elif isinstance(event, ToolCall):
            stage.tools.append(ToolLine(event.tool, event.query))
        elif isinstance(event, ToolResult):
            waiting = next((t for t in reversed(stage.tools)
                            if t.tool == event.tool and t.titles is None), None)
            if waiting is None:
                waiting = ToolLine(event.tool, "")
                stage.tools.append(waiting)
            waiting.titles, waiting.source = event.titles, event.source
        elif isinstance(event, LayoutProposed):
            stage.proposals.setdefault(event.candidate, []).append(event)
        elif isinstance(event, PolishStep):
            stage.polish.setdefault(event.candidate, []).append(event)
