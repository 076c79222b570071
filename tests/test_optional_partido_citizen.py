"""Real data: cases with no partido and no identified citizen are counted everywhere, figures
that leave something out say how much, and spikes are judged only with history.

Known answers on both databases (period March 2026, cut-off 1 April 00:00), then the pages in
AppTest.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, func, insert, select, update
from streamlit.testing.v1 import AppTest

from auth.roles import Actor
from dashboard.commands import CommandError, import_sheet, reveal_personal_data
from dashboard.domain import EventKind, Priority, Role, Status, local_now
from dashboard.i18n import translate
from dashboard.imports.plan import plan_import
from dashboard.migrate import downgrade, upgrade
from dashboard.models import AuditEntry, Case, CaseSource, CaseStay, Channel, Citizen
from queries.backlog import weekly_department_flows
from queries.case_list import CaseListOptions, open_case_page
from queries.cases import case_overview
from queries.filters import CaseFilters
from queries.queues import department_queues
from queries.referrals import department_dwell, referral_summary
from queries.spikes import department_spikes, partido_spikes, unjudged_units
from queries.summary import headline_figures
from queries.territory import partido_measures, unplaced_cases
from tests.apptest_pages import APP, open_page, page_as, signed_in
from tests.builders import World, add_case, add_event, case_code, small_world, world_of
from tests.test_imports import HEADER

CUT_OFF = datetime(2026, 4, 1)
ADMIN = Actor("admin", Role.ADMIN)


def march(**dimensions) -> CaseFilters:
    return CaseFilters.for_period(date(2026, 3, 1), date(2026, 3, 31), CUT_OFF, **dimensions)


def strip(engine: Engine, case_id: int, *, citizen: bool = False, partido: bool = False) -> None:
    """Take the citizen and/or the partido away from a case, as an imported sheet leaves it."""
    values = {
        **({"citizen_id": None} if citizen else {}),
        **({"municipality_id": None} if partido else {}),
    }
    with engine.begin() as connection:
        connection.execute(update(Case).where(Case.id == case_id).values(**values))


@pytest.fixture
def mixed(engine: Engine) -> tuple[Engine, World, dict[str, int]]:
    """Three cases of Asistencia Alimentaria: one with everything (La Plata, open, overdue),
    one anonymous with no partido (open, overdue, of the last week), one with a citizen but no
    partido (closed in the period)."""
    world = small_world(engine)
    ids = {
        "named": add_case(engine, world, created_at=datetime(2026, 3, 10),
                          due_at=datetime(2026, 3, 20)),
        "anonymous": add_case(engine, world, created_at=datetime(2026, 3, 28),
                              due_at=datetime(2026, 3, 30)),
        "unplaced": add_case(engine, world, created_at=datetime(2026, 3, 5),
                             closed_at=datetime(2026, 3, 6)),
    }  # fmt: skip
    strip(engine, ids["anonymous"], citizen=True, partido=True)
    strip(engine, ids["unplaced"], partido=True)
    return engine, world, ids


def test_headline_queue_and_backlog_count_every_case(mixed) -> None:
    engine, world, _ = mixed
    with engine.connect() as connection:
        headline = headline_figures(connection, march()).iloc[0]
        queues = department_queues(connection, march())
        weekly = weekly_department_flows(connection, march())
        page = open_case_page(connection, march(), CaseListOptions())
    assert (headline["open_cases"], headline["inflow_7d"], headline["overdue_cases"]) == (2, 1, 2)
    assert queues.set_index("department_id").loc[world.food, "open_cases"] == 2
    food = weekly[weekly["department_id"] == world.food]
    assert (food["inflow"].sum(), food["outflow"].sum(), food["backlog"].iloc[-1]) == (3, 1, 2)
    assert page["total"].iloc[0] == 2
    assert page["dni"].isna().sum() == 1  # the anonymous case: no DNI to mask
    assert page["dni"].dropna().tolist() == ["**.***.456"]


def test_a_search_by_dni_still_finds_the_identified_case(mixed) -> None:
    engine, _, ids = mixed
    options = CaseListOptions(search="30.123.456", search_dni=True)
    with engine.connect() as connection:
        found = open_case_page(connection, march(), options)
    assert found["code"].tolist() == [case_code(engine, ids["named"])]


def test_figures_by_partido_show_the_cases_with_none_instead_of_dropping_them(mixed) -> None:
    engine, world, _ = mixed
    with engine.connect() as connection:
        measures = partido_measures(connection, march())
        only_tandil = partido_measures(connection, march(municipality_ids=(world.tandil,)))
    unplaced = unplaced_cases(measures)
    assert pd_none(unplaced["clave"]) and pd_none(unplaced["population"])
    assert (unplaced["open_cases"], unplaced["inflow"], unplaced["overdue_cases"]) == (1, 2, 1)
    assert pd_none(unplaced["open_per_10k"]) and pd_none(unplaced["inflow_per_10k"])
    la_plata = measures.set_index("clave").loc["LA PLATA"]
    assert (la_plata["open_cases"], la_plata["inflow"]) == (1, 1)
    # Every case is in exactly one row: the partidos' rows and "sin partido" add up.
    assert measures["inflow"].sum() == 3 and measures["open_cases"].sum() == 2
    assert not unplaced_cases(only_tandil)["in_filter"]


def pd_none(value: object) -> bool:
    return bool(pd.isna(value))


def test_a_case_without_partido_or_citizen_reads_as_such(mixed) -> None:
    engine, _, ids = mixed
    with engine.connect() as connection:
        case = case_overview(connection, case_code(engine, ids["anonymous"]), None, CUT_OFF)
    assert len(case) == 1
    row = case.iloc[0]
    assert all(pd_none(row[column]) for column in ("partido", "dni", "citizen"))
    assert row["department"] == "Asistencia Alimentaria" and bool(row["overdue"])


def test_revealing_an_anonymous_case_says_there_is_no_one_to_reveal(mixed) -> None:
    engine, _, ids = mixed
    code = case_code(engine, ids["anonymous"])
    with pytest.raises(CommandError, match="no tiene ciudadano identificado"):
        reveal_personal_data(engine, ADMIN, code, "Contactar a la persona por la entrega")
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(AuditEntry)).scalar() == 0
    named = reveal_personal_data(engine, ADMIN, case_code(engine, ids["named"]), "Entrega hoy")
    assert named.dni == "30123456"


def test_a_downgrade_refuses_while_cases_lack_them_and_the_rebuild_keeps_the_history(
    mixed,
) -> None:
    engine, world, ids = mixed
    # From 0009 itself: on SQLite, DDL of the revisions above would not be rolled back.
    downgrade(engine, "0009")
    with pytest.raises(RuntimeError, match="2 solicitudes no tienen partido"):
        downgrade(engine, "0008")
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Case)).scalar() == 3
    with engine.begin() as connection:
        connection.execute(
            update(Case).values(citizen_id=world.citizen, municipality_id=world.la_plata)
        )
    downgrade(engine, "0008")
    upgrade(engine)
    strip(engine, ids["named"], citizen=True, partido=True)
    # The stays trigger on case_events survived the rebuild of cases: a referral moves it.
    add_event(engine, ids["named"], EventKind.REFERRED, datetime(2026, 3, 12),
              from_department=world.food, to_department=world.housing)  # fmt: skip
    with engine.connect() as connection:
        stays = connection.execute(
            select(CaseStay.department_id).where(CaseStay.case_id == ids["named"])
            .order_by(CaseStay.step)
        ).scalars().all()  # fmt: skip
    assert stays == [world.intake, world.food, world.housing]


# --- Derivaciones: stays that end before they start -------------------------------------


def test_stays_that_end_before_they_start_are_counted_not_silently_dropped(engine) -> None:
    world = small_world(engine)
    # Referred to Hábitat on the 4th, closed on the 6th: two days there.
    usual = add_case(engine, world, created_at=datetime(2026, 3, 2),
                     closed_at=datetime(2026, 3, 6))  # fmt: skip
    add_event(engine, usual, EventKind.REFERRED, datetime(2026, 3, 4),
              from_department=world.intake, to_department=world.housing)  # fmt: skip
    # Closed on the 3rd, and a referral line of the sheet dated the 10th: its stay in Hábitat
    # would end before it starts.
    odd = add_case(engine, world, created_at=datetime(2026, 3, 2),
                   closed_at=datetime(2026, 3, 3))  # fmt: skip
    add_event(engine, odd, EventKind.REFERRED, datetime(2026, 3, 10),
              from_department=world.intake, to_department=world.housing)  # fmt: skip
    with engine.connect() as connection:
        summary = referral_summary(connection, march()).iloc[0]
        dwell = department_dwell(connection, march()).set_index("department_id")
    assert summary["stays_ending_before_start"] == 1
    assert dwell.loc[world.housing, "stays"] == 1
    assert dwell.loc[world.housing, "median_hours"] == pytest.approx(48)
    assert dwell.loc[world.intake, "stays"] == 2  # both left intake: those stays are fine


# --- Spikes: judged only with history ----------------------------------------------------

WEEK_1 = datetime(2026, 1, 5)  # a Monday
SPIKE_CUT_OFF = datetime(2026, 3, 18, 12, 0)  # Wednesday of week 11: weeks 9 and 10 judged


def week(number: int) -> datetime:
    return WEEK_1 + (number - 1) * timedelta(days=7)


def spike_rows(world: World, number: int, count: int, department: int,
               partido: int | None) -> list[dict]:  # fmt: skip
    """``count`` cases created on the Tuesday of week ``number``, an hour apart."""
    start = week(number) + timedelta(days=1, hours=8)
    return [
        {"code": f"MDC-S-{department}-{partido}-{number}-{i}", "citizen_id": None,
         "channel_id": world.whatsapp, "intake_department_id": world.intake,
         "category_id": world.flood, "priority": Priority.MEDIA, "status": Status.ASIGNADA,
         "department_id": department, "municipality_id": partido,
         "created_at": start + timedelta(hours=i), "due_at": start + timedelta(days=10)}
        for i in range(count)
    ]  # fmt: skip


@pytest.fixture
def histories(engine: Engine) -> tuple[Engine, World]:
    """Asistencia Alimentaria in La Plata: eight ordinary weeks, then 30 cases. Hábitat in
    Tandil: nothing until 25 cases in week 9 (a unit new to the base). The intake area with no
    partido: one case three weeks before week 1, nothing more until 20 in week 9."""
    world = small_world(engine)
    rows = [row for number, count in enumerate([8, 16, 12, 9, 15, 12, 10, 14, 30, 15], start=1)
            for row in spike_rows(world, number, count, world.food, world.la_plata)]  # fmt: skip
    rows += spike_rows(world, 9, 25, world.housing, world.tandil)
    rows += spike_rows(world, -2, 1, world.intake, None) + spike_rows(world, 9, 20, world.intake,
                                                                      None)  # fmt: skip
    with engine.begin() as connection:
        connection.execute(insert(Case), rows)
    return engine, world


def spike_period() -> CaseFilters:
    return CaseFilters.for_period(date(2026, 3, 2), date(2026, 3, 18), SPIKE_CUT_OFF)


def test_a_unit_new_to_the_base_is_not_judged_and_a_quiet_old_one_is(histories) -> None:
    engine, world = histories
    with engine.connect() as connection:
        departments = department_spikes(connection, spike_period())
        weeks = department_spikes(connection, spike_period(), all_weeks=True)
        partidos = partido_spikes(connection, spike_period())
        unjudged = unjudged_units(connection, spike_period())
    # With no history Hábitat's 25 cases would pass a threshold of 0; they are not judged.
    assert departments["department_id"].tolist() == [world.intake, world.food]
    assert departments["excess"].tolist() == [20, 18]
    habitat = weeks[weeks["department_id"] == world.housing]
    assert not habitat["judged"].any() and not habitat["spike"].any()
    assert habitat["threshold"].isna().all() and habitat["inflow"].tolist() == [25, 0]
    # The intake area's one case before the baseline is history enough: judged, a spike.
    assert weeks.loc[weeks["department_id"] == world.intake, "judged"].all()
    # By partido: La Plata, and the cases with no partido as a unit of their own.
    assert [pd_none(value) for value in partidos["municipality_id"]] == [True, False]
    assert pd_none(partidos["partido"].iloc[0]) and partidos["partido"].iloc[1] == "La Plata"
    assert unjudged.set_index("unit")["units"].to_dict() == {"department": 1, "partido": 1}


def test_nothing_unjudged_when_every_unit_has_history(histories) -> None:
    engine, world = histories
    narrowed = CaseFilters.for_period(date(2026, 3, 2), date(2026, 3, 18), SPIKE_CUT_OFF,
                                      department_ids=(world.food,))  # fmt: skip
    with engine.connect() as connection:
        unjudged = unjudged_units(connection, narrowed)
    assert unjudged["units"].tolist() == [0, 0]


# --- Import: a row with neither DNI nor partido ------------------------------------------

SHEET_ROWS = [
    # No name, no DNI, no partido: an anonymous report.
    ["C-1", "10/03/2026", "10:00", "", "", "", "", "Inundación", "Abierto", "", ""],
    # No name or DNI, the same moment and topic, but a phone to call back: another request,
    # from someone the base keeps as a person without a DNI.
    ["C-2", "10/03/2026", "10:00", "", "", "(0221) 15-555-0199", "", "Inundación", "Abierto",
     "", ""],
    # C-1 pasted again under another number: the same request.
    ["C-3", "10/03/2026", "10:00", "", "", "", "", "Inundación", "Abierto", "", ""],
    # A name with no DNI, in a place outside the province.
    ["C-4", "11/03/2026", "09:00", "Sosa, Elena", "", "", "Montevideo", "Inundación",
     "Abierto", "", ""],
]  # fmt: skip


def sheet(rows: list[list[str]]) -> bytes:
    return "".join(";".join(cells) + "\r\n" for cells in [HEADER, *rows]).encode("cp1252")


def import_rows(engine: Engine, world: World):
    with engine.connect() as connection:
        planned = plan_import(connection, sheet(SHEET_ROWS), "planilla.csv", world.intake)
    outcome = import_sheet(engine, Actor("clara", Role.INGRESO, (world.intake,)), world.intake,
                           planned.source, None, planned.mapping, planned.prepared)  # fmt: skip
    return planned, outcome


def test_rows_without_dni_or_partido_import_and_keep_what_they_say_of_the_person(
    engine,
) -> None:
    world = small_world(engine)
    with engine.begin() as connection:
        connection.execute(insert(Channel).values(code="presencial", name="Presencial"))
    planned, outcome = import_rows(engine, world)
    prepared = planned.prepared
    assert prepared.errors == [] and prepared.repeated == [(4, 2)]
    anonymous, with_phone, elena = prepared.cases
    assert anonymous.warnings == [
        "sin partido: se importa sin partido",
        "sin DNI, CUIL ni nombre: se importa como solicitud anónima",
    ]
    assert with_phone.fingerprint != anonymous.fingerprint
    unidentified = ("sin DNI ni CUIL: la persona no se puede identificar; se guardan sus "
                    "datos sin DNI")  # fmt: skip
    assert with_phone.warnings[-1] == unidentified
    assert elena.warnings == [
        "partido desconocido: Montevideo: se importa sin partido", unidentified
    ]  # fmt: skip
    assert (outcome.imported, outcome.already) == (3, 0)
    with engine.connect() as connection:
        written = connection.execute(
            select(Citizen.dni, Citizen.last_name, Citizen.phone, Case.municipality_id,
                   CaseSource.original)
            .join(CaseSource, CaseSource.case_id == Case.id)
            .outerjoin(Citizen, Citizen.id == Case.citizen_id).order_by(CaseSource.row_number)
        ).all()  # fmt: skip
        unplaced = unplaced_cases(partido_measures(connection, march()))
    assert [tuple(row[:4]) for row in written] == [
        (None, None, None, None),  # anonymous: no citizen at all
        (None, "", "+5492215550199", None),  # a phone, kept with no DNI
        (None, "Sosa", None, None),  # a name, kept with no DNI
    ]
    assert json.loads(written[2].original) == {"partido": "Montevideo"}  # the sheet's value
    assert (unplaced["inflow"], unplaced["open_cases"]) == (3, 3)
    _, again = import_rows(engine, world)
    assert (again.imported, again.already) == (0, 3)


# --- The pages say what they leave out ----------------------------------------------------


@pytest.fixture
def real_data(app_database: Engine) -> tuple[Engine, str]:
    """The app's three cases, the newest made anonymous and placeless; one more case closed
    the day after it came in, with a referral line dated after its closing."""
    world = world_of(app_database)
    with app_database.connect() as connection:
        newest = connection.execute(select(func.max(Case.id))).scalar_one()
    strip(app_database, newest, citizen=True, partido=True)
    now = local_now()
    odd = add_case(app_database, world, created_at=now - timedelta(days=10),
                   closed_at=now - timedelta(days=9))  # fmt: skip
    add_event(app_database, odd, EventKind.REFERRED, now - timedelta(days=5),
              from_department=world.intake, to_department=world.housing)  # fmt: skip
    with app_database.connect() as connection:
        anonymous = connection.execute(
            select(Case.code).where(Case.citizen_id.is_(None))
        ).scalar_one()
    return app_database, anonymous


def captions(at: AppTest) -> list[str]:
    return [caption.value for caption in at.caption]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_sobrecarga_says_what_the_map_cannot_draw_and_who_was_not_judged(real_data, lang):
    at = page_as("gabinete", "sobrecarga", lang)
    assert not at.exception and not at.error
    shown = captions(at)
    assert translate("map.unplaced", lang, open="1", inflow="1") in shown
    # Every unit came into the base within the last six weeks: none has 8 weeks of history.
    assert translate("sobrecarga.spikes.unjudged", lang, departments="2", partidos="2",
                     weeks=8) in shown  # fmt: skip


def test_derivaciones_says_how_many_stays_it_leaves_out(real_data) -> None:
    at = page_as("gabinete", "derivaciones")
    assert not at.exception and not at.error
    assert translate("derivaciones.dwell.left_out", stays="1") in captions(at)


def test_an_anonymous_case_reads_as_such_and_offers_no_reveal(real_data) -> None:
    _, code = real_data
    at = open_page(signed_in(AppTest.from_file(APP, default_timeout=30), "admin").run(),
                   "solicitud")  # fmt: skip
    at.text_input(key="codigo").input(code).run()
    assert not at.exception and not at.error
    fields = next(frame.value for frame in at.dataframe)
    values = fields.set_index(fields.columns[0])[fields.columns[1]]
    assert values[translate("field.partido")] == translate("partido.none")
    assert values[translate("field.citizen")] == translate("citizen.anonymous")
    assert translate("solicitud.anonymous") in [info.value for info in at.info]
    assert not at.text_area  # nothing to reveal
