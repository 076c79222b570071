"""Known answers for the referral flows (Derivaciones), on SQLite and on PostgreSQL.

Nine cases are created in the period (1–20 March 2026, cut-off 20 March at noon), each a
list of stays written as (department, hours after creation), plus one older case that must
not count. Every figure below follows from the table in ``journeys``:

    case  created  stays (hours after creation)                      closed   hops  ping-pong
    c1    2 Mar    I0 F2                                              26 h     0
    c2    3 Mar    I0 F1 H11                                          35 h     1
    c3    4 Mar    I0 F4 H8 F20                                       open     2     yes
    c4    5 Mar    I0 F2 H6 N30                                       open     2
    c5    6 Mar    I0 F2 H4 N10 M12                                   60 h     3
    c6    7 Mar    I0                                                 open     0
    c7    8 Mar    I0 F3 (reassigned within F at 5 h)                 9 h      0
    c8    9 Mar    I0 H2 F12 H14 F16 O18                              40 h     4     yes
    c9    19 Mar   I0 F1 (referred to H on 21 Mar, after the cut-off) open     0

I intake (Modernización), F Asistencia Alimentaria, H Hábitat y Vivienda, N Niñez y
Adolescencia (internal), M Municipio de Tandil (municipio), O Cáritas (ONG).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from dashboard.domain import DepartmentKind, EventKind
from dashboard.models import Department
from queries import referrals
from queries.filters import CaseFilters
from queries.referrals import (
    department_dwell,
    flow_cases,
    hops_distribution,
    many_hops_cases,
    ping_pong_cases,
    referral_destinations,
    referral_flows,
    referral_sankey,
    referral_summary,
)
from tests.builders import World, add_case, add_event, case_code, small_world

AS_OF = datetime(2026, 3, 20, 12, 0)


@dataclass(frozen=True)
class Journeys:
    """Department ids by letter and case codes by name (``c1`` … ``c9``)."""

    departments: dict[str, int]
    codes: dict[str, str]


def extra_departments(engine: Engine, world: World) -> dict[str, int]:
    with Session(engine) as session:
        added = {
            "N": Department(code="DIR-NIN", name="Niñez y Adolescencia",
                            kind=DepartmentKind.INTERNAL, weekly_capacity=20),
            "M": Department(code="MUN-TANDIL", name="Municipio de Tandil",
                            kind=DepartmentKind.MUNICIPALITY, municipality_id=world.tandil),
            "O": Department(code="ONG-CARITAS", name="Cáritas", kind=DepartmentKind.NGO),
        }  # fmt: skip
        session.add_all(added.values())
        session.commit()
        return {letter: department.id for letter, department in added.items()}


def journey(
    engine: Engine,
    world: World,
    created_at: datetime,
    stays: list[tuple[int, float]],
    *,
    closed_after: float | None = None,
    current: int | None = None,
) -> int:
    """A case created at the intake area, then assigned to the first of ``stays`` and
    referred along the rest, each (department, hours after creation)."""
    closed_at = created_at + timedelta(hours=closed_after) if closed_after else None
    last = stays[-1][0] if stays else world.intake
    case_id = add_case(engine, world, created_at=created_at, department=current or last,
                       closed_at=closed_at, history=False)  # fmt: skip
    previous = world.intake
    for index, (department, hours) in enumerate(stays):
        kind = EventKind.ASSIGNED if index == 0 else EventKind.REFERRED
        add_event(engine, case_id, kind, created_at + timedelta(hours=hours),
                  from_department=previous, to_department=department)  # fmt: skip
        previous = department
    if closed_at:
        add_event(engine, case_id, EventKind.CLOSED, closed_at)
    return case_id


@pytest.fixture
def journeys(engine: Engine) -> Journeys:
    world = small_world(engine)
    letters = {"I": world.intake, "F": world.food, "H": world.housing}
    letters |= extra_departments(engine, world)
    food, housing, children = letters["F"], letters["H"], letters["N"]
    town, ngo = letters["M"], letters["O"]

    def day(number: int) -> datetime:
        return datetime(2026, 3, number, 9, 0)

    ids = {
        "c1": journey(engine, world, day(2), [(food, 2)], closed_after=26),
        "c2": journey(engine, world, day(3), [(food, 1), (housing, 11)], closed_after=35),
        "c3": journey(engine, world, day(4), [(food, 4), (housing, 8), (food, 20)]),
        "c4": journey(engine, world, day(5), [(food, 2), (housing, 6), (children, 30)]),
        "c5": journey(
            engine, world, day(6), [(food, 2), (housing, 4), (children, 10), (town, 12)],
            closed_after=60,
        ),
        "c6": journey(engine, world, day(7), []),
        "c7": journey(engine, world, day(8), [(food, 3)], closed_after=9),
        "c8": journey(
            engine, world, day(9),
            [(housing, 2), (food, 12), (housing, 14), (food, 16), (ngo, 18)], closed_after=40,
        ),
        "c9": journey(engine, world, day(19), [(food, 1)], current=housing),
    }  # fmt: skip
    # c7 changes hands inside Asistencia Alimentaria: no new stay, no hop.
    add_event(engine, ids["c7"], EventKind.REASSIGNED, day(8) + timedelta(hours=5),
              from_department=food, to_department=food)  # fmt: skip
    # c9 moves on after the cut-off: nothing of it counts.
    add_event(engine, ids["c9"], EventKind.REFERRED, datetime(2026, 3, 21, 10, 0),
              from_department=food, to_department=housing)  # fmt: skip
    # Created before the period: a ping-pong case that must not count anywhere.
    journey(engine, world, datetime(2026, 2, 20, 9, 0), [(food, 1), (housing, 2), (food, 3)])
    codes = {name: case_code(engine, case_id) for name, case_id in ids.items()}
    return Journeys(letters, codes)


def filters(**dimensions) -> CaseFilters:
    return CaseFilters(date(2026, 3, 1), date(2026, 3, 20), AS_OF, **dimensions)


def test_summary_counts_referred_ping_pong_and_long_journeys(
    engine: Engine, journeys: Journeys
) -> None:
    with engine.connect() as connection:
        row = referral_summary(connection, filters()).iloc[0]
    assert row["cases"] == 9
    assert row["referred_cases"] == 5  # c2, c3, c4, c5, c8
    assert row["referral_rate"] == pytest.approx(5 / 9)
    assert row["mean_hops"] == pytest.approx((1 + 2 + 2 + 3 + 4) / 9)
    assert row["ping_pong_cases"] == 2  # c3 (F → H → F) and c8; c4 (F → H → N) is not
    assert row["many_hops_cases"] == 2  # c5 (3) and c8 (4)


def test_hops_distribution_has_every_bucket(engine: Engine, journeys: Journeys) -> None:
    with engine.connect() as connection:
        frame = hops_distribution(connection, filters())
    assert frame["hops"].tolist() == ["0", "1", "2", "3", "4+"]
    assert frame["cases"].tolist() == [4, 1, 2, 1, 1]  # c1 c6 c7 c9 | c2 | c3 c4 | c5 | c8
    assert frame["share"].tolist() == pytest.approx([4 / 9, 1 / 9, 2 / 9, 1 / 9, 1 / 9])


def test_flows_count_cases_and_median_time_to_the_next_stay(
    engine: Engine, journeys: Journeys
) -> None:
    with engine.connect() as connection:
        frame = referral_flows(connection, filters())
    rows = frame[["origin", "destination", "cases", "moves"]].values.tolist()
    assert rows == [
        ["Modernización", "Asistencia Alimentaria", 7, 7],
        ["Asistencia Alimentaria", "Hábitat y Vivienda", 5, 5],
        ["Hábitat y Vivienda", "Asistencia Alimentaria", 2, 3],  # c8 made it twice
        ["Hábitat y Vivienda", "Niñez y Adolescencia", 2, 2],
        ["Asistencia Alimentaria", "Cáritas", 1, 1],
        ["Modernización", "Hábitat y Vivienda", 1, 1],
        ["Niñez y Adolescencia", "Municipio de Tandil", 1, 1],
    ]
    # Intake → F: 1 1 2 2 2 3 4; F → H: 2 2 4 4 10; H → F: 2 10 12; H → N: 6 24.
    assert frame["median_hours"].tolist()[:4] == pytest.approx([2, 4, 10, 15])
    assert frame.loc[0, "destination_kind"] == "interna"
    assert frame.loc[4, "destination_kind"] == "ong"


def test_the_flow_limit_keeps_the_busiest(engine: Engine, journeys: Journeys) -> None:
    with engine.connect() as connection:
        frame = referral_flows(connection, filters(), limit=2)
    assert frame["cases"].tolist() == [7, 5]


def test_a_flows_cases_add_up_to_its_count(engine: Engine, journeys: Journeys) -> None:
    food, housing = journeys.departments["F"], journeys.departments["H"]
    with engine.connect() as connection:
        flows = referral_flows(connection, filters())
        listed = flow_cases(connection, filters(), food, housing)
    count = flows.loc[
        (flows["origin_id"] == food) & (flows["destination_id"] == housing), "cases"
    ].item()
    codes = journeys.codes
    assert listed["total"].tolist() == [count] * count
    # Most hops first, then oldest.
    assert listed["code"].tolist() == [codes[c] for c in ("c8", "c5", "c3", "c4", "c2")]
    assert listed["hops"].tolist() == [4, 3, 2, 2, 1]
    assert listed.loc[0, "path"] == (
        "Modernización → Hábitat y Vivienda → Asistencia Alimentaria → Hábitat y Vivienda"
        " → Asistencia Alimentaria → Cáritas"
    )
    assert listed.loc[4, "department"] == "Hábitat y Vivienda"
    assert listed.loc[4, "status"] == "cerrada"


def test_case_lists_are_paged_in_sql(
    engine: Engine, journeys: Journeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(referrals, "PAGE_SIZE", 2)
    food, housing = journeys.departments["F"], journeys.departments["H"]
    with engine.connect() as connection:
        second = flow_cases(connection, filters(), food, housing, page=1)
        beyond = flow_cases(connection, filters(), food, housing, page=3)
    assert second["code"].tolist() == [journeys.codes["c3"], journeys.codes["c4"]]
    assert second["total"].tolist() == [5, 5]
    assert beyond.empty


def test_ping_pong_is_a_return_to_a_department_already_left(
    engine: Engine, journeys: Journeys
) -> None:
    with engine.connect() as connection:
        frame = ping_pong_cases(connection, filters())
    codes = journeys.codes
    assert frame["code"].tolist() == [codes["c8"], codes["c3"]]
    assert frame["total"].tolist() == [2, 2]
    assert frame.loc[1, "path"] == (
        "Modernización → Asistencia Alimentaria → Hábitat y Vivienda → Asistencia Alimentaria"
    )


def test_cases_with_three_hops_or_more(engine: Engine, journeys: Journeys) -> None:
    with engine.connect() as connection:
        frame = many_hops_cases(connection, filters())
    assert frame["code"].tolist() == [journeys.codes["c8"], journeys.codes["c5"]]
    assert frame["hops"].tolist() == [4, 3]
    assert frame.loc[1, "path"].endswith("→ Niñez y Adolescencia → Municipio de Tandil")


def test_referral_destinations_by_kind(engine: Engine, journeys: Journeys) -> None:
    with engine.connect() as connection:
        frame = referral_destinations(connection, filters()).set_index("kind")
    # The 12 hops: c2 H | c3 H F | c4 H N | c5 H N M | c8 F H F O.
    assert frame.index.tolist() == [
        "interna", "municipio", "ong", "organismo_nacional", "ministerio_provincial",
    ]  # fmt: skip
    assert frame["referrals"].tolist() == [10, 1, 1, 0, 0]
    assert frame["cases"].tolist() == [5, 1, 1, 0, 0]
    assert frame["share"].tolist() == pytest.approx([10 / 12, 1 / 12, 1 / 12, 0, 0])


def test_dwell_time_uses_the_stays_that_ended(engine: Engine, journeys: Journeys) -> None:
    with engine.connect() as connection:
        frame = department_dwell(connection, filters(), min_stays=2).set_index("department")
    # Intake: 2 1 4 2 2 3 2 1 (c6 still there). F: 24 10 4 4 2 6 2 2 (c3's second stay and
    # c9's run on; c7's reassignment inside F does not split its stay). H: 24 12 24 6 10 2.
    # Longest median first among those with 2 ended stays or more, then the single stays.
    expected = {
        "Hábitat y Vivienda": (6, 11, 24),
        "Asistencia Alimentaria": (8, 4, 24),
        "Modernización": (8, 2, 4),
        "Municipio de Tandil": (1, 48, 48),
        "Cáritas": (1, 22, 22),
        "Niñez y Adolescencia": (1, 2, 2),  # c4's stay runs on
    }
    assert frame.index.tolist() == list(expected)
    for department, (stays, median, p90) in expected.items():
        row = frame.loc[department]
        assert row["stays"] == stays, department
        assert row["median_hours"] == pytest.approx(median, abs=1e-6), department
        assert row["p90_hours"] == pytest.approx(p90, abs=1e-6), department


def test_dwell_without_a_minimum_ranks_by_median_alone(engine: Engine, journeys: Journeys) -> None:
    with engine.connect() as connection:
        frame = department_dwell(connection, filters(), min_stays=1)
    assert frame["department"].tolist()[:3] == [
        "Municipio de Tandil", "Cáritas", "Hábitat y Vivienda",
    ]  # fmt: skip


def test_dwell_reports_the_stays_still_running_apart(engine: Engine, journeys: Journeys) -> None:
    """At the cut-off (20 Mar 12:00) four stays run: c6 at intake since 7 Mar 09:00 (315 h),
    c3 back in F since 5 Mar 05:00 (367 h), c9 in F since 19 Mar 10:00 (26 h), c4 in N since
    6 Mar 15:00 (333 h). They are counted apart and left out of the ended stays' median."""
    with engine.connect() as connection:
        frame = department_dwell(connection, filters()).set_index("department")
    assert frame["running"].to_dict() == {
        "Hábitat y Vivienda": 0, "Asistencia Alimentaria": 2, "Modernización": 1,
        "Municipio de Tandil": 0, "Cáritas": 0, "Niñez y Adolescencia": 1,
    }  # fmt: skip
    ages = frame["running_median_hours"]
    assert ages["Asistencia Alimentaria"] == pytest.approx((367 + 26) / 2, abs=1e-6)
    assert ages["Modernización"] == pytest.approx(315, abs=1e-6)
    assert ages["Niñez y Adolescencia"] == pytest.approx(333, abs=1e-6)
    assert ages[["Hábitat y Vivienda", "Cáritas"]].isna().all()
    assert frame.loc["Niñez y Adolescencia", "median_hours"] == pytest.approx(2, abs=1e-6)


