"""One run on screen: while it runs, the live panel (its stages and candidates so far); then
a status block per stage, the winning page, the template comparison and every candidate."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from serp_core.export import candidate_html
from serp_core.palette import TYPE_LABELS
from serp_core.schema import Candidate, Run
from serp_core.search.providers import CORPUS, provider_label
from serp_core.traces import cost

from . import live_feed, stage_html, state
from .click_page import PageClick, clickable_page
from .components import (
    TABLE_ROW_PX,
    ZOOM_FULL,
    ZOOM_HALF,
    ZOOM_WIDE_COLUMN,
    inert,
    page_frame,
    table,
)
from .live import LiveView, StageView
from .live_panel import live_panel
from .screenshots import THUMB_WIDTH, as_scored, first_screens, thumbnail_uri
from .trace_view import trace_view

THUMB_ROW_PX = 88  # a candidate table row with its screenshot (81 px) and a little air


def show_run(run_id: str) -> None:
    """The whole view of a run, live while it is being produced in this app."""
    run = state.workspace().store.get(run_id)
    if run is None:
        st.error(f"There is no run {inert(run_id, 40)} in this data directory.")
        return
    st.markdown(f"### {inert(run.query)}")
    st.caption(inert(config_caption(run)))
    running_here = run_id in state.runner().pending()  # asked first: it may finish meanwhile
    view = state.live_view(run_id)
    if view.finished:
        _show_finished(view)
    elif running_here:
        _show_live(view, run.config.beam)
    else:
        st.warning("This run is not running in this app: it was interrupted, or another "
                   "process is producing it. Showing what was recorded.")
        _show_progress(view, run.config.beam)
        _trace(run)


def _show_live(view: LiveView, beam: int) -> None:
    """The live panel, drawn from the feed; it asks for a rerun when the run has started
    (if the page says it is queued) and when it finishes."""
    url = live_feed.url(view.run_id)
    if url is None:  # no feed in this server: what is recorded, redrawn on the next rerun
        st.caption("Live updates need the app started with ./run.sh; rerun to catch up.")
        _show_progress(view, beam)
        return
    queued = _queued(view)
    live_feed.watch(view.run_id, state.workspace().store, beam)
    live_panel(url, view.run_id, queued)


def config_caption(run: Run) -> str:
    c = run.config
    backend = "embedded model" if c.backend == "local" else f"OpenAI-compatible {c.model}"
    return " · ".join([f"run {run.id}", run.created_at.strftime("%Y-%m-%d %H:%M UTC"), backend,
                       f"beam {c.beam}", c.mode, f"{c.scorer} scorer", f"θ {c.theta}",
                       f"seed {c.seed}", f"prompts {run.prompt_version[:10] or 'default'}",
                       *_search_caption(run)])


def _search_caption(run: Run) -> list[str]:
    """"search: SearXNG, the bundled corpus", when providers other than the corpus answered."""
    names = list(dict.fromkeys(s.provider for s in run.sources.values()))
    if not names or names == [CORPUS]:
        return []
    return ["search: " + ", ".join(provider_label(n) for n in names)]


def _show_progress(view: LiveView, beam: int) -> None:
    """The run as recorded so far, drawn once."""
    if not _queued(view):
        _draw_stages(list(view.stages.values()), beam)
        if panel := stage_html.candidates(view, beam):
            st.html(panel)


def _queued(view: LiveView) -> bool:
    """Says so when no stage has started yet."""
    if view.stages:
        return False
    pending = state.runner().pending()
    ahead = pending.index(view.run_id) if view.run_id in pending else 0
    st.info(f"Queued: it starts when the {ahead} run(s) ahead of it finish."
            if ahead else "Starting…", icon=":material/hourglass_top:")
    return True


def _draw_stages(stages: list[StageView], beam: int) -> None:
    st.html(f"<style>{stage_html.CSS}</style>")  # style only: applies to the whole page
    for stage in stages:
        label = stage_html.stage_label(stage)
        # A stage left running (the run is elsewhere or was cut short) gets no spinner: it
        # alone keeps the browser drawing, on the cores the model needs.
        block = (st.expander(label, expanded=True, icon=":material/pending:")
                 if stage.state == "running" else st.status(label, state=stage.state))
        with block:
            st.html(stage_html.stage_body(stage, beam))


# --- results --------------------------------------------------------------------------
def _show_finished(view: LiveView) -> None:
    run = view.final
    assert run is not None
    best = run.winner
    if run.status != "done" or best is None:
        what = "was interrupted" if run.status == "interrupted" else "failed"
        st.error(f"The run {what}: "
                 f"{inert(run.error or view.fatal or 'no page was produced')}")
        _draw_stages(list(view.stages.values()), run.config.beam)
        _trace(run)
        return
    st.success(f"Done in {run.timings.get('total', 0):.0f} s: {len(run.candidates)} "
               f"candidate pages, the best is candidate {best.index} with a score of "
               f"{best.score:g}/10. {inert(run.usage.describe())}, "
               f"{inert(cost.describe(run.usage, run.config.model, state.prices()))}.",
               icon=":material/check_circle:")
    _draw_stages(list(view.stages.values()), run.config.beam)

    if run.outside_the_corpus:
        st.info("Nothing in the bundled demo corpus (200 topics) is about this query, so the "
                "page only says so. Choose a search provider in **Settings → Search** to "
                "search the web.", icon=":material/travel_explore:")
    st.markdown("#### The winning page")
    if st.toggle("Feedback mode", key=f"feedback_{run.id}",
                 help="Click the results you would click: each click is logged with the "
                      "block's place on the grid, for the learned page reward."):
        _feedback_page(run, best)
    else:
        page_frame(candidate_html(run, best.index), best.layout.rows_used(), ZOOM_FULL)
    _versus_template(run, best)
    st.markdown("#### Every candidate")
    st.caption("Select a row to look at that candidate closely.")
    shown = _candidate_table(run)
    _candidate_details(run, run.candidates[shown])
    _gallery(run)
    _trace(run)


def _trace(run: Run) -> None:
    st.markdown("#### Trace: every model call")
    st.caption("What the model was told and what it said, call by call. Open one to see its "
               "prompt, reply and repairs, compare it with another run, or replay it with "
               "its prompt block edited.")
    trace_view(run)


def _feedback_page(run: Run, best: Candidate) -> None:
    """The winning page, live: a click on an item is recorded in the feedback log (one
    session per run and browser session), and the link is not followed."""
    log = state.feedback_log()
    sessions: dict[str, str] = st.session_state.setdefault("feedback_sessions", {})
    if run.id not in sessions:
        sessions[run.id] = log.open_session(run.query, best.layout, run.items, run_id=run.id)
    session_id = sessions[run.id]

    clicks: list[str] = st.session_state.setdefault("feedback_clicks", {}).setdefault(
        run.id, [])

    def record(click: PageClick) -> None:
        if log.record_click(session_id, click.item_id):
            clicks.append(click.item_id)

    st.caption(f"Click results as a searcher would. {len(clicks)} click"
               f"{'s' * (len(clicks) != 1)} recorded for this page"
               + (f", the last on “{inert(run.items[clicks[-1]].title, 60)}”." if clicks
                  else "."))
    clickable_page(candidate_html(run, best.index), page_id=f"{run.id}-{best.index}",
                   key=f"feedback_page_{run.id}", zoom=ZOOM_FULL, on_click=record)


def _versus_template(run: Run, best: Candidate) -> None:
    st.markdown("#### GenSERP and the template page, side by side")
    baseline = state.baseline_for(run)
    template = baseline.candidates[0]
    left, right = st.columns(2, gap="medium")
    with left:
        st.markdown(f"**GenSERP**, candidate {best.index}, score {best.score:g}/10")
        page_frame(candidate_html(run, best.index), best.layout.rows_used(), ZOOM_HALF)
        st.caption(stage_html.metrics_caption(best.metrics))
    with right:
        st.markdown(f"**Template page** ({run.vertical} rules), "
                    f"metrics score {template.score:g}/10")
        page_frame(candidate_html(baseline, 0), template.layout.rows_used(), ZOOM_HALF)
        st.caption(stage_html.metrics_caption(template.metrics))


def ranked(run: Run) -> list[Candidate]:
    """Best first: the winner, then by score, then by index."""
    return sorted(run.candidates, key=lambda c: (c.index != run.best,
                                                  -(c.score if c.score is not None else -1),
                                                  c.index))


def candidate_rows(run: Run, thumbnails: dict[int, str] | None = None) -> pd.DataFrame:
    """One row per candidate, best first; with `thumbnails` (index -> PNG data URL), a
    Screenshot column first."""
    prices = state.prices()
    # A blended score (the auto scorer) shows each of its parts beside it.
    parts = sorted({name for c in run.candidates for name in c.score_parts})
    rows = []
    for rank, c in enumerate(ranked(run), start=1):
        m = c.metrics
        shot = {"Screenshot": thumbnails.get(c.index, "")} if thumbnails is not None else {}
        rows.append({
            **shot, "Rank": rank, "Candidate": c.index, "Score": c.score,
            **{f"Score: {name}": c.score_parts.get(name) for name in parts},
            "Whitespace %": round(100 * m.whitespace), "Holes %": round(100 * m.holes),
            "Priority τ": round(m.priority_tau, 2),
            "Above fold %": round(100 * m.above_fold_share), "Repairs": len(c.repairs),
            "Tokens": c.usage.tokens,  # None shows as an empty cell: unknown, not 0
            "Cost": cost.usd(cost.usage_cost(c.usage, run.config.model, prices)),
            "Latency s": round(c.latency_s, 1),
        })
    return pd.DataFrame(rows)


def _candidate_table(run: Run) -> int:
    """The candidates in a table, each with a screenshot of its first screen; returns the
    index of the selected one (the winner first)."""
    with st.spinner("Drawing the pages' screenshots…"):
        pngs, missing = first_screens(run)
    if missing:
        st.caption(f":material/hide_image: Some screenshots are missing: {inert(missing, 300)}")
    df = candidate_rows(run, {i: thumbnail_uri(png) for i, png in pngs.items()}
                        if pngs else None)
    # Fixed widths: squeezed by the flexible columns, short headers wrapped mid-word ("Ra nk").
    widths = {"Rank": {"minWidth": 80, "maxWidth": 80},
              "Candidate": {"minWidth": 115, "maxWidth": 115},
              "Score": {"minWidth": 85, "maxWidth": 85}}
    widths["Whitespace %"] = {"minWidth": 104 if pngs else 125}
    if pngs:
        widths["Screenshot"] = {"minWidth": THUMB_WIDTH + 14, "maxWidth": THUMB_WIDTH + 14}
    selected = table(df, key=f"candidates-{run.id}", columns=widths,
                     images=("Screenshot",) if pngs else (),
                     row_px=THUMB_ROW_PX if pngs else TABLE_ROW_PX)
    return int(selected["Candidate"]) if selected is not None else (run.best or 0)


def _candidate_details(run: Run, c: Candidate) -> None:
    rank = [x.index for x in ranked(run)].index(c.index) + 1
    st.markdown(f"**Candidate {c.index}**, rank {rank} of {len(run.candidates)}")
    m = c.metrics
    for col, (label, value, help_) in zip(st.columns(6), [
        ("Score", f"{c.score:g}/10" if c.score is not None else "–", None),
        ("Whitespace", f"{m.whitespace:.0%}", "Share of empty cells in the rows the page uses"),
        ("Holes", f"{m.holes:.0%}", "Empty cells with content further down"),
        ("Priority τ", f"{m.priority_tau:+.2f}",
         "Kendall τ between importance and reading order: 1 puts the most important first"),
        ("Above fold", f"{m.above_fold_share:.0%}",
         "Share of the importance placed in the first 720 px"),
        ("Latency", f"{c.latency_s:.1f} s", "Model time spent on this candidate"),
    ], strict=True):
        col.metric(label, value, help=help_)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        page_frame(candidate_html(run, c.index), c.layout.rows_used(), ZOOM_WIDE_COLUMN)
    with right:
        st.caption(inert(f"{c.usage.describe()} · "
                         f"{cost.describe(c.usage, run.config.model, state.prices())}"))
        if c.score_reason:
            st.markdown(f"**Why this score:** {inert(c.score_reason, 300)}")
        if (seen := as_scored(run, c)) is not None:
            with st.expander("What the vision scorer saw"):
                st.image(seen, caption="The first screen, 1280×720, as sent to the model")
        _repairs(c)


def _repairs(c: Candidate) -> None:
    if not c.repairs:
        st.markdown("**Repairs:** none, the model's layout was used as proposed.")
        return
    # A refinement step that repeats a mistake is repaired again: count, don't repeat.
    counts = Counter((r.kind, r.block, r.detail) for r in c.repairs)
    lines = [f"- {kind.replace('_', ' ')}" + (f", {TYPE_LABELS[block]}" if block else "")
             + f": {inert(detail, 160)}" + (f" (×{n})" if n > 1 else "")
             for (kind, block, detail), n in counts.items()]
    st.markdown(f"**Repairs applied** ({len(c.repairs)}):\n" + "\n".join(lines))


def _gallery(run: Run) -> None:
    st.markdown("#### All candidate pages")
    cols = st.columns(2, gap="medium")
    for n, c in enumerate(ranked(run)):
        with cols[n % 2], st.container(key=f"candidate-preview-{c.index}"):
            score = f"score {c.score:g}/10" if c.score is not None else "not scored"
            st.markdown(f"**#{n + 1} · candidate {c.index}** · {score}")
            page_frame(candidate_html(run, c.index), c.layout.rows_used(), ZOOM_HALF)
            st.caption(stage_html.metrics_caption(c.metrics))
