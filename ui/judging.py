"""The Judge page's pair on screen, one at a time: both chosen pages side by side at one
scale (with a full-size view), a 0-10 slider with 5 = tie, 1-3 reasons, skip, back, progress
and keyboard shortcuts. Every judgment goes to the store as it is given
(serp_core.human_judgments), so a reload or another judge loses nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import streamlit as st
from pydantic import ValidationError

from serp_core.experiments.human import Placement, first_open, placements
from serp_core.experiments.summary import Pair
from serp_core.human_judgments import MAX_REASONS, HumanJudgment
from serp_core.render.html import render_page
from serp_core.schema import Run

from . import state
from .components import ZOOM_HALF, inert, page_frame
from .judge_keys import judge_keys
from .judge_setup import judgments

# The reasons people give most for preferring a page (the paper's annotators named
# consistency, context, white space); keys 1-8 toggle them.
REASONS = ("Better answer", "More relevant results", "Most useful things first",
           "Less white space", "Easier to scan", "Better images or videos",
           "Cleaner, more consistent look", "Trustworthy sources")
SHORTCUTS = ("Keys: **←** **→** move the slider · **T** tie · **1**–**8** reasons · "
             "**Enter** save and next · **S** skip · **B** back")
ZOOM_DIALOG = 0.85  # a "large" dialog is up to 1280 px wide
ERROR, LOADED, POSITIONS = "jg_error", "jg_loaded", "jg_positions"


class PairWidgets(NamedTuple):
    """The keys of one pair's slider, reasons and own reason. Each pair has its own: the
    browser may still send the last pair's values in the rerun of a key pressed just after
    "next", and under the same keys those would be saved for this pair."""

    score: str
    picked: str
    other: str

    @classmethod
    def at(cls, position: int) -> PairWidgets:
        return cls(*(f"jg_{name}-{position}" for name in ("score", "reasons", "other")))


def scale_label(value: int) -> str:
    if value == 5:
        return "5 · tie"
    side, by = ("left", 5 - value) if value < 5 else ("right", value - 5)
    return f"{value} · {side} page better" + (" by far" if by == 5 else f" (+{by})")


@dataclass
class Judging:
    """One judge on one session's pairs: the plan and where they are in it."""

    judge: str
    session: str  # an experiment's name, or "" for two chosen runs
    plan: list[Placement]
    kept: dict[tuple[str, str], HumanJudgment]

    @property
    def position_key(self) -> str:
        return f"{self.judge}\x1f{self.session}\x1f{len(self.plan)}"

    @property
    def position(self) -> int:
        positions = st.session_state.setdefault(POSITIONS, {})
        return positions.setdefault(self.position_key, first_open(self.plan, self.kept))

    def go(self, position: int) -> None:
        st.session_state[POSITIONS][self.position_key] = max(0, min(position, len(self.plan)))

    @property
    def current(self) -> Placement | None:
        return self.plan[self.position] if self.position < len(self.plan) else None


def open_judging(judge: str, session: str, pairs: Sequence[Pair]) -> Judging:
    mine = [j for j in judgments().of_pairs(p.runs for p in pairs) if j.judge == judge]
    kept = {j.pair: j for j in mine}
    # Two chosen runs are drawn by their own ids, so each such pair gets its own side.
    draw = session or "|".join(pairs[0].runs if pairs else ())
    return Judging(judge, session, placements(pairs, judge=judge, session=draw, kept=kept),
                   kept)


def judging_panel(judging: Judging) -> None:
    """Progress, the current pair side by side with the slider and reasons, and the actions
    (buttons and keys)."""
    n = len(judging.plan)
    done = sum(not j.skipped for j in judging.kept.values())
    skipped = len(judging.kept) - done
    position = judging.position
    st.progress(min(1.0, len(judging.kept) / n) if n else 1.0,
                text=f"Pair {min(position + 1, n)} of {n} · {done} judged · {skipped} skipped")
    placement = judging.current
    if placement is None:
        st.success(f"You have been through all {n} pairs: {done} judged, {skipped} skipped. "
                   "Thank you.", icon=":material/task_alt:")
        st.button("Go over them again", key="jg_restart", on_click=judging.go, args=(0,))
        return
    widgets = PairWidgets.at(position)
    _load_widgets(judging, placement, widgets)
    pair = placement.pair
    st.markdown(f"#### {inert(pair.query)}")
    st.caption(f"{inert(pair.vertical)} · which page would serve the person who searched "
               "this better? Both are shown at the same scale.")
    pages = [state.workspace().store.get(run_id) for run_id in placement.left_right()]
    missing = [run_id for run_id, run in zip(placement.left_right(), pages, strict=True)
               if run is None or run.winner is None]
    if missing:
        st.warning(f"Run {inert(missing[0])} is no longer in the store: skip this pair.",
                   icon=":material/warning:")
    else:
        _side_by_side(pages)  # type: ignore[arg-type]
    actions = _actions(judging, placement, widgets)
    st.select_slider("Which page is better? 0 = the left one by far, 5 = a tie, 10 = the "
                     "right one by far", options=list(range(11)), format_func=scale_label,
                     key=widgets.score, disabled=bool(missing))
    st.pills(f"Reasons (1 to {MAX_REASONS})", REASONS, selection_mode="multi",
             key=widgets.picked,
             format_func=lambda r: f"{REASONS.index(r) + 1} · {r}", disabled=bool(missing))
    st.text_input("Another reason, in your words", key=widgets.other, max_chars=200,
                  disabled=bool(missing))
    if st.session_state.get(ERROR):
        st.error(inert(st.session_state.pop(ERROR)), icon=":material/error:")
    back, skip, save = st.columns([1, 1, 2])
    back.button("Back", key="jg_back", icon=":material/arrow_back:", disabled=position == 0,
                on_click=actions["back"], width="stretch")
    skip.button("Skip", key="jg_skip", icon=":material/skip_next:", on_click=actions["skip"],
                width="stretch")
    save.button("Save and next", key="jg_save", type="primary", icon=":material/check:",
                on_click=actions["next"], disabled=bool(missing), width="stretch")
    st.caption(SHORTCUTS)
    judge_keys(actions, key="jg_keys")


