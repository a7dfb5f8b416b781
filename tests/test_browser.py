"""The app in a real Chromium, on the real embedded model, the way Streamlit's own e2e tests
run: `streamlit run` on a free port of 127.0.0.1, wait for /_stcore/health, then drive the
page by data-testid. Screenshots of each step go to artifacts/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui import live_panel

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
RUN_TIMEOUT_MS = 240_000  # a beam-2 run on the embedded model takes 30-40 s on 2 cores
CHROMIUM = "/usr/bin/chromium"
# Longer than the live panel waits before it asks again for a rerun it asked for.
RETRY_QUIET_S = live_panel.RETRY_STALE_MS / 1000 + 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def app_url(data_dir) -> Iterator[str]:
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GENSERP_", "OPENAI_"))}
    env |= {"GENSERP_DATA_DIR": str(data_dir), "GENSERP_BACKEND": "local"}
    log = (ARTIFACTS / "streamlit.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start; see {ARTIFACTS / 'streamlit.log'}")
            time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture
def page(app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else None,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.set_default_timeout(30_000)
        yield page
        browser.close()


def wait_idle(page) -> None:
    page.wait_for_selector("[data-testid=stApp]")
    page.wait_for_selector("[data-test-script-state=notRunning]", state="attached")


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def go_to(page, title: str) -> None:
    page.locator("[data-testid=stSidebarNav] a", has_text=title).first.click()


def test_a_run_streams_survives_navigation_and_a_reload_and_ends_with_pages(page, app_url):
    page.goto(app_url)
    wait_idle(page)
    shot(page, "01-playground")

    page.get_by_label("Query", exact=True).fill("best hiking trails near seattle")
    beam = page.get_by_label("Beam width", exact=True)
    beam.fill("2")
    beam.press("Tab")
    page.get_by_role("button", name="Run").click()

    # The model's reasoning streams into the gather block while the run goes on.
    reasoning = page.locator(".genserp-reasoning-gather")
    reasoning.wait_for(timeout=RUN_TIMEOUT_MS)
    assert reasoning.inner_text().strip()
    running = page.get_by_text("Done in").count() == 0
    # Nothing spins while the model works: a spinner keeps the browser drawing on its cores.
    assert page.locator("[data-testid=stMain] [data-testid=stExpanderIconSpinner]").count() == 0
    # The sidebar's entry for it points here rather than at a stage it would not follow.
    page.locator("[data-testid=stSidebar]").get_by_text("live on this page").first.wait_for()
    shot(page, "02-streaming")
    assert "run=" in page.url

    # Leave mid-run, come back, and reload the tab: the run goes on and nothing is lost.
    go_to(page, "Heatmaps")
    page.wait_for_url("**/heatmaps**")
    wait_idle(page)
    shot(page, "03-heatmaps-mid-run")
    go_to(page, "Playground")
    page.wait_for_selector("[data-testid=stExpander], .genserp-live")
    page.reload()
    reasoning.wait_for(timeout=RUN_TIMEOUT_MS)  # the stages so far, drawn again from the feed
    shot(page, "04-after-reload")

    page.get_by_text("Done in").wait_for(timeout=RUN_TIMEOUT_MS)
    wait_idle(page)
    assert running, "the run ended before the page switch: nothing was tested mid-run"
    previews = page.locator("[class*='st-key-candidate-preview-'] iframe")
    assert previews.count() >= 2
    assert page.locator("[data-testid=stExpander]").count() >= 3  # stage blocks, kept
    shot(page, "05-done")

    go_to(page, "Heatmaps")
    page.wait_for_url("**/heatmaps**")
    page.get_by_role("heading", name="Heatmaps").wait_for()
    page.locator("[data-testid=stPlotlyChart]").first.wait_for(timeout=60_000)
    shot(page, "06-heatmaps")


def test_feedback_mode_records_a_click_on_the_rendered_page(page, app_url, data_dir):
    """After the run above: the winning page in feedback mode, one item clicked, and the
    click in the feedback log with where the item was shown."""
    from serp_core.reward import FeedbackLog
    from serp_core.store import RunStore

    done = [r for r in RunStore(data_dir / "runs.sqlite").list() if r.status == "done"]
    assert done, "needs the finished run of the test above"
    page.goto(f"{app_url}/?run={done[0].id}")
    page.get_by_text("Done in").wait_for(timeout=60_000)
    wait_idle(page)
    page.get_by_text("Feedback mode", exact=True).click()
    item = page.locator(".genserp-click-root [data-item-id]").nth(1)
    item.wait_for()
    item_id = item.get_attribute("data-item-id")
    item.click()
    page.get_by_text("1 click recorded for this page").wait_for()
    assert page.url.startswith(app_url)  # the result's link was not followed
    shot(page, "07-feedback-mode")

    (session,) = FeedbackLog(data_dir / "runs.sqlite").sessions(source="human")
    assert session.run_id == done[0].id
    clicked = [s for s in session.shown if s.clicked]
    assert [s.slot.item_id for s in clicked] == [item_id]
    assert len(session.shown) > 1  # every item shown is an impression, clicked or not


def test_two_pairs_are_judged_by_keyboard_and_kept_across_a_reload(page, app_url, data_dir):
    """The Judge page opened by a shared link: slider, reason and next by keys alone, each
    judgment in the store on X's side, and after a reload the judge carries on from there."""
    from serp_core.db import Database
    from serp_core.human_judgments import HumanJudgments, score_of
    from serp_core.search.local import LocalCorpus
    from tests.judging_support import QUERIES, judged_experiment
    from ui.judging import REASONS

    corpus = LocalCorpus(index_path=data_dir / "corpus-index.sqlite")
    summary = judged_experiment(data_dir, corpus, queries=QUERIES[:2])
    page.goto(f"{app_url}/judge?judge=beam-vs-greedy")
    wait_idle(page)
    page.get_by_label("Your name", exact=True).fill("Ana")
    page.get_by_role("button", name="Start judging").click()
    page.get_by_text("Pair 1 of 2 · 0 judged").wait_for()
    wait_idle(page)
    assert page.locator("[data-testid=stMain] iframe").count() == 2  # left and right pages
    shot(page, "08-judge-pair-1")

    def press(key: str, then: str) -> None:
        page.keyboard.press(key)
        page.get_by_text(then).first.wait_for()
        wait_idle(page)

    # A fast typist: every key is pressed before the page has redrawn for the one before it.
    # Each is still applied in turn, so the second Enter lands on the next pair, which has no
    # reason yet: it is refused there rather than saved.
    page.wait_for_function("() => !!window.__genserpJudgeKeys")  # the keys are listened for
    for key in ("ArrowLeft", "ArrowLeft", "ArrowLeft", "1", "Enter", "Enter"):
        page.keyboard.press(key)
    page.get_by_text("Pair 2 of 2 · 1 judged").wait_for()
    (first,) = HumanJudgments(Database(data_dir / "runs.sqlite")).of_pairs(
        v.runs for v in summary.verdicts)
    assert (first.raw, first.reasons) == (2, [REASONS[0]])
    page.get_by_text("5 · tie").first.wait_for()  # the next pair starts from a tie
    for value in (6, 7):
        press("ArrowRight", f"{value} · right page better")
    page.keyboard.press("4")
    page.get_by_role("button", name=f"4 · {REASONS[3]}", pressed=True).wait_for()
    wait_idle(page)
    shot(page, "09-judge-pair-2")
    press("Enter", "You have been through all 2 pairs: 2 judged, 0 skipped")

    kept = HumanJudgments(Database(data_dir / "runs.sqlite")).of_pairs(
        v.runs for v in summary.verdicts)
    assert len(kept) == 2 and {j.judge for j in kept} == {"Ana"}
    by_raw = {j.raw: j for j in kept}
    assert set(by_raw) == {2, 7}
    assert by_raw[2].reasons == [REASONS[0]] and by_raw[7].reasons == [REASONS[3]]
    for j in kept:
        assert j.score == score_of(j.raw, j.x_left)

    page.reload()
    wait_idle(page)
    page.get_by_label("Your name", exact=True).fill("Ana")
    page.get_by_role("button", name="Start judging").click()
    page.get_by_text("You have been through all 2 pairs: 2 judged").wait_for()
    shot(page, "10-judge-after-reload")


