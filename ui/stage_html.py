"""A run's stages drawn as HTML, the one way the Playground draws them: in the live panel
while the run goes on (patched in place from the live feed, without a Streamlit rerun), and
inside Streamlit's status blocks once it has ended (st.html). Pure functions of a LiveView.

Every text (model output, titles, queries) goes through `text`: escaped, on one line, so no
HTML or script in it takes effect; everything else is built from numbers and enum names."""

from __future__ import annotations

import base64
import html

from serp_core.palette import TYPE_LABELS
from serp_core.schema import ContentType, Layout, PageMetrics, SearchSource
from serp_core.search.providers import CORPUS, provider_label

from .drawing import grid_svg, legend_html, one_line
from .live import LiveView, StageView, ToolLine

MAX_COLUMNS = 4  # candidates side by side; more wrap onto the next row

STAGE_TITLES = {
    "gather": "Gather: intent, tools and layout prototypes",
    "populate": "Populate: re-rank the results and choose each block's look",
    "polish": "Polish: a bird's-eye review of each page",
    "score": "Score: rate each page from 0 to 10",
}

# Delivered once per page to st.html (a style-only st.html applies to the whole page) and
# to the live panel's shadow root.
CSS = """
.genserp-stage-html p { margin: 0 0 0.6rem 0; line-height: 1.5; }
.genserp-muted { color: rgba(49, 51, 63, 0.6); font-size: 0.875rem; }
.genserp-icon { font-family: 'Material Symbols Rounded'; font-weight: normal;
  font-style: normal; font-size: 1.25em; line-height: 1; vertical-align: -0.25em;
  display: inline-block; -webkit-font-feature-settings: 'liga'; font-feature-settings: 'liga';
  margin-right: 0.25rem; user-select: none; }
.genserp-columns { display: grid; gap: 1rem; align-items: start; }
.genserp-figure { margin: 0 0 0.75rem 0; }
.genserp-figure img { display: block; max-width: 100%; }
.genserp-figure figcaption { color: rgba(49, 51, 63, 0.6); font-size: 0.875rem; }
.genserp-stage { border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
  margin-bottom: 1rem; }
.genserp-stage-head { padding: 0.75rem 1rem; font-size: 0.875rem; }
.genserp-stage-body { padding: 0 1rem 0.5rem 1rem; }
.genserp-live h4 { font-size: 1.25rem; font-weight: 600; margin: 1rem 0 0.75rem 0; }
.genserp-live { font-family: "Source Sans", "Source Sans Pro", sans-serif; font-size: 1rem;
  color: rgb(49, 51, 63); }
"""


def text(value: str, limit: int | None = None) -> str:
    """Untrusted text, escaped for HTML, on one line and cut at `limit` characters."""
    return html.escape(one_line(value, limit))


def icon(name: str) -> str:
    """A Material Symbols icon by its ligature name (a constant of ours, never input)."""
    return f'<span class="genserp-icon" aria-hidden="true">{name}</span>'


def figure(layout: Layout, caption: str) -> str:
    """The layout's grid drawing as an image (SVG on a data: URL) with an escaped caption."""
    svg = base64.b64encode(grid_svg(layout).encode()).decode()
    return (f'<figure class="genserp-figure"><img alt="grid layout" '
            f'src="data:image/svg+xml;base64,{svg}"/>'
            f'<figcaption>{text(caption)}</figcaption></figure>')


def columns(cells: list[str], count: int) -> str:
    return (f'<div class="genserp-columns" style="grid-template-columns:'
            f'repeat({count}, minmax(0, 1fr))">' + "".join(f"<div>{c}</div>" for c in cells)
            + "</div>")


def stage_label(stage: StageView) -> str:
    label = STAGE_TITLES[stage.name]
    return label + (f" · {stage.seconds:.1f} s" if stage.seconds is not None else "")


def stage_body(stage: StageView, beam: int) -> str:
    """What a stage showed: the model's reasoning, the tools and their answers, each
    candidate's proposals and polishing steps, and any warnings."""
    if stage.state == "running" and not (stage.reasoning or stage.tools or stage.proposals
                                         or stage.polish or stage.warnings):
        return '<p class="genserp-muted">Waiting for the model…</p>'
    parts = []
    if stage.reasoning.get(None):
        parts.append(f'<div class="genserp-reasoning-{stage.name}">' + "".join(
            f"<p>{icon('psychology')}{text(t)}</p>" for t in stage.reasoning[None]) + "</div>")
    parts += [f"<p>{tool_line(tool)}</p>" for tool in stage.tools]
    who = sorted({c for c in (*stage.reasoning, *stage.proposals, *stage.polish)
                  if c is not None})
    if who:
        if stage.proposals:
            parts.append(legend_html(sorted(
                {b.type for ps in stage.proposals.values() for p in ps for b in p.layout.blocks},
                key=list(ContentType).index)))
        parts.append(columns([_candidate_in_stage(stage, c) for c in who],
                             min(max(beam, len(who)), MAX_COLUMNS)))
    parts += [f'<p class="genserp-muted">{icon("warning")}{text(w, 300)}</p>'
              for w in stage.warnings]
    return f'<div class="genserp-stage-html">{"".join(parts)}</div>'


