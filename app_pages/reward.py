"""The learned page reward (PageLLM's multi-grained reward): train it on simulated clicks, see
the evidence (held-out pair accuracy, the λ ablation, examination fitted beside the truth),
the feedback log, and the preference pairs for fine-tuning elsewhere."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import streamlit as st

from serp_core.charts import examination_figure, lambda_curve_figure, reward_accuracy_figure
from serp_core.reward import examination_heatmaps, load_model
from ui import background, state
from ui.components import inert

REFRESH_S = 2.0
CHART_CONFIG = {"displayModeBar": False}
SCORER_LABELS = {"page_only": "page only (λ=1)", "item_only": "item only (λ=0)",
                 "joint": "joint", "random": "random pick", "template": "template page",
                 "oracle": "best candidate (oracle)"}


def training_panel() -> None:
    job = state.jobs().latest(background.TRAINING)
    if job is None or job.status != "running":
        st.rerun()  # it ended: draw the new evidence
        return
    with st.spinner(f"Training on simulated clicks ({job.details['sessions']} sessions per "
                    f"page, seed {job.details['seed']})… about a minute"):
        st.caption("Simulating sessions, fitting examination, building the four pair "
                   "families, fitting both rewards, choosing λ, evaluating.")


def show_evidence(summary: dict) -> None:
    good = "does NOT" not in summary["verdict"]
    (st.success if good else st.warning)(inert(summary["verdict"]), icon=":material/insights:")
    cols = st.columns(4)
    cols[0].metric("Model version", summary["model_version"])
    cols[1].metric("λ (chosen on validation queries)", f"{summary['lambda']:g}")
    cols[2].metric("Test queries", summary["test_queries"])
    cols[3].metric("Examination fit vs truth (r)",
                   f"{summary['examination']['corr_with_truth']:.3f}")

    st.markdown("#### Held-out pair accuracy per family")
    accuracy = summary["pair_accuracy"]
    st.plotly_chart(reward_accuracy_figure(accuracy), config=CHART_CONFIG, key="rw_accuracy")
    st.dataframe(pd.DataFrame([{"family": f, **v} for f, v in accuracy.items()]).rename(
        columns={"truth_agreement": "simulator agrees with the label"}), hide_index=True)

    humans = summary.get("human_pairs") or {}
    st.caption(f"People's judgments (the Judge page): {humans['n']} judged pairs trained the "
               f"page reward, which ranks {humans['fit_accuracy']['page']:.0%} of them as people "
               "did (in sample)." if humans.get("n") else
               "No judged pairs from the Judge page yet: people's preferences join the page "
               "reward's pairs when it is trained again.")

    st.markdown("#### The λ ablation on held-out queries")
    ablation = summary["ablation"]
    st.caption(f"{ablation['decisions']} decisions, each picking one of "
               f"{ablation['candidates_per_decision']} candidate pages; the simulator then "
               "gives its expected clicks and the grid-discounted NDCG of the page picked.")
    st.dataframe(pd.DataFrame([{"picker": SCORER_LABELS.get(k, k), **v}
                               for k, v in ablation["scorers"].items()]), hide_index=True)
    st.plotly_chart(lambda_curve_figure(ablation["lambda_curve"], summary["lambda"]),
                    config=CHART_CONFIG, key="rw_lambda")
    st.dataframe(pd.DataFrame([{"comparison": k.replace("_", " "), **v}
                               for k, v in ablation["paired_tests"].items()]), hide_index=True)

    st.markdown("#### Examination per grid cell")
    exam = summary["examination"]
    st.caption(f"Position-based-model EM over the logged impressions; {exam['cells_fitted']} "
               f"cells had enough of them. Row decay β fitted {exam['beta']['fitted']} (true "
               f"{exam['beta']['true']}), row skipping fitted {exam['skip']['fitted']} (true "
               f"{exam['skip']['true']}).")
    fitted, truth = examination_grids(str(state.workspace().store.path),
                                      json.dumps(state.feedback_log().counts(), sort_keys=True))
    st.plotly_chart(examination_figure(fitted, truth), config=CHART_CONFIG, key="rw_exam")


@st.cache_data(show_spinner="Fitting examination from the log…", max_entries=4)
def examination_grids(store_path: str, log_state: str) -> tuple[np.ndarray, np.ndarray]:
    """Fitted from the whole log (human clicks included) and the simulator's truth;
    `log_state` (the log's counts) makes a new fit once the log changes."""
    grids = examination_heatmaps(store_path)
    return grids["fitted"], grids["truth"]


st.title("Page reward")
st.caption("A reward learned from clicks alone, split into a page-level and an item-level part "
           "(PageLLM). It is trained on sessions from a grid click simulator, and it can "
           "score candidates (Playground → Scorer → Learned reward) and judge experiments.")

training = state.jobs().latest(background.TRAINING)
running = training is not None and training.status == "running"
left, middle, right = st.columns([1, 1, 2], vertical_alignment="bottom")
sessions = left.number_input("Sessions per page", 1, 200, 20, key="rw_sessions",
                             help="Simulated searchers per training page.")
seed = middle.number_input("Seed", 0, 10_000, 0, key="rw_seed")
if right.button("Train the reward", type="primary", icon=":material/model_training:",
                disabled=running, key="rw_train"):
    try:
        training, running = background.start_training(sessions=int(sessions), seed=int(seed)), True
    except ValueError as e:
        st.error(inert(str(e)), icon=":material/error:")
if running:
    st.fragment(training_panel, run_every=state.refresh_every(REFRESH_S, busy=True))()
    st.stop()
if training is not None and training.status == "failed":
    st.error(f"The training failed: {inert(training.error, 300)}", icon=":material/error:")

model_dir = state.reward_dir()
summary_file = model_dir / "summary.json"
try:
    model = load_model(model_dir)
    summary = json.loads(summary_file.read_text())
except (OSError, ValueError) as e:
    model = summary = None
    if (model_dir / "model.json").exists():
        st.error(f"The saved reward cannot be used: {inert(str(e), 300)}",
                 icon=":material/error:")
    else:
        st.info("No reward trained yet: press **Train the reward** (about a minute).",
                icon=":material/model_training:")
if model is not None and summary is not None:
    show_evidence(summary)

st.markdown("#### Feedback log")
counts = state.feedback_log().counts()
st.caption("Simulated sessions and the clicks people make in the Playground's feedback mode "
           "share one table in the run store.")
st.dataframe(pd.DataFrame([{"source": k, **v} for k, v in counts.items()])
             if counts else pd.DataFrame(columns=["source", "sessions", "impressions", "clicks"]),
             hide_index=True)
pairs = model_dir / "pairs.jsonl"
if pairs.is_file():
    st.download_button("Preference pairs (TRL JSONL: prompt, chosen, rejected)",
                       pairs.read_bytes(), file_name="genserp-preference-pairs.jsonl",
                       mime="application/jsonl", icon=":material/download:", key="rw_pairs")
