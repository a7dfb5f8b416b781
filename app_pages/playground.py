"""Playground: type a query, choose how the page is built, and watch it being built."""

from __future__ import annotations

import streamlit as st

from serp_core.llm import ModelUnavailable
from serp_core.pipeline.score import scorers
from serp_core.prompts import PromptSet
from serp_core.prompts.editing import DEFAULT_NAME, saved_versions
from serp_core.query import BadQuery
from serp_core.schema import RunConfig
from serp_core.search.local import load_topics
from ui import state
from ui.components import inert
from ui.run_view import show_run

BACKENDS = {"local": "Embedded (offline)", "openai": "OpenAI-compatible"}
MODES = {"coarse-to-fine": "Coarse-to-fine", "single-step": "Single step (ablation)"}
SCORERS = {name: scorer.label for name, scorer in scorers}
# Scorers that look at screenshots: they need a backend that sends images.
VISION = {name for name, scorer in scorers if getattr(scorer, "needs_images", False)}
DEFAULTS = RunConfig()


@st.cache_data(show_spinner=False)
def sample_queries() -> dict[str, str]:
    """Demo query -> its vertical, in corpus order (grouped by vertical)."""
    return {t.text: t.vertical.value for t in load_topics()}


def use_sample() -> None:
    if st.session_state.sample:
        st.session_state.query = st.session_state.sample


def use_backend() -> None:
    state.settings().backend = st.session_state.backend


def use_prompts() -> None:
    st.session_state[state.PROMPT_VERSION_KEY] = st.session_state.prompts


def submit(query: str, config: RunConfig, prompts: PromptSet) -> None:
    """Queue the run in the background runner and make it the one on screen."""
    try:
        state.open_run(state.submit_run(query, config, prompts))
    except BadQuery as e:
        st.error(f"Cannot run this query: {inert(str(e))}.", icon=":material/error:")
        return
    except ModelUnavailable as e:
        st.error(f"The model is unavailable: {inert(str(e), 300)}", icon=":material/error:")
        return
    st.rerun()  # from the top, so the sidebar's queue lists the new run at once


settings = state.settings()
endpoint_ready = bool(settings.api_key or settings.base_url)

st.title("Playground")
st.caption("Type a search query and watch a language model gather results, propose grid "
           "layouts, fill, polish and score each candidate page, and keep the best.")

samples = sample_queries()
pick, backend_col, prompts_col = st.columns([5, 3, 2], vertical_alignment="bottom")
pick.selectbox("Sample queries, by vertical", list(samples), index=None, key="sample",
               placeholder=f"Pick one of {len(samples)} demo queries…",
               format_func=lambda q: f"{samples[q].title()}: {q}", on_change=use_sample)
backend_col.selectbox(
    "Backend", list(BACKENDS), format_func=BACKENDS.get, key="backend",
    # What the settings resolve to, so the box and the sidebar banner never disagree; the
    # box is locked only where the embedded model is the one choice.
    index=list(BACKENDS).index(settings.resolved_backend),
    disabled=not endpoint_ready and settings.resolved_backend == "local", on_change=use_backend,
    help="An OpenAI-compatible endpoint is set on the Settings page." if endpoint_ready else
    "Set a base URL or an API key on the Settings page to use an OpenAI-compatible model.")
versions = saved_versions(state.prompt_dir())
in_use = st.session_state.get(state.PROMPT_VERSION_KEY)
prompt_name = prompts_col.selectbox(
    "Prompt version", list(versions), key="prompts", on_change=use_prompts,
    index=list(versions).index(in_use if in_use in versions else DEFAULT_NAME),
    help="The monologue blocks and examples the model is given; edit them in the Prompt lab.")

# The vision scorers only with an endpoint: the embedded model has no vision.
vision_ok = st.session_state.backend == "openai"
offered = [name for name in SCORERS if vision_ok or name not in VISION]
if st.session_state.get("scorer") not in offered:
    st.session_state.scorer = offered[0]

with st.form("new-run", border=False):
    query_col, run_col = st.columns([6, 1], vertical_alignment="bottom")
    query = query_col.text_input("Query", key="query", persist_state="session",
                                 placeholder="best hiking trails near seattle")
    run_clicked = run_col.form_submit_button("Run", type="primary", icon=":material/play_arrow:",
                                             width="stretch")
    beam_col, mode_col, scorer_col, theta_col, seed_col = st.columns(5)
    beam = beam_col.number_input("Beam width", 1, 8, DEFAULTS.beam, key="beam",
                                 persist_state="session",
                                 help="Candidate pages developed side by side; 1 is greedy.")
    mode = mode_col.selectbox("Mode", list(MODES), format_func=MODES.get, key="mode",
                              persist_state="session",
                              help="Single step is the paper's ablation: one call does it all.")
    scorer = scorer_col.selectbox("Scorer", offered, format_func=SCORERS.get,
                                  key="scorer", persist_state="session",
                                  help="Who gives each candidate page its 0-10 score. Auto "
                                       "asks the model on an endpoint and blends the model, the "
                                       "page metrics and the learned reward (when trained, on "
                                       "the Reward page) on the embedded model. Vision shows "
                                       "the model each page's screenshot (an endpoint with a "
                                       "vision model).")
    if not vision_ok:
        scorer_col.caption("Vision (screenshot) needs an OpenAI-compatible endpoint: the "
                           "embedded model has no vision.")
    theta = theta_col.slider("Confidence θ", 0, 10, DEFAULTS.theta, key="theta",
                             persist_state="session",
                             help="The model refines a layout until its confidence reaches θ.")
    seed = seed_col.number_input("Seed", 0, 2**31 - 1, DEFAULTS.seed, key="seed",
                                 persist_state="session")

if run_clicked:
    backend = st.session_state.backend
    submit(query, RunConfig(backend=backend, beam=beam, mode=mode, scorer=scorer, theta=theta,
                            seed=seed, reward_model=str(state.reward_dir())),
           versions[prompt_name])

if run_id := state.current_run_id():
    show_run(run_id)
else:
    st.info("Pick a sample query or type your own, then press **Run**. Each stage appears here "
            "as it happens; the run goes on if you switch pages or reload.",
            icon=":material/lightbulb:")
