"""The app's one background-job runner: one job per kind at a time, progress, results,
stopping, and failures said in one line."""

import threading
import time
from types import SimpleNamespace

import pytest

from serp_core.jobs import Jobs


def wait(job, timeout=10):
    deadline = time.monotonic() + timeout
    while job.status == "running":
        assert time.monotonic() < deadline, "the job did not end"
        time.sleep(0.01)
    return job


def test_a_job_reports_progress_and_returns_its_result():
    jobs, go = Jobs(), threading.Event()

    def work(job):
        job.report("half way")
        go.wait(5)
        return 42

    job = jobs.start("experiment", work, name="beam", title="Beam vs greedy",
                     details={"out": "/tmp/x"})
    with pytest.raises(ValueError, match="“Beam vs greedy” is still running"):
        jobs.start("experiment", work, name="other")
    other_kind = jobs.start("training", lambda job: "trained")  # another kind may run
    assert jobs.running("experiment") is job and job.details == {"out": "/tmp/x"}
    go.set()
    assert wait(job).status == "done" and job.result == 42 and job.progress == "half way"
    assert wait(other_kind).result == "trained"
    assert jobs.latest("experiment", "beam") is job and jobs.get(job.id) is job
    assert jobs.running("experiment") is None


def test_stop_ends_a_job_as_stopped_and_failures_are_one_line():
    jobs = Jobs()

    def stoppable(job):
        job.stop.wait(5)
        return SimpleNamespace(stopped=job.stop.is_set())

    job = jobs.start("experiment", stoppable)
    job.stop.set()
    assert wait(job).status == "stopped"

    def refused(job):
        raise ValueError("choose a CSV file first")

    assert wait(jobs.start("experiment", refused)).error == "choose a CSV file first"

    def buggy(job):
        raise KeyError("x")

    failed = wait(jobs.start("experiment", buggy))
    assert failed.status == "failed" and failed.error == "internal error: KeyError: 'x'"
