"""Indicadores: every indicator of a hand-built March, with answers worked out on paper.

The period is March 2026 (cut-off 1 April 00:00). Holidays: Monday 23 and Tuesday 24 March.
The cases' own rows are left as they were created (new, at the intake area) unless said:
every figure must come from the history.

- A, Mon 2 Mar 10:00: to food at 16:00 (6 h); moved to Juan inside food on 3 Mar (no
  referral); closed Wed 4 Mar 10:00 (48 h); reopened 20 Mar, closed again 25 Mar (late: due
  12 Mar). At the cut-off: closed, in food.
- D, Thu 5 Mar 08:00: to food Fri 6 Mar 14:00 (30 h); to housing Sat 7 Mar; closed Mon 9 Mar
  08:00 (96 h; 48 business hours). Closed, in housing.
- F, Mon 9 Mar 10:00: to food Wed 11 Mar 12:00 (50 h); to a municipality 12 Mar; closed Fri
  13 Mar 10:00 (96 h). Closed, at the municipality.
- C, Tue 10 Mar 09:00: nothing (due 20 Mar). Open and overdue, at the intake area.
- B, Fri 20 Mar 12:00: to food Wed 25 Mar 12:00 (120 h; 24 business hours: a weekend and both
  holidays between); to housing on 5 April, after the cut-off. Open, in food.
- E, Tue 31 Mar 20:00: nothing. Open, at the intake area.
- G, 10 Feb: in food from the start, due 1 Mar, closed 16 Mar (late). Closed, in food.
- H, 15 Feb: in housing, due 20 Mar. Open and overdue, in housing.

Today's rows say A and G are in food, D and B in housing, F at the municipality.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select, update

from dashboard.business_calendar import fill_business_days
from dashboard.domain import DepartmentKind, EventKind, Status
from dashboard.models import Case
from dashboard.seed import seed_database
from queries import indicators, survival
from queries.filters import CaseFilters
from tests.builders import World, add_case, add_department, add_event, small_world

MARCH = CaseFilters(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31),
                    as_of=datetime(2026, 4, 1))  # fmt: skip


def test_kaplan_meier_quantiles_by_hand() -> None:
    """Events at 6, 30, 50 and 120 hours; censored at 4 and 528. At risk after the first
    censoring: 5. S(6) = 4/5, S(30) = 3/5, S(50) = 2/5: the median is 50 (leaving the censored
    cases out would say 40, counting them as events 30). S(120) = 1/5 and nothing follows but
    a censoring, so the 90th percentile is unknown: more than 528."""
    histogram = pd.DataFrame(
        {"duration": [4, 6, 30, 50, 120, 528], "events": [0, 1, 1, 1, 1, 0],
         "censored": [1, 0, 0, 0, 0, 1]}
    )  # fmt: skip
    curve = survival.survival_curve(histogram)
    assert curve["survival"].round(6).tolist() == [1.0, 0.8, 0.6, 0.4, 0.2, 0.2]
    assert survival.km_quantile(histogram, 0.5) == 50
    assert pd.isna(survival.km_quantile(histogram, 0.9))
    assert survival.longest_observed(histogram) == 528


def test_kaplan_meier_counts_a_case_censored_at_an_events_time_as_still_at_risk() -> None:
    histogram = pd.DataFrame({"duration": [10, 10], "events": [1, 0], "censored": [0, 1]})
    assert survival.survival_curve(histogram)["survival"].tolist() == [0.5]
    assert survival.km_quantile(histogram, 0.5) == 10


def _march(engine: Engine) -> tuple[World, dict[str, int]]:
    world = small_world(engine)
    with engine.begin() as connection:
        fill_business_days(connection)  # the PostgreSQL fixture empties every table
    outside = add_department(engine, "MUN-TANDIL", "Municipio de Tandil",
                             DepartmentKind.MUNICIPALITY)  # fmt: skip
    food, housing = world.food, world.housing

    def new(created: datetime, **kwargs) -> int:
        return add_case(engine, world, created_at=created, department=world.intake,
                        status=Status.NUEVA, **kwargs)  # fmt: skip

    def move(case_id: int, at: datetime, kind: EventKind, to: int, status: Status) -> None:
        add_event(engine, case_id, kind, at, to_department=to, to_status=status)

    def close(case_id: int, at: datetime) -> None:
        add_event(engine, case_id, EventKind.CLOSED, at, to_status=Status.CERRADA)

    cases = {
        "A": new(datetime(2026, 3, 2, 10)),
        "D": new(datetime(2026, 3, 5, 8)),
        "F": new(datetime(2026, 3, 9, 10)),
        "C": new(datetime(2026, 3, 10, 9)),
        "B": new(datetime(2026, 3, 20, 12), due_at=datetime(2026, 4, 9, 12)),
        "E": new(datetime(2026, 3, 31, 20)),
        "G": add_case(engine, world, created_at=datetime(2026, 2, 10, 10),
                      due_at=datetime(2026, 3, 1), closed_at=datetime(2026, 3, 16, 10)),
        "H": add_case(engine, world, created_at=datetime(2026, 2, 15, 10), department=housing,
                      due_at=datetime(2026, 3, 20)),
    }  # fmt: skip
    a, d, f, b = cases["A"], cases["D"], cases["F"], cases["B"]
    move(a, datetime(2026, 3, 2, 16), EventKind.ASSIGNED, food, Status.ASIGNADA)
    add_event(engine, a, EventKind.REASSIGNED, datetime(2026, 3, 3, 10), from_department=food,
              to_department=food, to_status=Status.ASIGNADA, assignee=world.juan)  # fmt: skip
    close(a, datetime(2026, 3, 4, 10))
    add_event(engine, a, EventKind.REOPENED, datetime(2026, 3, 20, 10),
              from_status=Status.CERRADA, to_status=Status.EN_CURSO)  # fmt: skip
    close(a, datetime(2026, 3, 25, 10))
    move(d, datetime(2026, 3, 6, 14), EventKind.ASSIGNED, food, Status.ASIGNADA)
    move(d, datetime(2026, 3, 7, 10), EventKind.REFERRED, housing, Status.DERIVADA)
    close(d, datetime(2026, 3, 9, 8))
    move(f, datetime(2026, 3, 11, 12), EventKind.ASSIGNED, food, Status.ASIGNADA)
    move(f, datetime(2026, 3, 12, 10), EventKind.REFERRED, outside, Status.DERIVADA)
    close(f, datetime(2026, 3, 13, 10))
    move(b, datetime(2026, 3, 25, 12), EventKind.ASSIGNED, food, Status.ASIGNADA)
    move(b, datetime(2026, 4, 5, 10), EventKind.REASSIGNED, housing, Status.DERIVADA)
    # Today's rows (which no figure may read): A and G in food, the rest elsewhere.
    with engine.begin() as connection:
        for key, department in (("A", food), ("D", housing), ("F", outside), ("B", housing)):
            connection.execute(
                update(Case).where(Case.id == cases[key]).values(department_id=department)
            )
    return world, cases | {"outside": outside}


def test_every_indicator_of_the_month(engine: Engine) -> None:
    _march(engine)
    with engine.connect() as connection:
        row = indicators.indicator_figures(connection, MARCH).iloc[0]
    assert (row.inflow, row.outflow, row.backlog) == (6, 5, 4)  # A closed twice, D, F, G
    assert row.clearance_rate == pytest.approx(5 / 6)
    assert row.sla_compliance == pytest.approx(3 / 5)  # A's first closing, D, F
    assert row.overdue_share == pytest.approx(2 / 4)  # C and H
    assert row.reopen_rate == pytest.approx(1 / 3)  # A, of A, D and F
    # D went on to housing, F to a municipality; A's move to Juan stayed inside food.
    assert row.referral_rate == pytest.approx(2 / 6)
    assert row.external_share == pytest.approx(1 / 6)
    assert row.duplicate_rate == 0.0
    # First action: events at 6, 30, 50, 120 h; censored E (4 h) and C (519 h, 22 days).
    assert row.first_action_median_days == pytest.approx(50 / 24)
    assert pd.isna(row.first_action_p90_days)
    assert row.first_action_p90_days_at_least == 22
    # In business hours B took 24 (a weekend and two holidays between), C is censored at 327
    # (14 days): events 6, 24, 30, 50, so the median is the third of five at risk: 30 h.
    assert row.first_action_median_business_days == pytest.approx(30 / 24)
    assert row.first_action_p90_business_days_at_least == 14
    # Close: A 48 h, D and F 96 h; censored E, B (276 h), C. S(48) = 4/5, S(96) = 2/5.
    assert row.close_median_days == 4
    assert row.close_p90_days_at_least == 22
    # In business hours A and D took 48: S(48) = 3/5, then F at 96: 2/5.
    assert row.close_median_business_days == 4


def test_resolved_then_closed_is_one_closing(engine: Engine) -> None:
    world = small_world(engine)
    with engine.begin() as connection:
        fill_business_days(connection)
    case_id = add_case(engine, world, created_at=datetime(2026, 3, 2, 10))
    add_event(engine, case_id, EventKind.CLOSED, datetime(2026, 3, 5, 10),
              from_status=Status.ASIGNADA, to_status=Status.RESUELTA)  # fmt: skip
    add_event(engine, case_id, EventKind.CLOSED, datetime(2026, 3, 6, 10),
              from_status=Status.RESUELTA, to_status=Status.CERRADA)  # fmt: skip
    with engine.connect() as connection:
        row = indicators.indicator_figures(connection, MARCH).iloc[0]
    assert (row.outflow, row.sla_compliance, row.close_median_days) == (1, 1.0, 3)


def test_indicators_by_department_held_at_the_cut_off(engine: Engine) -> None:
    """B moved to housing after the cut-off: it counts in food, where it was."""
    _march(engine)
    with engine.connect() as connection:
        frame = indicators.indicators_by_group(connection, MARCH, "department")
    # Ties of inflow by name: Asistencia Alimentaria before Modernización.
    assert frame["group"].tolist() == ["Asistencia Alimentaria", "Modernización",
                                       "Hábitat y Vivienda", "Municipio de Tandil"]  # fmt: skip
    counts = frame.set_index("group")[["inflow", "outflow", "backlog", "overdue"]]
    assert counts.loc["Asistencia Alimentaria"].tolist() == [2, 3, 1, 0]  # A, B; A twice, G
    assert counts.loc["Modernización"].tolist() == [2, 0, 2, 1]  # C, E
    assert counts.loc["Hábitat y Vivienda"].tolist() == [1, 1, 1, 1]  # D; H open
    assert counts.loc["Municipio de Tandil"].tolist() == [1, 1, 0, 0]  # F


@pytest.mark.parametrize("dimension", indicators.DIMENSIONS)
def test_every_breakdown_adds_up_to_the_whole(engine: Engine, dimension: str) -> None:
    _march(engine)
    with engine.connect() as connection:
        frame = indicators.indicators_by_group(connection, MARCH, dimension)
    assert frame[["inflow", "outflow", "backlog"]].sum().tolist() == [6, 5, 4]


def test_the_duplicate_rate_counts_the_merges_made_by_the_cut_off(engine: Engine) -> None:
    _, cases = _march(engine)
    for key, at in (("E", datetime(2026, 3, 31, 22)), ("C", datetime(2026, 4, 2, 10))):
        add_event(engine, cases[key], EventKind.MERGED, at, from_status=Status.NUEVA,
                  to_status=Status.DUPLICADA)  # fmt: skip
    # A trend up to 10 April: March is measured at its own end, before C's merge.
    to_april = replace(MARCH, date_from=date(2026, 2, 1), date_to=date(2026, 4, 9),
                       as_of=datetime(2026, 4, 10))  # fmt: skip
    with engine.connect() as connection:
        row = indicators.indicator_figures(connection, MARCH).iloc[0]
        by_department = indicators.indicators_by_group(connection, MARCH, "department")
        trend = indicators.monthly_trend(connection, to_april, "duplicate_rate")
    # E merged on 31 March counts; C, merged after the cut-off, does not (yet).
    assert row.duplicate_rate == pytest.approx(1 / 6)
    # Both wait at the intake area, which also holds nothing else of March's six.
    assert by_department.set_index("group").loc["Modernización", "duplicate_rate"] == 0.5
    february, march, april = trend["value"].tolist()
    assert (february, march) == (0.0, pytest.approx(1 / 6))
    assert pd.isna(april)  # nothing created in April: no rate


def test_a_supervisor_sees_only_her_departments_cases(engine: Engine) -> None:
    world, _ = _march(engine)
    with engine.connect() as connection:
        row = indicators.indicator_figures(connection, replace(MARCH, scope=(world.food,)))
    # Held by food at the cut-off: A (closed twice), B (moved to housing since) and G.
    assert (row.inflow.item(), row.outflow.item(), row.backlog.item()) == (2, 3, 1)


def test_monthly_trend(engine: Engine) -> None:
    _march(engine)
    since_february = replace(MARCH, date_from=date(2026, 2, 1))
    with engine.connect() as connection:
        inflow = indicators.monthly_trend(connection, since_february, "inflow")
        backlog = indicators.monthly_trend(connection, since_february, "backlog")
        duplicates = indicators.monthly_trend(connection, since_february, "duplicate_rate")
    assert inflow["month"].tolist() == [datetime(2026, 2, 1), datetime(2026, 3, 1)]
    assert inflow["value"].tolist() == [2, 6]  # G, H; then March's six
    assert backlog["value"].tolist() == [2, 4]  # G and H open on 1 March
    assert duplicates["value"].tolist() == [0.0, 0.0]


def test_changes_against_the_previous_period_and_a_year_earlier(engine: Engine) -> None:
    _march(engine)
    previous = indicators.shifted_filters(MARCH, "previous")
    assert (previous.date_from, previous.date_to, previous.as_of) == (
        date(2026, 1, 29), date(2026, 2, 28), datetime(2026, 3, 1))  # fmt: skip
    year_earlier = indicators.shifted_filters(MARCH, "year_earlier")
    assert (year_earlier.date_from, year_earlier.as_of) == (date(2025, 3, 1), datetime(2025, 4, 1))
    with engine.connect() as connection:
        table = indicators.indicator_changes(connection, MARCH).set_index("indicator")
    assert table.loc["inflow", ["current", "previous", "year_earlier"]].tolist() == [6, 2, 0]
    assert table.loc["backlog", ["current", "previous"]].tolist() == [4, 2]
    assert table.loc["backlog", "vs_previous"] == "worse"
    assert pd.isna(table.loc["inflow", "vs_previous"])  # more demand is neither
    assert pd.isna(table.loc["overdue_share", "vs_year_earlier"])  # nothing open then


def test_the_registry_names_a_label_and_definition_for_every_indicator() -> None:
    from dashboard.i18n import TEXTS

    for indicator in indicators.INDICATORS:
        assert indicator.label_key in TEXTS and indicator.definition_key in TEXTS
        assert indicator.better in ("up", "down", None)


def test_months_back_widens_the_period_to_whole_months_before_the_cut_off() -> None:
    assert indicators.months_back(replace(MARCH, date_from=date(2026, 3, 20)), 3).date_from == (
        date(2026, 1, 1)
    )
    partial = CaseFilters(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31),
                          as_of=datetime(2026, 3, 15, 9, 30))  # fmt: skip
    assert indicators.months_back(partial, 3).date_from == date(2025, 12, 1)


def test_every_indicator_of_each_month_in_one_read(engine: Engine) -> None:
    """A case in January closed in February, two in February (one still open) and one in
    March: each month is measured as a period of its own, as ``monthly_trend`` reads one
    indicator at a time; the period's own start does not matter."""
    world = small_world(engine)
    with engine.begin() as connection:
        fill_business_days(connection)
    add_case(engine, world, created_at=datetime(2026, 1, 12, 10),
             closed_at=datetime(2026, 2, 3, 10))  # fmt: skip
    add_case(engine, world, created_at=datetime(2026, 2, 2, 10),
             closed_at=datetime(2026, 2, 4, 10))  # fmt: skip
    add_case(engine, world, created_at=datetime(2026, 2, 16, 10))
    add_case(engine, world, created_at=datetime(2026, 3, 9, 10))
    late_march = replace(MARCH, date_from=date(2026, 3, 20))
    with engine.connect() as connection:
        trends = indicators.monthly_trends(connection, late_march, 3)
        one_by_one = {
            key: indicators.monthly_trend(connection, indicators.months_back(late_march, 3), key)
            for key in indicators.BY_KEY
        }
    assert trends["month"].tolist() == [datetime(2026, 1, 1), datetime(2026, 2, 1),
                                        datetime(2026, 3, 1)]  # fmt: skip
    assert trends["inflow"].tolist() == [1, 2, 1]
    assert trends["outflow"].tolist() == [0, 2, 0]
    assert trends["backlog"].tolist() == [1, 1, 2]
    for key, trend in one_by_one.items():
        assert trends[key].tolist() == pytest.approx(trend["value"].tolist(), nan_ok=True), key


