"""Screenshots in the app: the vision scorers on the Playground (only where images can be
sent), thumbnails in the candidate table, what the vision scorer saw, PNGs in the export."""

from __future__ import annotations

import base64
import io
import json
import zipfile

import pyarrow as pa
import pytest
from PIL import Image

from serp_core.baseline import baseline_run
from serp_core.render.browser import Browser
from serp_core.render.screenshot import Screenshots, png_size
from tests.app_support import texts, use_fake_model
from tests.serp_responder import SerpResponder, images_of
from tests.test_app import new_app, submit, wait
from ui import state
from ui.exports import pages_zip

pytestmark = pytest.mark.browser

VISION_LABELS = ["Vision (screenshot)", "Vision (screenshot, blocks labelled)"]


@pytest.fixture
def endpoint(monkeypatch, fake_openai, tmp_path):
    fake_openai.responder = SerpResponder()
    use_fake_model(monkeypatch, fake_openai.base_url, tmp_path)
    return fake_openai


def test_the_embedded_backend_offers_no_vision_scorer_and_says_why(endpoint, monkeypatch):
    monkeypatch.setenv("GENSERP_BACKEND", "local")
    at = new_app()
    assert at.selectbox(key="backend").value == "local"
    assert not at.exception
    options = at.selectbox(key="scorer").options
    assert "The model" in options and not set(VISION_LABELS) & set(options)
    assert "Vision (screenshot) needs an OpenAI-compatible endpoint: the embedded model has " \
        "no vision." in texts(at)


def test_a_vision_run_shows_each_candidates_screenshot(endpoint, tmp_path):
    at = new_app()
    assert set(VISION_LABELS) <= set(at.selectbox(key="scorer").options)
    at.selectbox(key="scorer").set_value("vision-marks")
    at = submit(at, "weekend in lisbon", beam=2)
    run_id = at.session_state.run_id
    wait(run_id, tmp_path)
    at.run()
    assert not at.exception and not at.error
    assert len([b for b in endpoint.requests if images_of(b)]) == 2
    # The candidate table: a Screenshot column of thumbnails drawn as images.
    (grid,) = at.get("component_instance")
    options = json.loads(grid.proto.json_args)["gridOptions"]
    assert options["columnDefs"][0]["field"] == "Screenshot"
    assert "ImageCell" in options["columnDefs"][0]["cellRenderer"]
    data = pa.ipc.open_stream(grid.proto.special_args[0].arrow_dataframe.data.data)
    shots = data.read_pandas()["Screenshot"].tolist()
    assert len(shots) == 2
    for uri in shots:
        head, b64 = uri.split(",", 1)
        assert head == "data:image/png;base64"
        assert png_size(base64.b64decode(b64)) == (144, 81)
    # What the scorer saw: the first screen with the block labels, as sent.
    (seen,) = [e for e in at.expander if e.label == "What the vision scorer saw"]
    (image,) = seen.get("image")
    assert image.captions == ["The first screen, 1280×720, as sent to the model"]
    run = state._workspace(str(tmp_path)).store.get(run_id)
    assert all("seen on its screenshot" in c.score_reason for c in run.candidates)


def test_the_export_has_a_full_page_screenshot_of_every_page(tmp_path, corpus):
    run = baseline_run("weekend in lisbon", corpus)
    shots = Screenshots(tmp_path / "shots")
    z = zipfile.ZipFile(io.BytesIO(pages_zip(run, run, shots)))
    assert sorted(z.namelist()) == ["baseline.html", "baseline.png", "best.html", "best.png",
                                    "candidates/0.html", "candidates/0.png"]
    for name in ("best.png", "baseline.png", "candidates/0.png"):
        with Image.open(io.BytesIO(z.read(name))) as im:
            assert im.width == 1280 and im.height > 720


def test_an_export_without_a_browser_says_why_in_one_line(tmp_path, corpus):
    run = baseline_run("weekend in lisbon", corpus)
    shots = Screenshots(tmp_path, Browser(executable=str(tmp_path / "no-such-chrome")))
    z = zipfile.ZipFile(io.BytesIO(pages_zip(run, run, shots)))
    assert not [n for n in z.namelist() if n.endswith(".png")]
    (line,) = z.read("screenshots/missing.txt").decode().splitlines()
    assert line.startswith("no browser for screenshots") and "install Chromium" in line
