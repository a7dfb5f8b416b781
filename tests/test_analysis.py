import numpy as np
import pytest

from serp_core.analysis import (
    LayoutReader,
    RunFilter,
    Selection,
    compare_versions,
    difference,
    filter_options,
    latest_layouts,
    placement_maps,
    used_rows,
)
from serp_core.schema import CandidatePopulated, ContentType, LayoutProposed, PolishStep
from serp_core.store import RunStore
from tests.run_factory import add_run, layout

TOP = {"chat_answer": (0, 0, 6, 2)}  # top-left answer
RIGHT = {"chat_answer": (6, 0, 6, 2), "images": (0, 0, 6, 2)}  # answer moved right


@pytest.fixture
def store(tmp_path):
    return RunStore(tmp_path / "runs.sqlite")


def maps_for(store, selection=None):
    selection = selection or Selection()
    return placement_maps(LayoutReader(store), store.list(), selection)


def test_a_cell_holds_the_share_of_layouts_that_cover_it(store):
    add_run(store, "r1", [TOP, RIGHT], best=1)
    add_run(store, "r2", [TOP, TOP], best=0)
    maps = maps_for(store)
    answer = maps.maps[ContentType.chat_answer]
    assert (maps.matched, maps.runs, maps.layouts) == (2, 2, 4)
    assert answer[0, 0] == 0.75 and answer[0, 11] == 0.25 and answer[2, 0] == 0
    assert maps.maps[ContentType.images][1, 5] == 0.25
    assert maps.present[ContentType.chat_answer] == 4 and maps.present[ContentType.images] == 1
    assert maps.maps[ContentType.web].sum() == 0


def test_winners_count_only_the_chosen_candidate(store):
    add_run(store, "r1", [TOP, RIGHT], best=1)
    add_run(store, "r2", [TOP, TOP], best=0)
    maps = maps_for(store, Selection(source="winners"))
    assert maps.layouts == 2
    assert maps.maps[ContentType.chat_answer][0, 0] == 0.5
    assert maps.maps[ContentType.chat_answer][0, 11] == 0.5


def test_filters_narrow_the_runs_counted(store):
    add_run(store, "t", [TOP], vertical="travel", prompt_version="v1")
    add_run(store, "h", [RIGHT], vertical="health", prompt_version="v1")
    add_run(store, "s", [RIGHT], vertical="health", prompt_version="v2", mode="single-step")
    only_health = RunFilter(vertical=frozenset({"health"}))
    assert maps_for(store, Selection(filter=only_health)).runs == 2
    health_v1 = RunFilter(vertical=frozenset({"health"}), prompt_version=frozenset({"v1"}))
    maps = maps_for(store, Selection(filter=health_v1))
    assert maps.runs == 1 and maps.maps[ContentType.chat_answer][0, 0] == 0
    either = RunFilter(vertical=frozenset({"travel", "health"}), mode=frozenset({"single-step"}))
    assert maps_for(store, Selection(filter=either)).runs == 1
    nothing = maps_for(store, Selection(filter=RunFilter(backend=frozenset({"local"}))))
    assert (nothing.matched, nothing.layouts) == (0, 0)
    assert not nothing.maps[ContentType.chat_answer].any()
    assert filter_options(store.list())["vertical"] == ["health", "travel"]


def test_runs_in_progress_add_their_latest_layouts_to_the_candidates(store):
    add_run(store, "done", [TOP])
    add_run(store, "live", [RIGHT, RIGHT], status="running")
    add_run(store, "waiting", [], status="queued")
    maps = maps_for(store)
    assert (maps.matched, maps.runs, maps.layouts, maps.in_progress) == (3, 2, 3, 2)
    assert maps.maps[ContentType.chat_answer][0, 11] == pytest.approx(2 / 3)
    winners = maps_for(store, Selection(source="winners"))
    assert (winners.runs, winners.layouts, winners.in_progress) == (1, 1, 2)


def test_a_finished_run_is_read_once_but_a_live_one_every_time(store):
    add_run(store, "live", [TOP], status="running")
    reader = LayoutReader(store)
    (live,) = store.list()
    assert len(reader.boxes(live, "candidates")) == 1
    store.append("live", LayoutProposed(candidate=1, step=1, layout=layout(RIGHT), confidence=7))
    assert len(reader.boxes(live, "candidates")) == 2
    add_run(store, "done", [TOP, TOP])
    done = next(s for s in store.list() if s.id == "done")
    assert len(reader.boxes(done, "candidates")) == 2
    store.delete("done")
    assert len(reader.boxes(done, "candidates")) == 2  # cached: it cannot change