def test_a_hidden_tab_stops_asking_for_redraws_and_a_shown_one_catches_up(page, app_url,
                                                                          data_dir):
    """While a run goes on, the live panel asks the feed what changed about once a second
    and Streamlit draws nothing; with the tab hidden it asks nothing at all (neither the feed
    nor Streamlit), and shown again it catches up to the end."""
    from serp_core.store import RunStore

    sent: list[float] = []  # to Streamlit, over its websocket
    asked: list[float] = []  # the live feed
    page.on("websocket", lambda ws: ws.on("framesent", lambda _: sent.append(time.monotonic())))
    page.on("request", lambda r: asked.append(time.monotonic())
            if "/genserp/live/" in r.url else None)
    page.goto(app_url)
    wait_idle(page)
    page.get_by_label("Query", exact=True).fill("weekend in lisbon")
    beam = page.get_by_label("Beam width", exact=True)
    beam.fill("8")  # long enough to watch, hide and show again mid-run
    beam.press("Tab")
    page.get_by_role("button", name="Run").click()
    page.locator(".genserp-reasoning-gather").wait_for(timeout=RUN_TIMEOUT_MS)

    def over(seconds: float) -> tuple[int, int]:
        start = time.monotonic()
        page.wait_for_timeout(seconds * 1000)
        return sum(start <= t for t in asked), sum(start <= t for t in sent)

    def set_visibility(state: str) -> None:
        page.evaluate("""(state) => {
            Object.defineProperty(document, 'visibilityState', {value: state, configurable: true});
            Object.defineProperty(document, 'hidden', {value: state === 'hidden',
                                                       configurable: true});
            document.dispatchEvent(new Event('visibilitychange'));
        }""", state)

    feed_asked, _ = over(4)
    assert 2 <= feed_asked <= 5  # the live panel follows the run, about once a second
    set_visibility("hidden")
    page.wait_for_timeout(1_500)  # a question in flight, the rerun that drops the sidebar tick
    hidden = over(4)
    still_running = RunStore(data_dir / "runs.sqlite").list()[0].status == "running"
    set_visibility("visible")
    page.get_by_text("Done in").wait_for(timeout=RUN_TIMEOUT_MS)
    assert still_running, "the run ended while hidden: nothing was measured mid-run"
    assert hidden == (0, 0)
    # The finished run is drawn once, and then nothing is asked of anyone: no panel of the
    # live phase goes on polling or asking for reruns.
    wait_idle(page)
    assert over(RETRY_QUIET_S) == (0, 0)