def test_a_department_with_only_running_stays_is_listed_last(
    engine: Engine, journeys: Journeys
) -> None:
    """Scoped to N, the cohort is c4 alone: I 2 h, F 4 h and H 24 h ended; N runs (333 h)."""
    scoped = filters(scope=(journeys.departments["N"],))
    with engine.connect() as connection:
        frame = department_dwell(connection, scoped, min_stays=1).set_index("department")
    assert frame.index.tolist() == [
        "Hábitat y Vivienda", "Asistencia Alimentaria", "Modernización", "Niñez y Adolescencia",
    ]  # fmt: skip
    children = frame.loc["Niñez y Adolescencia"]
    assert (children["stays"], children["running"]) == (0, 1)
    assert pd.isna(children["median_hours"]) and pd.isna(children["p90_hours"])
    assert children["running_median_hours"] == pytest.approx(333, abs=1e-6)


#: Department codes of the table's letters I, F, H, N, M, O, as the diagram's nodes carry them.
ING, ALIM, HAB, NIN, MUN, ONG = (
    "ING-MOD", "DIR-ALIM", "DIR-HAB", "DIR-NIN", "MUN-TANDIL", "ONG-CARITAS",
)  # fmt: skip


def links_of(frame) -> set[tuple]:
    return {
        (row.source_step, row.source_code, row.target_step, row.target_code, row.cases)
        for row in frame.itertuples()
    }


