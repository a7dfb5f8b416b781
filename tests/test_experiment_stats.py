import numpy as np
import pytest

from serp_core.experiments.stats import (
    MEASURES,
    adjust,
    block_features,
    cliffs_delta,
    compare,
    holm,
    summary_rows,
)
from serp_core.schema import Block, ContentType, Layout

CHAT, WEB, IMAGES, KP = (
    ContentType.chat_answer,
    ContentType.web,
    ContentType.images,
    ContentType.knowledge_panel,
)


def synthetic_layouts(rng: np.random.Generator, n: int, chat_row_shift: int = 0) -> list[Layout]:
    """Grid-like, tied, non-normal layouts: answer near the top, web below, images often."""
    out = []
    for _ in range(n):
        chat_row = int(rng.choice([0, 0, 0, 1, 2])) + chat_row_shift
        chat_w = int(rng.choice([6, 8, 12]))
        blocks = [
            Block(type=CHAT, col=int(rng.integers(0, 12 - chat_w + 1)), row=chat_row,
                  width=chat_w, height=int(rng.integers(2, 4))),
            Block(type=WEB, col=0, row=int(rng.integers(3, 6)), width=int(rng.choice([8, 12])),
                  height=int(rng.integers(3, 6))),
        ]
        if rng.random() < 0.7:
            blocks.append(Block(type=IMAGES, col=int(rng.choice([0, 6, 8])),
                                row=int(rng.integers(0, 8)), width=4, height=2))
        out.append(Layout(blocks=blocks))
    return out


def by_key(tests):
    return {(t.content_type, t.measure): t for t in tests}


def test_features_of_a_hand_made_layout():
    a = Layout(blocks=[
        Block(type=CHAT, col=0, row=0, width=8, height=2),
        Block(type=IMAGES, col=8, row=1, width=4, height=3),
        Block(type=CHAT, col=0, row=10, width=2, height=2),  # a duplicate: ignored
    ])
    b = Layout(blocks=[Block(type=CHAT, col=3, row=4, width=6, height=1)])
    f = block_features([a, b])
    assert set(f) == {CHAT, IMAGES}
    np.testing.assert_allclose(f[CHAT]["centre_x"], [4.0, 6.0])
    np.testing.assert_allclose(f[CHAT]["centre_y"], [1.0, 4.5])
    np.testing.assert_allclose(f[CHAT]["area"], [16.0, 6.0])
    np.testing.assert_allclose(f[IMAGES]["centre_x"], [10.0])
    np.testing.assert_allclose(f[IMAGES]["centre_y"], [2.5])
    np.testing.assert_allclose(f[IMAGES]["area"], [12.0])


def test_holm_matches_a_hand_computed_example():
    # sorted: 0.01*4=0.04, 0.02*3=0.06, 0.03*2=0.06, 0.04*1=0.04 -> running max 0.06
    np.testing.assert_allclose(holm([0.03, 0.01, 0.04, 0.02]), [0.06, 0.04, 0.06, 0.06])
    np.testing.assert_allclose(holm([0.5, 0.001]), [0.5, 0.002])
    np.testing.assert_allclose(holm([0.6, 0.7]), [1.0, 1.0])  # capped at 1
    assert holm([]).size == 0


def test_bh_correction_is_available_and_less_strict():
    p = [0.01, 0.02, 0.03, 0.04]
    np.testing.assert_allclose(adjust(p, "fdr_bh"), [0.04, 0.04, 0.04, 0.04])
    assert all(adjust(p, "fdr_bh") <= adjust(p, "holm"))
    with pytest.raises(ValueError):
        adjust(p, "bonferroni")  # type: ignore[arg-type]


def test_cliffs_delta_matches_a_hand_computed_example():
    treatment, control = [2, 3, 4], [1, 2, 5]
    # 9 pairs (t, c). t=2: >1, =2, <5 ; t=3: >1, >2, <5 ; t=4: >1, >2, <5
    # greater = 5, less = 3, tie = 1 -> delta = (5 - 3) / 9
    assert cliffs_delta(treatment, control) == pytest.approx(2 / 9)
    assert cliffs_delta(control, treatment) == pytest.approx(-2 / 9)
    assert cliffs_delta([5, 6], [1, 2]) == 1.0
    assert cliffs_delta([1, 1], [1, 1]) == 0.0