def test_a_whole_run_requests_nothing_beyond_the_apps_own_origin(page, app_url):
    """Every request the page and its frames make over a run, the Runs page and a rendered
    page goes to the app's own origin (or is inline: data:, blob:): icons, fonts and scripts
    are served by the app or inlined, and rendered pages load nothing."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    page.goto(app_url)
    wait_idle(page)
    page.get_by_label("Query", exact=True).fill("weekend in lisbon")
    beam = page.get_by_label("Beam width", exact=True)
    beam.fill("1")
    beam.press("Tab")
    page.get_by_role("button", name="Run").click()
    page.get_by_text("Done in").wait_for(timeout=RUN_TIMEOUT_MS)
    wait_idle(page)
    assert page.locator("[class*='st-key-candidate-preview-'] iframe").count() >= 1
    go_to(page, "Runs")
    page.wait_for_url("**/runs**")
    wait_idle(page)
    page.locator("[data-testid=stMain] iframe").first.wait_for(timeout=60_000)
    shot(page, "11-no-outside-requests")

    origin = app_url.split("://", 1)[1]
    own = (f"http://{origin}/", f"ws://{origin}/")
    outside = [u for u in requests if not u.startswith((*own, "data:", "blob:", "about:"))]
    assert outside == []
    assert any(u.startswith(own[1]) for u in requests)  # the app's own stream was seen
    icon = page.eval_on_selector("link[rel*=icon]", "e => e.href")
    assert icon.startswith(own[0]) or icon.startswith("data:")