def test_sankey_draws_each_case_once_per_step(engine: Engine, journeys: Journeys) -> None:
    with engine.connect() as connection:
        frame = referral_sankey(connection, filters(), min_cases=1)
    assert links_of(frame) == {
        (0, ING, 1, ALIM, 7), (0, ING, 1, HAB, 1), (0, ING, 4, "abierta", 1),
        (1, ALIM, 4, "cerrada", 2), (1, ALIM, 4, "abierta", 1), (1, ALIM, 2, HAB, 4),
        (1, HAB, 2, ALIM, 1),
        (2, HAB, 4, "cerrada", 1),
        # Step 3 is where a case that went further ended: c3 back in F, c4 in N, c5 in M
        # (its stay in N is skipped), c8 in O.
        (2, HAB, 3, ALIM, 1), (2, HAB, 3, NIN, 1), (2, HAB, 3, MUN, 1), (2, ALIM, 3, ONG, 1),
        (3, ALIM, 4, "abierta", 1), (3, NIN, 4, "abierta", 1),
        (3, MUN, 4, "cerrada", 1), (3, ONG, 4, "cerrada", 1),
    }  # fmt: skip
    names = dict(zip(frame["source_code"], frame["source_name"], strict=False))
    assert names["ONG-CARITAS"] == "Cáritas"
    final = frame[frame["target_step"] == 4]
    assert final["target_id"].isna().all() and final["target_name"].isna().all()