def test_latest_layouts_follow_proposals_population_and_polish():
    from serp_core.schema import Candidate

    events = [
        LayoutProposed(candidate=1, step=1, layout=layout(TOP), confidence=5),
        LayoutProposed(candidate=0, step=1, layout=layout(TOP), confidence=5),
        LayoutProposed(candidate=0, step=2, layout=layout(RIGHT), confidence=9),
        CandidatePopulated(candidate=Candidate(index=1, layout=layout(RIGHT))),
        PolishStep(candidate=1, step=1, action="move", detail="", layout=layout(TOP)),
    ]
    assert latest_layouts(events) == [layout(RIGHT), layout(TOP)]


def test_the_difference_is_a_minus_b_per_type(store):
    add_run(store, "a", [TOP], prompt_version="a")
    add_run(store, "b", [RIGHT], prompt_version="b")
    a = maps_for(store, Selection(filter=RunFilter(prompt_version=frozenset({"a"}))))
    b = maps_for(store, Selection(filter=RunFilter(prompt_version=frozenset({"b"}))))
    diff = difference(a, b)
    assert diff[ContentType.chat_answer][0, 0] == 1 and diff[ContentType.chat_answer][0, 11] == -1
    assert diff[ContentType.images][0, 0] == -1
    assert diff[ContentType.web].sum() == 0


def test_used_rows_crops_to_what_is_filled():
    empty = {t: np.zeros((24, 12)) for t in ContentType}
    assert used_rows(empty, at_least=10) == 10
    some = dict(empty, web=np.zeros((24, 12)))
    some["web"][13, 2] = -0.5
    assert used_rows(empty, some, at_least=10) == 14


def test_two_versions_are_compared_on_the_queries_both_ran(store):
    add_run(store, "a1", [TOP], query="q1", prompt_version="A", scores=[6.0], minute=1)
    add_run(store, "b1", [TOP], query="q1", prompt_version="B", scores=[8.0], minute=2)
    add_run(store, "a2-old", [TOP], query="q2", prompt_version="A", scores=[1.0], minute=3)
    add_run(store, "a2", [TOP], query="q2", prompt_version="A", scores=[4.0], minute=4)
    add_run(store, "b2", [TOP], query="q2", prompt_version="B", status="running", minute=5)
    add_run(store, "a3", [TOP], query="q3 only on A", prompt_version="A", minute=6)
    add_run(store, "c1", [TOP], query="q1", prompt_version="C", minute=7)
    comparison = compare_versions(store.list(), "A", "B")
    assert [r.query for r in comparison.rows] == ["q2", "q1"]  # most recently run first
    q2, q1 = comparison.rows
    assert (q1.a.score, q1.b.score) == (6.0, 8.0)
    assert (q2.a.score, q2.b.status, q2.b.score) == (4.0, "running", None)
    assert (comparison.mean_a, comparison.mean_b, comparison.paired) == (6.0, 8.0, 1)
    assert comparison.pending == 1 and comparison.queries == {"q1", "q2"}
    assert compare_versions(store.list(), "A", "nothing").rows == []


def test_a_comparison_pairs_only_runs_made_the_same_way(store):
    add_run(store, "b1-alike", [TOP], query="q1", prompt_version="B", scores=[7.0], minute=0)
    add_run(store, "a1", [TOP], query="q1", prompt_version="A", scores=[6.0], minute=1)
    add_run(store, "b1-beam2", [TOP, TOP], query="q1", prompt_version="B", scores=[9.0, 9.0],
            minute=2)
    add_run(store, "b1-local", [TOP], query="q1", prompt_version="B", backend="local",
            scores=[1.0], minute=3)
    assert [r.beam for r in store.list()] == [1, 2, 1, 1]
    unfiltered = compare_versions(store.list(), "A", "B")
    assert unfiltered.rows[0].b.score == 1.0  # the latest B run, whatever made it
    alike = RunFilter(backend=frozenset({"openai"}), mode=frozenset({"coarse-to-fine"}),
                      beam=frozenset({1}))
    (row,) = compare_versions(store.list(), "A", "B", alike).rows
    assert (row.a.score, row.b.score) == (6.0, 7.0)  # the older B run made like A's
    alike = alike.model_copy(update={"beam": frozenset({2})})
    assert compare_versions(store.list(), "A", "B", alike).rows == []  # A has no beam-2 run