def test_a_trend_s_backlog_and_overdue_agree_with_each_month_measured_alone(
    engine: Engine,
) -> None:
    """A trend counts the spans open at its last cut-off only and derives the earlier months
    from the flows in between and the spans ever overdue; each month measured alone counts
    the spans open at its own end. On a seeded year, for everyone, one department's
    supervisor and one channel, both give the same backlog and overdue cases every month."""
    seed_database(engine, cases=1200, seed=11, years=1, until=date(2026, 11, 25))
    filters = CaseFilters.for_period(date(2026, 11, 1), date(2026, 11, 20),
                                     datetime(2026, 11, 20, 15, 30))  # fmt: skip
    with engine.connect() as connection:
        busiest = connection.execute(
            select(Case.department_id).group_by(Case.department_id)
            .order_by(func.count().desc(), Case.department_id).limit(1)
        ).scalar_one()  # fmt: skip
        channel = connection.execute(select(func.min(Case.channel_id))).scalar_one()
        for narrowed in (filters, replace(filters, scope=(busiest,)),
                         replace(filters, channel_ids=(channel,))):  # fmt: skip
            trends = indicators.monthly_trends(connection, narrowed, 10)
            months = indicators.trend_months(indicators.months_back(narrowed, 10))[-10:]
            alone = pd.concat([
                indicators.indicator_figures(connection, replace(
                    narrowed, date_from=month.start.date(), as_of=month.end,
                    date_to=(month.end - timedelta(seconds=1)).date()))
                for month in months
            ], ignore_index=True)  # fmt: skip
            assert trends["backlog"].tolist() == alone["backlog"].tolist()
            assert trends["overdue"].tolist() == alone["overdue"].tolist()
            assert alone["overdue"].sum() > 0


def test_compared_figures_hold_the_figures_behind_the_changes(engine: Engine) -> None:
    """The page reads the period's figures and their changes in one read."""
    _march(engine)
    with engine.connect() as connection:
        compared = indicators.compared_figures(connection, MARCH)
        figures = indicators.indicator_figures(connection, MARCH)
    assert compared["period"].tolist() == list(indicators.COMPARISONS)
    current = compared.drop(columns="period").head(1)
    pd.testing.assert_frame_equal(current, figures, check_dtype=False)
    changes = indicators.changes_between(compared).set_index("indicator")
    assert changes.loc["inflow", ["current", "previous", "year_earlier"]].tolist() == [6, 2, 0]
