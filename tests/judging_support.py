"""A judged experiment made by hand for the Judge page's tests: for each query two finished
runs with real rendered pages (the template page, and the same items laid out at random) and
a summary.json naming them as the experiment's pairs, as experiments.analyses writes it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from serp_core.baseline import baseline_run
from serp_core.experiments.summary import ArmReport, JudgedSummary, PairVerdicts
from serp_core.reward.pages import random_layout
from serp_core.search.base import SearchTool
from serp_core.store import RunStore

NAME = "beam-vs-greedy"
QUERIES = ("best hiking trails near seattle", "things to do in lisbon in march",
           "noise cancelling headphones under 200", "how to lower blood pressure naturally")


def judged_experiment(data_dir: Path, search: SearchTool, queries=QUERIES,
                      model_scores=None) -> JudgedSummary:
    store = RunStore(data_dir / "runs.sqlite")
    rng = np.random.default_rng(0)
    verdicts = []
    for n, query in enumerate(queries):
        x = baseline_run(query, search)
        y = x.model_copy(deep=True, update={"id": f"{x.id}-y"})
        available: dict = {}
        for item_id, item in x.items.items():
            available.setdefault(item.type, []).append(item_id)
        y.candidates[0].layout = random_layout(available, rng)
        store.save(x)
        store.save(y)
        verdicts.append(PairVerdicts(query=x.query, vertical=str(x.vertical), run_x=x.id,
                                     run_y=y.id, scores={"model": (model_scores or {}).get(
                                         n, 5.0)}))
    summary = JudgedSummary(
        experiment=NAME, title="Beam search vs greedy", paper="Table 3", model="fake",
        queries=len(queries), arms=[ArmReport(name="genserp", label="GenSERP", done=4),
                                    ArmReport(name="greedy", label="Greedy (beam 1)", done=4)],
        arm_x="genserp", arm_y="greedy", verdicts=verdicts, judge_models={"model": "fake"})
    path = data_dir / "experiments" / NAME / "summary.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    summary.save(path)
    return summary