def test_sankey_groups_small_nodes_into_otros_of_their_step(
    engine: Engine, journeys: Journeys
) -> None:
    """Fewer than 2 cases reached H at step 1 (c8), F at step 2 (c8), and each department at
    step 3: those go to the step's "otros", or "otros_externos" for M and O (outside)."""
    with engine.connect() as connection:
        frame = referral_sankey(connection, filters(), min_cases=2)
    assert links_of(frame) == {
        (0, ING, 1, ALIM, 7), (0, ING, 1, "otros", 1), (0, ING, 4, "abierta", 1),
        (1, ALIM, 4, "cerrada", 2), (1, ALIM, 4, "abierta", 1), (1, ALIM, 2, HAB, 4),
        (1, "otros", 2, "otros", 1),
        (2, HAB, 4, "cerrada", 1), (2, HAB, 3, "otros", 2), (2, HAB, 3, "otros_externos", 1),
        (2, "otros", 3, "otros_externos", 1),
        (3, "otros", 4, "abierta", 2), (3, "otros_externos", 4, "cerrada", 2),
    }  # fmt: skip
    others = frame[frame["target_code"].isin(["otros", "otros_externos"])]
    assert others["target_id"].isna().all() and others["target_name"].isna().all()


def test_sankey_draws_only_the_busiest_departments_of_each_step(
    engine: Engine, journeys: Journeys
) -> None:
    with engine.connect() as connection:
        frame = referral_sankey(connection, filters(), min_cases=1, per_step=1)
    ends = pd.concat(
        [frame[[f"{end}_step", f"{end}_code", f"{end}_id"]].set_axis(["step", "code", "id"], axis=1)
         for end in ("source", "target")]
    ).drop_duplicates()  # fmt: skip
    departments = ends[ends["id"].notna()]
    assert departments.groupby("step").size().max() == 1
    busiest = departments.set_index("step")["code"].to_dict()
    assert (busiest[1], busiest[2]) == (ALIM, HAB)  # 7 cases against 1; 4 against 1
    step_three = set(ends.loc[ends["step"] == 3, "code"])
    assert {"otros", "otros_externos"} <= step_three and len(step_three) == 3


