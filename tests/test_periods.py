"""Named periods as date ranges: calendar weeks from Monday, calendar months, local dates."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.periods import CUSTOM, PRESETS, matching_preset, preset_range

#: A Wednesday in March 2026.
WEDNESDAY = date(2026, 3, 18)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("esta_semana", (date(2026, 3, 16), WEDNESDAY)),
        ("semana_pasada", (date(2026, 3, 9), date(2026, 3, 15))),
        ("este_mes", (date(2026, 3, 1), WEDNESDAY)),
        ("mes_pasado", (date(2026, 2, 1), date(2026, 2, 28))),
        ("ultimos_90_dias", (date(2025, 12, 19), WEDNESDAY)),
        ("este_anio", (date(2026, 1, 1), WEDNESDAY)),
    ],
)
def test_each_preset_on_a_wednesday(name: str, expected: tuple[date, date]) -> None:
    assert preset_range(name, WEDNESDAY) == expected


def test_on_a_monday_this_week_is_one_day_and_last_week_ends_yesterday() -> None:
    monday = date(2026, 3, 16)
    assert preset_range("esta_semana", monday) == (monday, monday)
    assert preset_range("semana_pasada", monday) == (date(2026, 3, 9), date(2026, 3, 15))


def test_on_a_sunday_the_week_began_six_days_before() -> None:
    sunday = date(2026, 3, 22)
    assert preset_range("esta_semana", sunday) == (date(2026, 3, 16), sunday)


def test_last_month_crosses_the_year_and_knows_leap_years() -> None:
    assert preset_range("mes_pasado", date(2026, 1, 10)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert preset_range("mes_pasado", date(2028, 3, 31)) == (date(2028, 2, 1), date(2028, 2, 29))


def test_last_week_across_new_year() -> None:
    assert preset_range("semana_pasada", date(2027, 1, 2)) == (
        date(2026, 12, 21),
        date(2026, 12, 27),
    )


def test_every_preset_ends_by_today_and_is_recognised_back() -> None:
    for today in (WEDNESDAY, date(2026, 3, 1), date(2026, 12, 31)):
        for name in PRESETS:
            start, end = preset_range(name, today)
            assert start <= end <= today
            recognised = matching_preset((start, end), today)
            assert preset_range(recognised, today) == (start, end)


def test_dates_edited_by_hand_are_custom() -> None:
    assert matching_preset((date(2026, 3, 2), WEDNESDAY), WEDNESDAY) == CUSTOM
    assert matching_preset((date(2026, 3, 9), date(2026, 3, 14)), WEDNESDAY) == CUSTOM


def test_when_presets_coincide_the_narrower_name_is_shown() -> None:
    new_year = date(2027, 1, 1)
    assert matching_preset(preset_range("este_anio", new_year), new_year) == "este_mes"
    monday_first = date(2026, 6, 1)
    assert matching_preset((monday_first, monday_first), monday_first) == "esta_semana"
