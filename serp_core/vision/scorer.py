"""Stage 3 on screenshots: the model scores each candidate 0-10 from its first screen.

The model gets what the text scorer gets (the query, the score block, the page described
block by block) and the candidate's first 1280x720 pixels as an image part, through the
run's validating Caller; its score is the expectation over the score tokens where the server
sends log probabilities (pipeline.score.score_of). With marks, each block is outlined and
numbered on the screenshot, and numbered the same in the description, so the reason can
name blocks (set-of-mark prompting).

A model that cannot look at the page gets one clear message and the text scorer for the rest
of the run: the embedded model (no vision), a server that refuses the image (ImagesRejected:
until one image is taken, the run's vision calls go one at a time, so a text-only model is
asked once), or no browser to draw the screenshot with.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..llm.base import ImagesRejected, supports_images
from ..pipeline.calls import Answer
from ..pipeline.context import RunContext
from ..pipeline.replies import ScoreReply, read_score, score_schema
from ..pipeline.score import SCORE_FORM, ScoreResult, score_of, scorers
from ..render.browser import BrowserUnavailable, ScreenshotError
from ..render.screenshot import Screenshots, page_html
from ..schema import Candidate, ErrorEvent, Layout
from .prompts import numbered, score_parts

TEXT_SCORER = "llm"


class _Vision:
    """One run's knowledge of whether its model takes images."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.accepted = False  # an image was answered: calls go in parallel from now on
        self.refused = False  # the model refused images: the text scorer from now on

    def ask(self, call: Callable[[], Answer[ScoreReply]]) -> Answer[ScoreReply] | None:
        """The call's answer; None when images are refused in this run (by this call or an
        earlier one)."""
        if not self.accepted:
            with self.lock:
                if self.refused:
                    return None
                if not self.accepted:
                    answer = call()
                    if isinstance(answer.error, ImagesRejected):
                        self.refused = True
                        return None
                    self.accepted = answer.completion is not None
                    return answer
        return call()


def screenshot_prompt(ctx: RunContext, layout: Layout, png: bytes, marks: bool) -> list[dict]:
    page = ctx.describe_page(layout)
    prompt = ctx.prompts.fill("score", query=ctx.query, page=numbered(page) if marks else page,
                              form=SCORE_FORM)
    return score_parts(prompt, png, marks=marks)


def ask_screenshot_score(ctx: RunContext, c: Candidate, shots: Screenshots,
                         marks: bool) -> Answer[ScoreReply]:
    """One score call on the candidate's screenshot (BrowserUnavailable, ScreenshotError
    when it cannot be drawn)."""
    png = shots.first_screen(page_html(ctx.query, c.layout, ctx.items, marks=marks))
    return ctx.caller.ask_json("score", screenshot_prompt(ctx, c.layout, png, marks),
                               score_schema(), read_score, max_tokens=60, candidate=c.index,
                               logprobs=True, block="score", fallback="the page metrics")


class VisionScorer:
    needs_images = True  # the app offers it only with a backend that can send images

    def __init__(self, *, marks: bool = False) -> None:
        self.marks = marks
        self.label = ("Vision (screenshot, blocks labelled)" if marks
                      else "Vision (screenshot)")

    def score(self, ctx: RunContext, c: Candidate) -> ScoreResult | None:
        text = scorers.get(TEXT_SCORER)
        if not supports_images(ctx.caller.model):
            self._once(ctx, f"{ctx.caller.model.name} reads text only (the embedded model has "
                       "no vision): the text scorer scores this run's pages")
            return text.score(ctx, c)
        vision = ctx.state("vision", _Vision)
        if vision.refused:
            return text.score(ctx, c)
        shots = ctx.screenshots or Screenshots.default()
        try:
            answer = vision.ask(lambda: ask_screenshot_score(ctx, c, shots, self.marks))
        except BrowserUnavailable as e:
            vision.refused = True
            self._once(ctx, f"{e}; the text scorer scores this run's pages")
            return text.score(ctx, c)
        except ScreenshotError as e:
            ctx.emit(ErrorEvent(stage="score", candidate=c.index,
                                message=f"no screenshot of this page ({e}): the text scorer "
                                "scores it"))
            return text.score(ctx, c)
        if answer is None:  # the server said why (an ErrorEvent of the Caller's)
            if not ctx.said_once("vision-refused"):
                ctx.caller.say("score", "The model does not take images, so I score the "
                               "pages from their description instead.")
            return text.score(ctx, c)
        result = score_of(ctx, c, answer)
        if result is not None:
            result.reason = f"{result.reason}; seen on its screenshot"
        return result

    def _once(self, ctx: RunContext, message: str) -> None:
        if not ctx.said_once("no-vision"):
            ctx.emit(ErrorEvent(stage="score", message=message))
