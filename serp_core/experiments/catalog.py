"""The paper's Section 5 analyses as experiment definitions: which arms run, and how they are
compared. Running and analysing them is experiments.experiment's job.

Every arm's runs are a batch named by the arm (`Batch(experiment="paper", arm=arm.name)`), so
arms that agree on name, configuration, prompt version and queries share their runs: the
plain GenSERP arm runs once for all seven experiments on the same queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..prompts import PromptSet
from ..schema import ContentType, RunConfig
from .treatments import shuffled_examples

# judged: a side-by-side judge compares arm 0's page with arm 1's on each query (Tables 1-3).
# placement: each later arm's block placement is tested against arm 0's (Fig. 6-9, 5.3).
# heatmaps: where one arm puts each type (Fig. 5).
Analysis = Literal["judged", "placement", "heatmaps"]


@dataclass(frozen=True)
class Arm:
    name: str  # stable: part of the batch id
    label: str
    config: dict[str, Any] = field(default_factory=dict)  # overrides of the base RunConfig
    prompts: Callable[[PromptSet], PromptSet] | None = None  # a prompt treatment

    def run_config(self, base: RunConfig) -> RunConfig:
        return base.model_copy(update=self.config, deep=True)

    def prompt_set(self, base: PromptSet) -> PromptSet:
        return self.prompts(base) if self.prompts else base


@dataclass(frozen=True)
class Experiment:
    name: str
    title: str
    paper: str  # where the paper reports it
    question: str  # what it asks, in a sentence
    arms: tuple[Arm, ...]  # arms[0] is the control (judged: page X)
    analysis: Analysis


GENSERP = Arm("genserp", "GenSERP")


def _first(t: ContentType) -> Arm:
    return Arm(f"{t}-first", f"{t} listed first", {"content_first": t})


EXPERIMENTS: dict[str, Experiment] = {e.name: e for e in (
    Experiment(
        "genserp-vs-template", "GenSERP vs the template page", "Table 1",
        "Does a judge prefer GenSERP's page to the rule-based template page of each vertical?",
        (GENSERP, Arm("template", "Template", {"mode": "template", "beam": 1,
                                               "scorer": "metrics"})),
        "judged"),
    Experiment(
        "placement-heatmaps", "Where each content type goes", "Fig. 5",
        "Where on the grid does GenSERP put each content type?",
        (GENSERP,), "heatmaps"),
    Experiment(
        "example-shuffle", "Few-shot examples shuffled", "Fig. 6-7",
        "Do the few-shot examples steer placement? Treatment: in every example the chat answer "
        "moves to the bottom and the other types trade places.",
        (GENSERP, Arm("shuffled-examples", "Shuffled examples", prompts=shuffled_examples)),
        "placement"),
    Experiment(
        "content-order", "Content order in the prompt", "Fig. 8-9",
        "Does the order in which content is listed in the prompt change placement? "
        "Treatments list one type first.",
        (GENSERP, _first(ContentType.web), _first(ContentType.images),
         _first(ContentType.videos)),
        "placement"),
    Experiment(
        "answer-probes", "Chat-answer probes", "Section 5.3",
        "Does the chat answer's placement follow its content? Treatments add 4 paraphrases of "
        "the answer, or replace its text with random text of the same length.",
        (GENSERP, Arm("answer-paraphrases", "4 paraphrases added",
                      {"answer_probe": "paraphrases"}),
         Arm("answer-random-text", "Random answer text", {"answer_probe": "random_text"})),
        "placement"),
    Experiment(
        "coarse-vs-single", "Coarse-to-fine vs single-step", "Table 2",
        "Is the staged, coarse-to-fine process better than one call that does everything?",
        (GENSERP, Arm("single-step", "Single-step", {"mode": "single-step"})),
        "judged"),
    Experiment(
        "beam-vs-greedy", "Beam search vs greedy", "Table 3",
        "Do several layout candidates (beam) beat a single one (greedy)?",
        (GENSERP, Arm("greedy", "Greedy (beam 1)", {"beam": 1})),
        "judged"),
)}


def get(name: str) -> Experiment:
    try:
        return EXPERIMENTS[name]
    except KeyError:
        raise ValueError(f"no experiment named {name!r}; choose one of: "
                         f"{', '.join(EXPERIMENTS)}") from None
