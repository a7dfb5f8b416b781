"""The engine's layers import one way (DESIGN.md "One engine, many faces"): where a lower layer
needs what a higher one provides, it looks a name up in a registry (serp_core.plugins)."""

import ast
from pathlib import Path

import pytest

from serp_core.experiments.judges import judges
from serp_core.pipeline.score import scorers
from serp_core.reward.features import ITEM_FEATURES, item_vector
from serp_core.reward.pages import Page
from serp_core.schema import Layout, WebItem

ROOT = Path(__file__).resolve().parents[1]


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved to serp_core.*."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)
    return found


def files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def offenders(paths, forbidden, allowed=()) -> list[str]:
    return [f"{p.relative_to(ROOT)} imports {m}" for p in paths if p.name not in allowed
            for m in sorted(imports_of(p))
            if any(m == f or m.startswith(f + ".") for f in forbidden)]


def test_the_engine_knows_nothing_of_streamlit_or_the_app():
    assert offenders(files("serp_core"), ("streamlit", "ui", "app_pages", "app")) == []


def test_the_pipeline_imports_neither_experiments_nor_the_reward():
    assert offenders(files("serp_core/pipeline"),
                     ("serp_core.experiments", "serp_core.reward")) == []


def test_the_experiments_reach_the_reward_only_through_the_judges_registry():
    assert offenders(files("serp_core/experiments"), ("serp_core.reward",)) == []


def test_the_reward_uses_neither_the_experiments_nor_the_search_index():
    """Only its plugin module registers into the experiments' judges."""
    assert offenders(files("serp_core/reward"),
                     ("serp_core.experiments", "serp_core.search.local"),
                     allowed=("plugin.py",)) == []


def test_the_reward_registers_its_scorer_and_its_judge():
    assert "reward" in scorers.names() and {"model", "reward"} <= set(judges.names())


def test_an_unknown_judge_is_one_line():
    with pytest.raises(ValueError, match="no judge named 'oracle'; known: model"):
        judges.get("oracle")


def test_the_rewards_text_features_are_not_capped_like_search_terms():
    """A long query's 15th word still counts (the search cuts a query at 12 terms)."""
    words = [f"word{n}" for n in range(1, 16)]
    item = WebItem(id="w1", title=words[-1], snippet=words[-1])
    page = Page(query=" ".join(words), layout=Layout(), items={"w1": item})
    x = item_vector(page, "w1", 0)
    assert x[ITEM_FEATURES.index("title_overlap")] == pytest.approx(1 / 15)
