"""Known answers for the protocol compliance figures, on SQLite and on PostgreSQL.

Each test writes the few cases its rule needs, in July 2026 (cut-off 1 August 00:00 unless
said), with F = Asistencia Alimentaria and H = Hábitat y Vivienda, and checks the ranking,
the monthly series and the list of cases behind the figure against counts made on paper.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from dashboard.db import build_engine
from dashboard.domain import DepartmentKind, EventKind, Status
from dashboard.migrate import upgrade
from dashboard.models import Case, Category
from queries.filters import CaseFilters
from queries.protocol import (
    protocol_cases,
    protocol_monthly,
    protocol_ranking,
    stale_threshold,
)
from tests.builders import World, add_case, add_department, add_event, case_code, small_world

JULY = CaseFilters.for_period(date(2026, 7, 1), date(2026, 7, 31), datetime(2026, 9, 1))


@pytest.fixture
def world(engine: Engine) -> World:
    return small_world(engine)


def others_categories(engine: Engine) -> tuple[int, int]:
    """The "otros" group and one category of it, as the catalogue has them."""
    with Session(engine) as session:
        group = Category(code="otros", name="Otros")
        session.add(group)
        session.flush()
        query = Category(code="otr-consulta", name="Consulta general", parent_id=group.id)
        session.add(query)
        session.commit()
        return group.id, query.id


def figure(ranking, department: int, rule: str) -> tuple[int, int]:
    """(flagged, base) of ``rule`` for ``department`` in a ranking."""
    row = ranking[ranking["department_id"] == department].iloc[0]
    return int(row[f"{rule}_cases"]), int(row[f"{rule}_base"])


def listed(engine: Engine, filters: CaseFilters, department: int, rule: str, **options) -> list:
    with engine.connect() as connection:
        rows = protocol_cases(connection, filters, department, rule, **options)
    assert rows.empty or (rows["total"] == len(rows)).all()
    return sorted(rows["code"])


def ranking_of(engine: Engine, filters: CaseFilters = JULY, **options):
    with engine.connect() as connection:
        return protocol_ranking(connection, filters, **options)


def move(engine: Engine, case_id: int, kind: EventKind, at: datetime, source: int, target: int,
         reason: str | None = None) -> None:  # fmt: skip
    add_event(engine, case_id, kind, at, from_department=source, to_department=target,
              from_status=Status.ASIGNADA, to_status=Status.DERIVADA, reason=reason)  # fmt: skip


def test_uncategorised_counts_the_otros_group_by_the_department_holding_the_case(
    engine: Engine, world: World
) -> None:
    group, query = others_categories(engine)
    in_group = add_case(engine, world, created_at=datetime(2026, 7, 2, 9), category=query)
    add_case(engine, world, created_at=datetime(2026, 7, 3, 9), category=group)
    add_case(engine, world, created_at=datetime(2026, 7, 4, 9))
    add_case(engine, world, created_at=datetime(2026, 6, 20, 9), category=query)  # June
    moved = add_case(engine, world, created_at=datetime(2026, 7, 5, 9), category=query)
    move(engine, moved, EventKind.REASSIGNED, datetime(2026, 7, 20), world.food, world.housing,
         "Corresponde a Hábitat")  # fmt: skip
    tandil = add_department(
        engine, "MUN-TANDIL", "Municipio de Tandil", DepartmentKind.MUNICIPALITY
    )
    outside = add_case(engine, world, created_at=datetime(2026, 7, 6, 9), category=query)
    move(engine, outside, EventKind.REFERRED, datetime(2026, 7, 7), world.food, tandil, "Local")

    ranking = ranking_of(engine)
    assert tandil not in ranking["department_id"].tolist()  # external actors: not ranked
    assert figure(ranking, world.food, "uncategorised") == (2, 3)
    assert figure(ranking, world.housing, "uncategorised") == (1, 1)
    worst_first = ranking_of(engine, rule="uncategorised")
    assert worst_first["department_id"].tolist() == [world.housing, world.food]
    assert case_code(engine, in_group) in listed(engine, JULY, world.food, "uncategorised")
    assert len(listed(engine, JULY, world.food, "uncategorised")) == 2


def test_closings_without_reason_prefer_the_event_reason_and_reopenings_count(
    engine: Engine, world: World
) -> None:
    """F closes five times in July: c1 with no reason anywhere, c2 with the reason on the
    case row only (its current closing), c3 with a reason on the event, reopened, and closed
    again with none, c4 resolved with the reason on the case row, then filed as ``cerrada``
    (no second closing). Two of five lack a reason; one of five was reopened."""
    c1 = add_case(engine, world, created_at=datetime(2026, 7, 1, 9),
                  closed_at=datetime(2026, 7, 5, 10))  # fmt: skip
    c2 = add_case(engine, world, created_at=datetime(2026, 7, 1, 9),
                  closed_at=datetime(2026, 7, 6, 10))  # fmt: skip
    with Session(engine) as session, session.begin():
        session.execute(update(Case).where(Case.id == c2).values(closure_reason="Resuelta"))
    c3 = add_case(engine, world, created_at=datetime(2026, 7, 1, 9))
    add_event(engine, c3, EventKind.CLOSED, datetime(2026, 7, 7, 10), from_status=Status.ASIGNADA,
              to_status=Status.CERRADA, reason="Entregado el módulo alimentario")  # fmt: skip
    add_event(engine, c3, EventKind.REOPENED, datetime(2026, 7, 10, 10),
              from_status=Status.CERRADA, to_status=Status.EN_CURSO)  # fmt: skip
    add_event(engine, c3, EventKind.CLOSED, datetime(2026, 7, 12, 10),
              from_status=Status.EN_CURSO, to_status=Status.CERRADA)  # fmt: skip
    c4 = add_case(engine, world, created_at=datetime(2026, 7, 1, 9),
                  closed_at=datetime(2026, 7, 8, 10), status=Status.RESUELTA)  # fmt: skip
    with Session(engine) as session, session.begin():
        session.execute(update(Case).where(Case.id == c4).values(closure_reason="Resuelta"))
    add_event(engine, c4, EventKind.STATUS_CHANGED, datetime(2026, 7, 9, 10),
              from_status=Status.RESUELTA, to_status=Status.CERRADA)  # fmt: skip
    add_case(engine, world, created_at=datetime(2026, 6, 1, 9),
             closed_at=datetime(2026, 6, 10, 10))  # closed in June  # fmt: skip

    ranking = ranking_of(engine)
    assert figure(ranking, world.food, "no_closing_reason") == (2, 5)
    assert figure(ranking, world.food, "reopened") == (1, 5)
    no_reason = listed(engine, JULY, world.food, "no_closing_reason")
    assert no_reason == sorted([case_code(engine, c1), case_code(engine, c3)])
    assert listed(engine, JULY, world.food, "reopened") == [case_code(engine, c3)]
    assert case_code(engine, c2) not in no_reason

    june_july = CaseFilters.for_period(date(2026, 6, 1), date(2026, 7, 31), datetime(2026, 9, 1))
    with engine.connect() as connection:
        monthly = protocol_monthly(connection, june_july)
    closings = monthly[monthly["rule"] == "no_closing_reason"].set_index("month")
    assert closings.loc["2026-06-01", ["cases", "base"]].tolist() == [1, 1]
    assert closings.loc["2026-07-01", ["cases", "base"]].tolist() == [2, 5]
    assert closings.loc["2026-07-01", "share"] == pytest.approx(0.4)


def test_same_day_closure_without_action_but_not_with_a_note(engine: Engine, world: World) -> None:
    received = datetime(2026, 7, 2, 9)
    bare = add_case(engine, world, created_at=received, closed_at=datetime(2026, 7, 2, 15))
    noted = add_case(engine, world, created_at=received, closed_at=datetime(2026, 7, 2, 15))
    add_event(engine, noted, EventKind.NOTE, datetime(2026, 7, 2, 11))
    add_case(engine, world, created_at=received, closed_at=datetime(2026, 7, 3, 10))
    add_case(engine, world, created_at=received, closed_at=datetime(2026, 7, 2, 10),
             status=Status.ANULADA)  # voided at intake: not a resolution  # fmt: skip

    ranking = ranking_of(engine)
    assert figure(ranking, world.food, "same_day_closure") == (1, 3)
    assert listed(engine, JULY, world.food, "same_day_closure") == [case_code(engine, bare)]


def test_referrals_without_reason_leave_out_moves_within_the_department(
    engine: Engine, world: World
) -> None:
    """F refers r1 to H with a reason and r2 without one; r3 is moved to a person inside F
    (no referral); H sends r2 back to F with a blank reason."""
    r1, r2, r3 = (add_case(engine, world, created_at=datetime(2026, 7, 1, 9)) for _ in range(3))
    move(engine, r1, EventKind.REFERRED, datetime(2026, 7, 3), world.food, world.housing,
         "Competencia de Hábitat")  # fmt: skip
    move(engine, r2, EventKind.REASSIGNED, datetime(2026, 7, 4), world.food, world.housing)
    add_event(engine, r3, EventKind.REASSIGNED, datetime(2026, 7, 5), from_department=world.food,
              to_department=world.food, from_status=Status.ASIGNADA, to_status=Status.ASIGNADA,
              assignee=world.juan)  # fmt: skip
    move(engine, r2, EventKind.REFERRED, datetime(2026, 7, 6), world.housing, world.food, "   ")

    ranking = ranking_of(engine)
    assert figure(ranking, world.food, "referral_no_reason") == (1, 2)
    assert figure(ranking, world.housing, "referral_no_reason") == (1, 1)
    assert listed(engine, JULY, world.food, "referral_no_reason") == [case_code(engine, r2)]


def test_stale_counts_business_days_over_the_july_holidays(engine: Engine, world: World) -> None:
    """Cut-off Monday 13 July 2026 at noon; 9 and 10 July are holidays. Three business days
    back is Monday 6 July at noon (not Wednesday 8, as weekends alone would give)."""
    cut_off = datetime(2026, 7, 13, 12)
    assert stale_threshold(cut_off, 3) == datetime(2026, 7, 6, 12)
    filters = CaseFilters.for_period(date(2026, 7, 1), date(2026, 7, 13), cut_off)
    recent = add_case(engine, world, created_at=datetime(2026, 6, 20, 9))
    add_event(engine, recent, EventKind.NOTE, datetime(2026, 7, 7, 10))
    quiet = add_case(engine, world, created_at=datetime(2026, 6, 20, 9))
    add_event(engine, quiet, EventKind.NOTE, datetime(2026, 7, 6, 10))
    add_case(engine, world, created_at=datetime(2026, 6, 20, 9),
             closed_at=datetime(2026, 6, 25, 9))  # closed: not open at the cut-off  # fmt: skip
    add_case(engine, world, created_at=datetime(2026, 7, 13, 8))

    ranking = ranking_of(engine, filters, stale_days=3)
    assert figure(ranking, world.food, "stale") == (1, 3)
    assert listed(engine, filters, world.food, "stale", stale_days=3) == [case_code(engine, quiet)]
    # Two business days back is Tuesday 7 July at noon: the note at 10:00 is older.
    assert figure(ranking_of(engine, filters, stale_days=2), world.food, "stale") == (2, 3)


def test_the_cases_list_pages_in_sql_with_the_total(engine: Engine, world: World) -> None:
    for day in range(1, 4):
        add_case(engine, world, created_at=datetime(2026, 7, day, 9),
                 closed_at=datetime(2026, 7, day, 18))  # fmt: skip
    with engine.connect() as connection:
        first = protocol_cases(connection, JULY, world.food, "no_closing_reason")
        beyond = protocol_cases(connection, JULY, world.food, "no_closing_reason", page=1)
    assert first["total"].tolist() == [3, 3, 3]
    assert set(first.columns) >= {"code", "created_at", "status", "department", "at", "total"}
    assert set(first["status"]) == {Status.CERRADA}
    assert set(first["department"]) == {"Asistencia Alimentaria"}
    assert beyond.empty
    assert not {"dni", "citizen", "first_name", "last_name"} & set(first.columns)


def test_a_supervisor_sees_only_what_her_departments_held(engine: Engine, world: World) -> None:
    """A case created in F and reassigned to H is H's at the cut-off (not F's, though the
    case row still names F); F's referral of it stays F's."""
    group, query = others_categories(engine)
    moved = add_case(engine, world, created_at=datetime(2026, 7, 5, 9), category=query)
    move(engine, moved, EventKind.REASSIGNED, datetime(2026, 7, 20), world.food, world.housing)
    add_case(engine, world, created_at=datetime(2026, 7, 6, 9), department=world.housing,
             category=group)  # fmt: skip
    own = add_case(engine, world, created_at=datetime(2026, 7, 7, 9))
    scoped = CaseFilters.for_period(
        date(2026, 7, 1), date(2026, 7, 31), datetime(2026, 9, 1), scope=(world.food,)
    )

    ranking = ranking_of(engine, scoped)
    assert ranking["department_id"].tolist() == [world.food]
    assert figure(ranking, world.food, "uncategorised") == (0, 1)
    assert figure(ranking, world.food, "referral_no_reason") == (1, 1)
    assert listed(engine, scoped, world.housing, "uncategorised") == []
    assert listed(engine, scoped, world.food, "referral_no_reason") == [case_code(engine, moved)]
    with engine.connect() as connection:
        monthly = protocol_monthly(connection, scoped)
    july = monthly[monthly["rule"] == "uncategorised"]
    assert july[["cases", "base"]].values.tolist() == [[0, 1]]
    assert case_code(engine, own) not in listed(engine, scoped, world.food, "uncategorised")


def _panel_script() -> None:
    """The panel alone on a page, for July 2026 (as the Indicadores page will hold it)."""
    from datetime import date, datetime

    from dashboard.protocol_panel import protocol_panel
    from queries.filters import CaseFilters

    protocol_panel(CaseFilters.for_period(date(2026, 7, 1), date(2026, 7, 13),
                                          datetime(2026, 7, 13, 12)))  # fmt: skip


def test_the_panel_ranks_lists_and_follows_the_chosen_business_days(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cut-off Monday 13 July 2026 at noon: ten business days back both cases had news; three
    back (Monday 6 July at noon) one had none. The list names the case, never the citizen."""
    url = f"sqlite:///{tmp_path / 'panel.sqlite3'}"
    engine = build_engine(url)
    upgrade(engine)
    world = small_world(engine)
    quiet = add_case(engine, world, created_at=datetime(2026, 6, 20, 9))
    add_event(engine, quiet, EventKind.NOTE, datetime(2026, 7, 6, 10))
    recent = add_case(engine, world, created_at=datetime(2026, 6, 20, 9))
    add_event(engine, recent, EventKind.NOTE, datetime(2026, 7, 10, 10))
    monkeypatch.setenv("DATABASE_URL", url)

    at = AppTest.from_function(_panel_script, default_timeout=30).run()
    assert not at.exception
    assert at.subheader[0].value == "Cumplimiento del protocolo"
    assert at.number_input[0].value == 10
    at.selectbox(key="protocolo.regla").set_value("stale").run()
    captions = [caption.value for caption in at.caption]
    assert "0,0 %: 0 de 2." in captions
    assert [info.value for info in at.info] == [
        "Esta área no tiene solicitudes señaladas por esta regla."
    ]

    at.number_input(key="protocolo.dias").set_value(3).run()
    assert "50,0 %: 1 de 2." in [caption.value for caption in at.caption]
    shown = at.dataframe[-1].value
    assert shown["code"].tolist() == [case_code(engine, quiet)]
    assert "Ana" not in shown.to_string()


def test_nothing_to_measure_ranks_no_department(engine: Engine, world: World) -> None:
    add_case(engine, world, created_at=datetime(2026, 5, 2, 9), closed_at=datetime(2026, 5, 3))
    ranking = ranking_of(engine)
    assert ranking.empty
    assert {"department", "stale_share", "combined"} <= set(ranking.columns)