def test_sankey_conserves_cases_at_every_node(engine: Engine, journeys: Journeys) -> None:
    with engine.connect() as connection:
        frame = referral_sankey(connection, filters(), min_cases=2)
    into = frame.groupby(["target_step", "target_code"])["cases"].sum()
    out = frame.groupby(["source_step", "source_code"])["cases"].sum()
    assert out.loc[0].sum() == 9  # every case of the cohort leaves the intake once
    for (step, code), cases in into.items():
        if step < 4:
            assert out.loc[(step, code)] == cases, (step, code)


def test_scope_keeps_only_the_readers_cases(engine: Engine, journeys: Journeys) -> None:
    """A scope holds the cases its departments held at the cut-off: c2 was in Hábitat then,
    c9 only moved there after it (and is there now)."""
    scoped = filters(scope=(journeys.departments["H"],))
    with engine.connect() as connection:
        summary = referral_summary(connection, scoped).iloc[0]
        flows = referral_flows(connection, scoped)
        pong = ping_pong_cases(connection, scoped)
    assert (summary["cases"], summary["referred_cases"], summary["ping_pong_cases"]) == (1, 1, 0)
    assert sorted(flows[["origin", "destination", "cases"]].values.tolist()) == [
        ["Asistencia Alimentaria", "Hábitat y Vivienda", 1],
        ["Modernización", "Asistencia Alimentaria", 1],
    ]
    assert pong.empty