def _side_by_side(runs: Sequence[Run]) -> None:
    """Both pages at one scale and one height, each with a full-size view to read it by."""
    rows = max(run.winner.layout.rows_used() for run in runs)  # type: ignore[union-attr]
    for column, side, run in zip(st.columns(2, gap="medium"), ("left", "right"), runs,
                                 strict=True):
        winner = run.winner
        assert winner is not None
        # No title: the page must not say which arm made it, or with what score.
        html = render_page(run.query, winner.layout, run.items)
        with column:
            head, button = st.columns([1, 1], vertical_alignment="center")
            head.markdown(f"**The {side} page**")
            if button.button("Full size", key=f"jg_full_{side}", type="tertiary",
                             icon=":material/open_in_full:"):
                _full_size(side, html, winner.layout.rows_used())
            page_frame(html, rows, ZOOM_HALF)


@st.dialog("One page at full size", width="large")
def _full_size(side: str, html: str, rows: int) -> None:
    st.markdown(f"**The {side} page** (close this to score)")
    page_frame(html, rows, ZOOM_DIALOG)


def _load_widgets(judging: Judging, placement: Placement, widgets: PairWidgets) -> None:
    """Put the pair's earlier judgment (or a fresh tie) into the widgets, once per pair."""
    marker = f"{judging.position_key}\x1f{judging.position}"
    if st.session_state.get(LOADED) == marker:
        return
    st.session_state[LOADED] = marker
    earlier = judging.kept.get(placement.pair.runs)
    if earlier is None or earlier.raw is None:
        values = 5, [], ""
    else:
        values = (int(round(earlier.raw)), [r for r in earlier.reasons if r in REASONS],
                  "; ".join(r for r in earlier.reasons if r not in REASONS))
    for widget, value in zip(widgets, values, strict=True):
        st.session_state[widget] = value


def _actions(judging: Judging, placement: Placement,
             widgets: PairWidgets) -> dict[str, Callable[[], None]]:
    """What each button and key does (Streamlit callbacks: they run before the next rerun)."""

    def keep(raw: float | None, reasons: list[str]) -> None:
        pair = placement.pair
        try:
            judgments().put(HumanJudgment(
                judge=judging.judge, run_x=pair.run_x, run_y=pair.run_y,
                session=judging.session, query=pair.query, vertical=pair.vertical,
                x_left=placement.x_left, raw=raw, reasons=reasons))
        except ValidationError as e:
            st.session_state[ERROR] = e.errors()[0]["msg"].removeprefix("Value error, ")
            return
        judging.go(judging.position + 1)

    def save() -> None:
        reasons = list(st.session_state.get(widgets.picked) or [])
        other = st.session_state.get(widgets.other, "").strip()
        reasons += [other] if other else []
        if not reasons:
            st.session_state[ERROR] = (f"give 1 to {MAX_REASONS} reasons: pick one (keys "
                                       "1-8) or write your own")
            return
        keep(float(st.session_state.get(widgets.score, 5)), reasons)

    def nudge(step: int) -> Callable[[], None]:
        def move() -> None:
            score = st.session_state.get(widgets.score, 5) + step
            st.session_state[widgets.score] = max(0, min(10, score))
        return move

    def toggle(reason: str) -> Callable[[], None]:
        def flip() -> None:
            picked = list(st.session_state.get(widgets.picked) or [])
            st.session_state[widgets.picked] = ([r for r in picked if r != reason]
                                                if reason in picked else picked + [reason])
        return flip

    def tie() -> None:
        st.session_state[widgets.score] = 5

    actions = {"next": save, "skip": lambda: keep(None, []),
               "back": lambda: judging.go(judging.position - 1),
               "left": nudge(-1), "right": nudge(1), "tie": tie}
    actions |= {f"reason-{n}": toggle(r) for n, r in enumerate(REASONS, start=1)}
    return actions
