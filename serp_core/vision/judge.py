"""The vision pair judge: two chosen pages' first screens side by side, as the paper's
annotators saw them, in both presentation orders (experiments.judges.ask_both_orders), with
the pair prompt's descriptions of both pages; and a pointwise score on one screenshot. Every
verdict is kept with its reasons (experiments.judgements), so a resumed experiment asks
none twice.

    judge = open_judge("vision", JudgeSetup(model=model, verdicts=Judgements(store.db),
                                            screenshots=Screenshots.beside(store.path)))
    judge.pair(query, run_x, run_y)      # 0-10, 5 = tie, > 5: x's page is better
    judge.reasons(query, run_x, run_y)   # its reasons, in terms of page X and page Y
"""

from __future__ import annotations

from collections.abc import Callable
from string import Template

from ..experiments.judgements import Verdict
from ..experiments.judges import (
    JUDGE_SYSTEM,
    PAIR_FORM,
    JudgeSetup,
    Page,
    PairVerdict,
    ask_both_orders,
    chosen_page,
    describe_page,
    pair_prompt,
    prompt_version,
)
from ..llm.base import ChatModel, EndpointError, ImagesRejected, ModelUnavailable, supports_images
from ..pipeline.calls import Caller
from ..pipeline.context import RunContext
from ..pipeline.score import score_of
from ..prompts import PromptSet
from ..query import Query
from ..render.browser import BrowserUnavailable, ScreenshotError
from ..render.screenshot import Screenshots, page_html
from ..schema import Candidate, Run, RunConfig
from .prompts import DETAIL, block, pair_parts
from .scorer import ask_screenshot_score


def judge_pair_vision(model: ChatModel, query: str, page_x: Page, page_y: Page,
                      shots: Screenshots, *, seed: int = 0,
                      temperature: float = 0.0) -> PairVerdict:
    """Page X against page Y on their screenshots, both orders. ImagesRejected and
    BrowserUnavailable propagate; another failure is the verdict's `error`."""
    text = pair_prompt()
    x, y = describe_page(*page_x), describe_page(*page_y)
    png_x = shots.first_screen(page_html(query, *page_x))
    png_y = shots.first_screen(page_html(query, *page_y))

    def content(x_first: bool) -> list[dict]:
        a, b = (x, y) if x_first else (y, x)
        prompt = Template(text).safe_substitute(query=query, page_a=a, page_b=b,
                                                form=PAIR_FORM)
        return pair_parts(prompt, *((png_x, png_y) if x_first else (png_y, png_x)))

    return ask_both_orders(model, pair_version(), content, seed=seed, temperature=temperature)


def pair_version() -> str:
    """The vision pair prompt's version: the pair prompt, the screenshot note, the detail."""
    return prompt_version(f"{pair_prompt()}\n{block('vision_pair')}\n{DETAIL}")


class VisionJudge:
    kind = "vision"

    def __init__(self, setup: JudgeSetup) -> None:
        model = setup.model
        if model is None or not supports_images(model):
            raise ValueError("the vision judge needs a model that takes images: the embedded "
                             "model has no vision; use an OpenAI-compatible endpoint with a "
                             "vision model")
        self.model, self.verdicts = model, setup.verdicts
        self.prompts = setup.prompts or PromptSet.load()
        self.shots = setup.screenshots or Screenshots.default()
        self.name = f"{model.name} on screenshots"
        self.pair_version = pair_version()
        self.point_version = prompt_version(
            f"{self.prompts.version}\n{block('vision_score')}\n{DETAIL}")
        self._reasons: dict[str, list[str]] = {}
        try:  # fail now, in one line, rather than on every pair
            self.shots.browser.html_png("<!doctype html><p>ok</p>", width=64, height=64)
        except (BrowserUnavailable, ScreenshotError) as e:
            raise ValueError(f"the vision judge cannot draw pages: {e}") from None

    def pair(self, query: Query, x: Run, y: Run) -> float | None:
        subject = f"{x.id}|{y.id}"
        score, reasons = self._kept("pair", subject, self.pair_version, lambda: self._pair(
            query, x, y))
        self._reasons[subject] = reasons
        return score

    def reasons(self, query: Query, x: Run, y: Run) -> list[str]:
        subject = f"{x.id}|{y.id}"
        if subject not in self._reasons:
            self.pair(query, x, y)
        return self._reasons[subject]

    def point(self, query: Query, run: Run) -> float | None:
        return self._kept("point", run.id, self.point_version,
                          lambda: self._point(query, run))[0]

    def _pair(self, query: Query, x: Run, y: Run) -> Verdict:
        try:
            verdict = judge_pair_vision(self.model, query.text, chosen_page(x),
                                        chosen_page(y), self.shots)
        except (ImagesRejected, BrowserUnavailable, ScreenshotError) as e:
            raise ModelUnavailable(f"the vision judge cannot judge: {e}") from None
        return verdict.score, verdict.reasons

    def _point(self, query: Query, run: Run) -> Verdict:
        layout, items = chosen_page(run)
        caller = Caller(self.model, system=JUDGE_SYSTEM, prompt_version=self.point_version,
                        temperature=0.0, seed=0, emit=lambda event: None)
        ctx = RunContext(query=query.text, config=RunConfig(scorer="vision"),
                         prompts=self.prompts, search=None,  # type: ignore[arg-type]
                         caller=caller, emit=lambda event: None, items=dict(items))
        try:
            answer = ask_screenshot_score(ctx, Candidate(index=0, layout=layout), self.shots,
                                          marks=False)
        except (BrowserUnavailable, ScreenshotError) as e:
            raise ModelUnavailable(f"the vision judge cannot judge: {e}") from None
        except EndpointError:  # no verdict (its trace says why); the experiment goes on
            return None, []
        if isinstance(answer.error, ImagesRejected):
            raise ModelUnavailable(f"the vision judge cannot judge: {answer.error}")
        result = score_of(ctx, Candidate(index=0, layout=layout), answer)
        return (None, []) if result is None else (round(result.value, 2), [result.reason])

    def _kept(self, kind: str, subject: str, version: str,
              ask: Callable[[], Verdict]) -> Verdict:
        if self.verdicts is None:
            return ask()
        return self.verdicts.cached_verdict(kind, subject, self.name, version, ask)
