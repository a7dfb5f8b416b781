from collections import Counter

import pytest

from serp_core.experiments.query_sets import (
    Query,
    bundled,
    read_csv_file,
    read_csv_text,
    resolve,
    select,
)
from serp_core.query import MAX_QUERY_CHARS
from serp_core.schema import Vertical

VERTICALS4 = {Vertical.travel, Vertical.entertainment, Vertical.shopping, Vertical.health}


def test_bundled_is_four_verticals_of_fifty_distinct_queries():
    queries = bundled()
    assert len(queries) == 200
    assert Counter(q.vertical for q in queries) == dict.fromkeys(VERTICALS4, 50)
    assert len({q.text for q in queries}) == 200
    assert queries[0] == Query(text="best hiking trails near seattle", vertical="travel")


def test_csv_with_bom_crlf_blank_lines_duplicates_and_unknown_verticals(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes(
        "\ufeffQuery , Vertical,notes\r\n"
        "hotels in rome,travel,x\r\n"
        "\r\n"
        "  ,health,row without a query\r\n"
        "flu   symptoms,HEALTH\r\n"
        "Hotels in Rome,shopping,a duplicate (case and spaces do not matter)\r\n"
        "\"gifts, under $20\",gadgets\r\n"
        "lone query\r\n".encode())
    assert read_csv_file(path) == [
        Query(text="hotels in rome", vertical=Vertical.travel),
        Query(text="flu symptoms", vertical=Vertical.health),
        Query(text="gifts, under $20", vertical=Vertical.other),
        Query(text="lone query", vertical=Vertical.other),
    ]
    assert read_csv_file(str(path)) == read_csv_file(path)
    assert read_csv_text(path.read_text(encoding="utf-8")) == read_csv_file(path)


def test_csv_text_without_a_vertical_column():
    assert read_csv_text("query\nweekend in lisbon\nbest running shoes") == [
        Query(text="weekend in lisbon"), Query(text="best running shoes")]
    with pytest.raises(ValueError, match="the CSV has no queries"):
        read_csv_text("query")  # one line of text is text, never a path


@pytest.mark.parametrize(("text", "message"), [
    ("q,vertical\nhotels,travel\n", "no 'query' column in its header (columns: 'q', 'vertical')"),
    ("query,vertical\n\n , travel\n", "has no queries"),
    ("\n\n", "is empty"),
    (f"query\nok\n{'x' * (MAX_QUERY_CHARS + 1)}\n{'y' * 600}\n",
     f"line 3: the query is {MAX_QUERY_CHARS + 1} characters long; the limit is "
     f"{MAX_QUERY_CHARS} (and 1 more bad rows)"),
])
def test_bad_csv_is_one_clear_line(text, message):
    with pytest.raises(ValueError) as info:
        read_csv_text(text)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_bad_queries_can_be_skipped_and_missing_files_are_reported(tmp_path):
    assert read_csv_text(f"query\nok\n{'x' * 600}\n", skip_bad=True) == [Query(text="ok")]
    with pytest.raises(ValueError, match="no such file"):
        read_csv_file(tmp_path / "missing.csv")
    (tmp_path / "latin1.csv").write_bytes("query\ncaf\xe9\n".encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        read_csv_file(tmp_path / "latin1.csv")


def test_select_filters_by_vertical_and_samples_deterministically():
    queries = bundled()
    health = select(queries, verticals=["health"])
    assert len(health) == 50 and {q.vertical for q in health} == {Vertical.health}
    assert select(queries, n=None) == queries and select(queries, n=500) == queries
    assert select(queries, n=0) == []

    a = select(queries, n=10, seed=3)
    assert a == select(queries, n=10, seed=3)  # deterministic
    assert a != select(queries, n=10, seed=4)
    assert [q for q in queries if q in a] == a  # original order kept
    counts = Counter(q.vertical for q in a)
    assert set(counts) == VERTICALS4 and sorted(counts.values()) == [2, 2, 3, 3]  # balanced

    two = select(queries, verticals=["travel", "shopping"], n=7, seed=1)
    assert sorted(Counter(q.vertical for q in two).values()) == [3, 4]
    for n in (1, 4, 13, 40, 199):
        got = Counter(q.vertical for q in select(queries, n=n, seed=n))
        assert sum(got.values()) == n and max(got.values()) - min(got.values(), default=0) <= 1
    with pytest.raises(ValueError, match="unknown vertical 'sport'"):
        select(queries, verticals=["sport"])
    with pytest.raises(ValueError):
        select(queries, n=-1)


def test_stratified_sample_gives_a_small_verticals_surplus_to_the_others():
    queries = ([Query(text=f"t{i}", vertical="travel") for i in range(2)]
               + [Query(text=f"h{i}", vertical="health") for i in range(20)]
               + [Query(text=f"s{i}", vertical="shopping") for i in range(20)])
    got = Counter(q.vertical for q in select(queries, n=12, seed=0))
    assert got == {Vertical.travel: 2, Vertical.health: 5, Vertical.shopping: 5}


def test_resolve_names_and_paths(tmp_path):
    assert resolve("bundled") == resolve("Demo") == bundled()
    path = tmp_path / "q.csv"
    path.write_text("query\nhotels in rome\n")
    assert resolve(str(path)) == resolve(path) == [Query(text="hotels in rome")]
    with pytest.raises(ValueError, match="unknown query set 'nope'"):
        resolve("nope")
