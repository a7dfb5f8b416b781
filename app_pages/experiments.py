"""Experiments: the paper's Section 5 analyses, one click each. An experiment runs in the
background (its runs are reused when it is run again), the progress shows live, and the
result is drawn here and written to the data directory as summary.json and plots."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from serp_core.experiments.analyses import read_summary
from serp_core.experiments.catalog import EXPERIMENTS
from serp_core.experiments.judges import JudgeSetup, open_judge
from serp_core.experiments.query_sets import Query, bundled, read_csv_text, select
from serp_core.jobs import Job
from serp_core.llm import ModelUnavailable
from serp_core.prompts import PromptSet
from serp_core.schema import RunConfig, Vertical
from ui import background, state
from ui.components import inert
from ui.experiment_view import show_result

REFRESH_S = 2.0
SOURCES = ("Bundled (4 verticals × 50)", "Upload a CSV")
VERTICALS = [str(v) for v in Vertical if v != Vertical.other]


def queries_from_inputs(source: str, upload, verticals: list[str], n: int,
                        seed: int) -> list[Query]:
    """The chosen query set; ValueError (one line) for a missing or unusable CSV."""
    if source == SOURCES[0]:
        found = bundled()
    elif upload is None:
        raise ValueError("choose a CSV file with a `query` column first")
    else:
        found = read_csv_text(upload.getvalue().decode("utf-8-sig", errors="replace"),
                              skip_bad=True)
    return select(found, verticals=verticals or None, n=min(n, len(found)), seed=seed)


def progress_panel(job_id: str) -> None:
    job = state.jobs().get(job_id)
    if job is None or job.status != "running":
        st.rerun()  # it ended: draw the result
        return
    p = job.progress
    share = p.finished / p.total if p and p.total else 0.0
    text = f"{p.phase}: {p.detail}" if p else "starting…"
    if p and p.failed:
        text += f" · {p.failed} failed"
    st.progress(min(1.0, share), text=inert(text))
    if st.button("Stop", icon=":material/stop:", key="exp_stop",
                 help="Runs in flight end as failed; running it again picks up from there."):
        job.stop.set()


st.title("Experiments")
st.caption("The GenSERP paper's Section 5 analyses over a query set. Every arm's runs are "
           "stored like any other run and reused when the experiment (or another one with "
           "the same arm) runs again.")

name = st.selectbox("Experiment", list(EXPERIMENTS), key="exp_name",
                    format_func=lambda n: f"{EXPERIMENTS[n].paper} · {EXPERIMENTS[n].title}")
experiment = EXPERIMENTS[name]
st.markdown(f"{experiment.question}  \n**Arms:** "
            + " · ".join(a.label for a in experiment.arms))

settings = state.settings()
left, middle, right = st.columns(3)
source = left.radio("Queries", SOURCES, key="exp_source")
upload = (left.file_uploader("CSV with a `query` column", type="csv", key="exp_csv")
          if source == SOURCES[1] else None)
verticals = middle.multiselect("Verticals", VERTICALS, key="exp_verticals", placeholder="all")
n = middle.number_input("Queries (a sample, stratified by vertical)", 1, 200, 8, key="exp_n")
beam = right.number_input("Beam of the GenSERP arm", 1, 8, 3, key="exp_beam")
seed = right.number_input("Seed", 0, 10_000, 0, key="exp_seed")
reward_judge = st.toggle(
    "The learned reward judges too", key="exp_reward_judge",
    disabled=experiment.analysis != "judged" or not (state.reward_dir() / "model.json").is_file(),
    help="Side-by-side experiments only, once a reward is trained on the Reward page.")
backend = settings.resolved_backend
concurrency = 1 if backend == "local" else 4
st.caption(f"Up to {len(experiment.arms) * int(n)} runs on the **{backend}** backend, "
           f"{concurrency} at a time; runs done before are reused. The backend is chosen on "
           "the Settings page.")

jobs = state.jobs()
running = jobs.running(background.EXPERIMENT)
out_dir: Path = settings.experiments_dir / name
if st.button("Run experiment", type="primary", icon=":material/science:",
             disabled=running is not None, key="exp_run"):
    try:
        queries = queries_from_inputs(source, upload, verticals, int(n), int(seed))
        extra = ([open_judge("reward", JudgeSetup(reward_model=str(state.reward_dir())))]
                 if reward_judge else [])
        running = background.start_experiment(
            experiment, queries, model=state.model(), prompts=PromptSet.load(),
            base=RunConfig(backend=backend, beam=int(beam), seed=int(seed)), out=out_dir,
            concurrency=concurrency, extra_judges=extra, search=state.search().frozen())
    except (ValueError, OSError, ModelUnavailable) as e:
        st.error(inert(str(e), 300), icon=":material/error:")

if running is not None:
    if running.name != name:
        st.info(f"“{running.title}” is running.", icon=":material/hourglass_top:")
    st.fragment(progress_panel, run_every=state.refresh_every(REFRESH_S, busy=True))(running.id)
    st.stop()

job: Job | None = jobs.latest(background.EXPERIMENT, name)
if job is not None and job.status == "failed":
    st.error(f"The experiment failed: {inert(job.error, 300)}", icon=":material/error:")
elif job is not None and job.result is not None:
    if job.status == "stopped":
        st.warning("Stopped: what had finished is shown.", icon=":material/stop:")
    show_result(job.result.summary, job.result.figures)
    st.caption(f"Written to {inert(str(job.details['out']))}")
elif (out_dir / "summary.json").is_file():
    summary = read_summary(json.loads((out_dir / "summary.json").read_text()),
                           experiment.analysis)
    st.caption(f"The last report, from {inert(str(out_dir / 'summary.json'))}")
    show_result(summary, {})
