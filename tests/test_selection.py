"""Ticks become cases at the versions drawn, read against the rows that were on screen."""

from __future__ import annotations

from dashboard.selection import DrawnRow, apply_ticks, drawn_key, ticks_for

PAGE = [DrawnRow("MDC-2021-000122", 3), DrawnRow("MDC-2021-000241", 1),
        DrawnRow("MDC-2021-000300", 2)]  # fmt: skip
#: The same list after someone moved the first case away: every row shifted up.
SHIFTED = [DrawnRow("MDC-2021-000241", 1), DrawnRow("MDC-2021-000300", 2),
           DrawnRow("MDC-2021-000836", 1)]  # fmt: skip


def test_a_tick_picks_the_case_drawn_at_that_position_with_its_version() -> None:
    assert apply_ticks({}, PAGE, before=[], after=[0]) == {"MDC-2021-000122": 3}


def test_the_same_position_on_other_rows_is_another_drawing() -> None:
    assert drawn_key("casos:v", PAGE) != drawn_key("casos:v", SHIFTED)
    assert drawn_key("casos:v", PAGE) == drawn_key("casos:v", list(PAGE))
    moved_on = [DrawnRow("MDC-2021-000122", 4), *PAGE[1:]]  # same rows, one case changed
    assert drawn_key("casos:v", PAGE) != drawn_key("casos:v", moved_on)


def test_only_ticks_that_changed_count_and_picks_elsewhere_stay() -> None:
    picks = {"MDC-2020-000001": 5, "MDC-2021-000241": 1}
    after = apply_ticks(picks, PAGE, before=[1], after=[0])
    assert after == {"MDC-2020-000001": 5, "MDC-2021-000122": 3}


def test_unticking_drops_the_case_whatever_page_it_was_ticked_on() -> None:
    picks = {"MDC-2021-000300": 2}
    assert apply_ticks(picks, SHIFTED, before=[1], after=[]) == {}


def test_a_single_list_keeps_only_the_last_tick() -> None:
    picks = {"MDC-2020-000001": 5}
    assert apply_ticks(picks, PAGE, before=[], after=[2], single=True) == {"MDC-2021-000300": 2}
    assert apply_ticks(picks, PAGE, before=[], after=[], single=True) == picks


def test_ticks_shown_are_the_picks_at_the_very_version_drawn() -> None:
    picks = {"MDC-2021-000122": 3, "MDC-2021-000300": 1}  # the second changed since
    assert ticks_for(picks, PAGE) == [0]
    assert ticks_for(picks, SHIFTED) == []