def test_an_empty_period_gives_zeros_not_errors(engine: Engine, journeys: Journeys) -> None:
    empty = CaseFilters(date(2025, 1, 1), date(2025, 1, 31), datetime(2025, 2, 1))
    with engine.connect() as connection:
        summary = referral_summary(connection, empty).iloc[0]
        distribution = hops_distribution(connection, empty)
        assert referral_sankey(connection, empty).empty
        assert referral_flows(connection, empty).empty
        assert department_dwell(connection, empty).empty
        assert many_hops_cases(connection, empty).empty
        destinations = referral_destinations(connection, empty)
    assert (summary["cases"], summary["referral_rate"], summary["mean_hops"]) == (0, 0, 0)
    assert distribution["cases"].sum() == 0
    assert destinations["referrals"].sum() == 0


def test_an_earlier_cut_off_sees_only_what_had_happened(engine: Engine, journeys: Journeys) -> None:
    """Cut-off 6 March 00:00, cases of 1–5 March: c1 c2 c3 c4. c4 reached N only on 6 March
    at 15:00, so at the cut-off it sat in H (1 hop) and that stay was still running."""
    earlier = CaseFilters(date(2026, 3, 1), date(2026, 3, 5), datetime(2026, 3, 6))
    with engine.connect() as connection:
        summary = referral_summary(connection, earlier).iloc[0]
        sankey = referral_sankey(connection, earlier, min_cases=1)
        dwell = department_dwell(connection, earlier).set_index("department")
    assert (summary["cases"], summary["referred_cases"], summary["ping_pong_cases"]) == (4, 3, 1)
    assert summary["mean_hops"] == pytest.approx((1 + 2 + 1) / 4)
    assert links_of(sankey) == {
        (0, ING, 1, ALIM, 4), (1, ALIM, 4, "cerrada", 1), (1, ALIM, 2, HAB, 3),
        (2, HAB, 4, "cerrada", 1), (2, HAB, 4, "abierta", 1), (2, HAB, 3, ALIM, 1),
        (3, ALIM, 4, "abierta", 1),
    }  # fmt: skip
    housing = dwell.loc["Hábitat y Vivienda"]  # c2 24 h (to its closing), c3 12 h
    assert (housing["stays"], housing["median_hours"]) == (2, pytest.approx(18))