def tool_line(tool: ToolLine) -> str:
    name = f"<b>{TYPE_LABELS[tool.tool]}</b>"
    if tool.tool == ContentType.chat_answer:
        if tool.titles is None:
            return f"{icon('edit_note')}{name}: writing…"
        return (f"{icon('edit_note')}{name}, written: {text(tool.titles[0], 240)}"
                if tool.titles else f"{icon('edit_note')}{name}: nothing written")
    if tool.titles is None:
        return f"{icon('search')}{name}: searching…"
    via = _via(tool.source)
    if not tool.titles:
        return f"{icon('search')}{name}: no results{via}"
    shown = " · ".join(text(t, 60) for t in tool.titles[:4])
    more = f" and {len(tool.titles) - 4} more" if len(tool.titles) > 4 else ""
    return f"{icon('search')}{name}: {len(tool.titles)} results{via}: {shown}{more}"


def _via(source: SearchSource | None) -> str:
    """Who answered a tool, when it was not simply the corpus: " via SearXNG (cached)", or
    " via the bundled corpus (SearXNG failed)"."""
    if source is None or (source.provider == CORPUS and not source.wanted):
        return ""
    if source.wanted:
        return f" via the bundled corpus ({text(provider_label(source.wanted))} failed)"
    cached = " (cached)" if source.cached else ""
    return f" via {text(provider_label(source.provider))}{cached}"


def _candidate_in_stage(stage: StageView, c: int) -> str:
    parts = [f"<p><b>Candidate {c}</b></p>"]
    for p in stage.proposals.get(c, []):
        repairs = f" · {len(p.repairs)} repairs so far" if p.repairs else ""
        parts.append(figure(p.layout, f"step {p.step} · confidence {p.confidence}/10{repairs}"))
    steps = stage.polish.get(c, [])
    parts += [f"<p>{text(t)}</p>" for t in stage.reasoning.get(c, [])]
    parts += [f"<p>Step {s.step}: <b>{text(s.action)}</b>, {text(s.detail, 200)}</p>"
              for s in steps]
    if steps:
        parts.append(figure(steps[-1].layout, "after polishing"))
    return "".join(parts)


def candidates(view: LiveView, beam: int) -> str:
    """Each candidate as soon as it is populated, then its score ("" before any is)."""
    if not view.populated:
        return ""
    polish = view.stages.get("polish")
    cells = []
    for i in range(beam):
        c = view.populated.get(i)
        if c is None:
            cells.append(f'<p class="genserp-muted">Candidate {i}: populating…</p>')
            continue
        steps = polish.polish.get(i) if polish else None
        scored = view.scores.get(i)
        score = f"score {scored.score:g}/10" if scored else "not scored yet"
        reason = (f'<p class="genserp-muted">{text(scored.reason, 200)}</p>'
                  if scored and scored.reason else "")
        cells.append(f"<p><b>Candidate {i}</b> · {score}</p>"
                     + figure(steps[-1].layout if steps else c.layout,
                              metrics_caption(c.metrics)) + reason)
    types = sorted({b.type for c in view.populated.values() for b in c.layout.blocks},
                   key=list(ContentType).index)
    return (f'<div class="genserp-stage-html"><h4>Candidates</h4>{legend_html(types)}'
            f'{columns(cells, min(beam, MAX_COLUMNS))}</div>')


def metrics_caption(m: PageMetrics) -> str:
    return (f"whitespace {m.whitespace:.0%} · holes {m.holes:.0%} · "
            f"priority τ {m.priority_tau:+.2f} · above fold {m.above_fold_share:.0%}")


STATE_ICONS = {"running": "pending", "complete": "check_circle", "error": "error"}


def live_panel(view: LiveView, beam: int, traced_calls: int) -> str:
    """A running run: each stage so far in a frame like the status blocks of a finished run,
    the candidates so far, and how many model calls are traced."""
    parts = [f'<div class="genserp-stage"><div class="genserp-stage-head">'
             f'{icon(STATE_ICONS[stage.state])}{html.escape(stage_label(stage))}</div>'
             f'<div class="genserp-stage-body">{stage_body(stage, beam)}</div></div>'
             for stage in view.stages.values()]
    parts.append(candidates(view, beam))
    if traced_calls:
        parts.append(f'<p class="genserp-muted">{traced_calls} model call(s) traced so far: '
                     "the trace shows here when the run ends, and on the Runs page now.</p>")
    return f'<div class="genserp-live">{"".join(parts)}</div>'
