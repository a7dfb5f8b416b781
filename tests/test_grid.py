import numpy as np
import pytest

from serp_core import grid
from serp_core.schema import FOLD_ROWS, GRID_COLS, Block, ContentType, Layout

T = ContentType


def block(type_, col, row, width, height, **kw):
    return Block(type=type_, col=col, row=row, width=width, height=height, **kw)


def test_valid_layout_has_no_problems():
    layout = Layout(blocks=[block(T.chat_answer, 0, 0, 8, 3), block(T.places, 8, 0, 4, 4)])
    assert grid.validate(layout) == []


@pytest.mark.parametrize(
    "bad, fragment",
    [
        (block(T.web, 10, 0, 4, 2), "past column"),
        (block(T.web, -1, 0, 4, 2), "negative"),
        (block(T.web, 0, 0, 2, 2), "smaller than"),
    ],
)
def test_validate_names_each_broken_rule(bad, fragment):
    problems = grid.validate(Layout(blocks=[bad]))
    assert any(fragment in p for p in problems), problems


def test_validate_reports_overlap_and_duplicates():
    layout = Layout(blocks=[block(T.web, 0, 0, 6, 3), block(T.web, 4, 1, 6, 3)])
    problems = grid.validate(layout)
    assert any("twice" in p for p in problems)
    assert any("overlaps" in p for p in problems)


def test_repair_clips_out_of_grid_blocks_and_records_it():
    fixed, repairs = grid.repair(Layout(blocks=[block(T.web, 14, -3, 40, 219160)]))
    assert grid.validate(fixed) == []
    b = fixed.blocks[0]
    assert (b.col, b.row, b.width) == (0, 0, GRID_COLS)
    assert [r.kind for r in repairs] == ["clip"]
    assert "clipped" in repairs[0].detail


def test_repair_enforces_minimum_size_keeping_block_inside():
    fixed, repairs = grid.repair(Layout(blocks=[block(T.places, 11, 2, 1, 1)]))
    b = fixed.blocks[0]
    assert (b.width, b.height) == grid.MIN_SIZE[T.places]
    assert b.col + b.width <= GRID_COLS
    assert "min_size" in [r.kind for r in repairs]


def test_repair_pushes_overlapping_block_down_in_reading_order():
    layout = Layout(blocks=[block(T.images, 2, 1, 6, 2), block(T.chat_answer, 0, 0, 8, 3)])
    fixed, repairs = grid.repair(layout)
    assert grid.validate(fixed) == []
    answer, images = fixed.block(T.chat_answer), fixed.block(T.images)
    assert (answer.row, images.row) == (0, 3)  # the earlier block keeps its place
    assert [(r.kind, r.block) for r in repairs] == [("overlap", T.images)]


def test_repair_drops_duplicate_type_and_is_deterministic():
    layout = Layout(blocks=[block(T.web, 0, 0, 6, 3), block(T.web, 6, 0, 6, 3)])
    a, ra = grid.repair(layout)
    b, rb = grid.repair(layout)
    assert a == b and ra == rb
    assert len(a.blocks) == 1 and ra[0].kind == "duplicate"


def test_repair_leaves_valid_layout_untouched():
    layout = Layout(blocks=[block(T.chat_answer, 0, 0, 8, 3), block(T.web, 0, 3, 8, 4)])
    fixed, repairs = grid.repair(layout)
    assert fixed == layout and repairs == []


def test_metrics_on_a_hand_checked_page():
    # Row 0-1: answer over 8 columns; rows 2-3: web over 4 columns. 4 rows x 12 = 48 cells.
    layout = Layout(blocks=[block(T.chat_answer, 0, 0, 8, 2), block(T.web, 0, 2, 4, 2)])
    m = grid.metrics(layout)
    assert m.rows == 4
    assert m.coverage == pytest.approx((16 + 8) / 48, abs=1e-4)
    assert m.whitespace == pytest.approx(1 - 24 / 48, abs=1e-4)
    # Columns 4-7 are empty in rows 2-3 with nothing below: no holes.
    assert m.holes == 0
    # Column heights: 0-3 -> 4, 4-7 -> 2, 8-11 -> 0: (4 - 0) / 4.
    assert m.raggedness == 1.0
    assert m.vertical_edges == 3  # {0, 8, 4}
    assert m.priority_tau == 1.0  # answer (most important) is read first
    assert m.above_fold_share == 1.0


def test_holes_count_empty_cells_above_filled_ones():
    layout = Layout(blocks=[block(T.web, 0, 2, 12, 2)])  # rows 0-1 empty above it
    m = grid.metrics(layout)
    assert m.holes == pytest.approx(24 / 48, abs=1e-4)


def test_priority_tau_negative_when_important_content_is_last():
    layout = Layout(blocks=[block(T.news, 0, 0, 12, 2), block(T.chat_answer, 0, 2, 12, 2)])
    assert grid.metrics(layout).priority_tau == -1.0


def test_above_fold_share_counts_block_fractions():
    layout = Layout(blocks=[block(T.chat_answer, 0, FOLD_ROWS - 1, 12, 2)])
    assert grid.metrics(layout).above_fold_share == 0.5


def test_aspect_error_zero_for_matching_video_strip():
    # 4 horizontal 16:9 videos: target 64/9; 12 cols x 106.67 px / (h x 90 px) -> h = 2.
    b = block(T.videos, 0, 0, 12, 2, item_ids=list("abcd"))
    b.ux.orientation = "horizontal"
    b.ux.max_items = 4
    assert grid.metrics(Layout(blocks=[b])).aspect_error == pytest.approx(0.0, abs=1e-3)


def test_occupancy_and_heatmap():
    a = Layout(blocks=[block(T.images, 0, 0, 3, 2)])
    b = Layout(blocks=[block(T.images, 0, 1, 3, 2)])
    hm = grid.heatmaps([grid.boxes(a), grid.boxes(b)], rows=4)[0][T.images]
    assert hm.shape == (4, GRID_COLS)
    assert hm[0, 0] == 0.5 and hm[1, 0] == 1.0 and hm[2, 0] == 0.5 and hm[3, 0] == 0
    assert np.all(hm[:, 3:] == 0)
    assert np.all(grid.heatmaps([], rows=2)[0][T.images] == 0)


def test_ascii_map_marks_each_type():
    layout = Layout(blocks=[block(T.chat_answer, 0, 0, 8, 2), block(T.places, 8, 0, 4, 3)])
    text = grid.ascii_map(layout)
    assert text.splitlines()[0].endswith("AAAAAAAAPPPP")
    assert text.splitlines()[2].endswith("........PPPP")
    assert "A=chat_answer" in text and "P=places" in text


def test_repair_keep_places_the_moved_block_first():
    layout = Layout(blocks=[block(T.chat_answer, 0, 0, 8, 3), block(T.images, 0, 1, 8, 2)])
    fixed, repairs = grid.repair(layout, keep=T.images)
    assert fixed.block(T.images).row == 1
    assert fixed.block(T.chat_answer).row == 3
    assert [(r.kind, r.block) for r in repairs] == [("overlap", T.chat_answer)]