def test_a_planted_shift_is_found_with_the_right_sign():
    rng = np.random.default_rng(7)
    control = synthetic_layouts(rng, 40)
    treatment = synthetic_layouts(rng, 40, chat_row_shift=4)  # answer 4 rows lower
    tests = by_key(compare(control, treatment))
    y = tests[(CHAT, "centre_y")]
    assert y.significant and y.p_adjusted < 0.001
    assert y.p_adjusted >= y.p_value  # the correction only ever raises p
    assert y.effect_size > 0.8  # treatment lower down the page: larger y, positive delta
    assert y.median_treatment - y.median_control == pytest.approx(4, abs=1)
    assert (y.n_control, y.n_treatment) == (40, 40)
    assert y.test.startswith("mann-whitney")
    # Cliff's delta is the rank-biserial correlation of the U test
    assert y.effect_size == pytest.approx(2 * y.statistic / (40 * 40) - 1)
    # nothing else was planted
    others = [t for k, t in tests.items() if k != (CHAT, "centre_y")]
    assert not any(t.significant for t in others)

    # the sign flips with the arms
    flipped = by_key(compare(treatment, control))[(CHAT, "centre_y")]
    assert flipped.effect_size == pytest.approx(-y.effect_size)
    assert flipped.significant


def test_identical_distributions_rarely_give_a_significant_result():
    repetitions_with_any_hit = 0
    for seed in range(20):
        rng = np.random.default_rng(1000 + seed)
        tests = compare(synthetic_layouts(rng, 40), synthetic_layouts(rng, 40))
        assert len(tests) == 3 * len(MEASURES)  # chat, web, images x 3 measures
        assert all(t.p_value is not None for t in tests)
        repetitions_with_any_hit += any(t.significant for t in tests)
    # Holm holds the family-wise error rate at alpha = 0.05: expect ~1 of 20
    assert repetitions_with_any_hit <= 2


def test_types_with_too_few_layouts_are_reported_untested():
    rng = np.random.default_rng(3)
    control = synthetic_layouts(rng, 10)
    treatment = synthetic_layouts(rng, 10)
    kp = Block(type=KP, col=8, row=0, width=4, height=4)
    control[0].blocks.append(kp)
    for layout in treatment[:5]:
        layout.blocks.append(kp)
    tests = compare(control, treatment)
    kp_tests = [t for t in tests if t.content_type == KP]
    assert len(kp_tests) == 3
    for t in kp_tests:
        assert t.p_value is None and t.p_adjusted is None and t.test is None
        assert not t.significant
        assert (t.n_control, t.n_treatment) == (1, 5)
        assert "too few" in t.reason
    tested = [t for t in tests if t.content_type != KP]
    assert tested and all(t.p_adjusted is not None for t in tested)


def test_a_type_missing_from_one_arm_is_untested():
    rng = np.random.default_rng(4)
    control = synthetic_layouts(rng, 8)
    treatment = [Layout(blocks=[b for b in lay.blocks if b.type != IMAGES])
                 for lay in synthetic_layouts(rng, 8)]
    images = [t for t in compare(control, treatment) if t.content_type == IMAGES]
    assert images and all(t.p_value is None and t.n_treatment == 0 for t in images)


def test_constant_measures_are_not_a_difference():
    same = [Layout(blocks=[Block(type=WEB, col=0, row=2, width=12, height=4)])] * 5
    tests = compare(same, same)
    assert all(t.p_value == 1.0 and t.effect_size == 0.0 and not t.significant for t in tests)


def test_summary_rows_are_flat_and_json_ready():
    import json

    rng = np.random.default_rng(5)
    rows = summary_rows(compare(synthetic_layouts(rng, 12), synthetic_layouts(rng, 12),
                                correction="fdr_bh"))
    assert rows and all(isinstance(v, (str, int, float, bool, type(None)))
                        for row in rows for v in row.values())
    assert {"type", "measure", "n_control", "n_treatment", "p", "p_adjusted",
            "cliffs_delta", "significant", "reason"} <= set(rows[0])
    assert rows[0]["correction"] == "fdr_bh"
    json.dumps(rows)
