from serp_core.llm.openai_backend import OpenAIChatModel
from serp_core.pipeline.run import new_run
from serp_core.prompts import PromptSet
from serp_core.runner import Runner
from serp_core.schema import Final, RunConfig
from serp_core.store import RunStore
from tests.serp_responder import SerpResponder


def test_runs_are_queued_run_in_the_background_and_persisted(tmp_path, fake_openai, corpus):
    fake_openai.responder = SerpResponder(delay=0.02)
    store = RunStore(tmp_path / "runs.sqlite")
    runner = Runner(store, corpus)
    prompts = PromptSet.load()
    model = OpenAIChatModel(base_url=fake_openai.base_url, model="fake", api_key="k")
    ids = [runner.submit(new_run(q, RunConfig(backend="openai", beam=2), search=corpus,
                                 prompts=prompts), model, prompts)
           for q in ("weekend in lisbon", "flu symptoms vs covid")]
    # The second run waits for the first (one worker) and is listed as queued meanwhile.
    assert store.get(ids[1]).status in ("queued", "running")
    assert set(runner.pending()) <= set(ids)
    for run_id in ids:
        runner.wait(run_id, timeout=60)
    assert runner.pending() == []
    for run_id in ids:
        run = store.get(run_id)
        assert run.status == "done" and len(run.candidates) == 2
        events = [e for _, e in store.events(run_id)]
        assert isinstance(events[-1], Final) and events[0].kind == "stage_start"
    runner.shutdown()


def test_a_failed_run_is_recorded_as_failed(tmp_path, corpus):
    store = RunStore(tmp_path / "runs.sqlite")
    runner = Runner(store, corpus)
    prompts = PromptSet.load()
    model = OpenAIChatModel(base_url="http://127.0.0.1:9/v1", model="x", api_key="k",
                            max_retries=0, timeout_s=2)
    run_id = runner.submit(new_run("hotels in rome", RunConfig(backend="openai"),
                                   search=corpus, prompts=prompts), model, prompts)
    runner.wait(run_id, timeout=30)
    run = store.get(run_id)
    assert run.status == "failed" and "127.0.0.1:9" in run.error
    runner.shutdown()
