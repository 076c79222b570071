"""The reassignment form in AppTest: the destination list, the status a move leaves, and the
preview's figures written in the interface language."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
from sqlalchemy import Engine, insert, update
from streamlit.testing.v1 import AppTest

from dashboard.domain import DepartmentKind, Role, local_now
from dashboard.i18n import translate
from dashboard.models import Department, Staff
from tests.builders import add_case, add_department, add_user, world_of
from tests.test_bandejas_page import case_table, choose, confirm, queue, tick


def preview(at: AppTest) -> pd.DataFrame:
    """The "effect on the receiver" table, as the reader sees it."""
    column = translate("reasignar.col.open")
    return next(table.value for table in at.table if column in table.value.columns)


def test_the_destination_list_opens_with_her_departments_marked(app_database: Engine) -> None:
    """A supervisor of Hábitat: by name alone, Asistencia and a delegation came first."""
    for code, name in (("DEL-RI", "Delegación Región I (Bahía Blanca)"),
                       ("DIR-ZOO", "Dirección de Zoonosis")):  # fmt: skip
        add_department(app_database, code, name, DepartmentKind.INTERNAL)
    add_user(app_database, "habitat", Role.SUPERVISOR, (world_of(app_database).housing,))
    at = tick(queue("habitat"), [0])
    destination = at.selectbox(key="destino")
    assert destination.options == [
        "Hábitat y Vivienda · tu área",
        "Asistencia Alimentaria",
        "Dirección de Zoonosis",
        "Delegación Región I (Bahía Blanca)",
    ]
    assert destination.placeholder == "Elegí un área o escribí parte de su nombre"
    assert "Escribí parte del nombre para filtrar la lista." in destination.help


def test_a_move_to_another_department_with_nobody_reads_derivada(app_database: Engine) -> None:
    """A supervisor of both departments moves a case to Hábitat and leaves it to the area:
    her queue shows it "derivada", and the form said so beside the choice of person."""
    world = world_of(app_database)
    add_user(app_database, "coordinadora", Role.SUPERVISOR, (world.food, world.housing))
    at = tick(queue("coordinadora"), [0])
    code = case_table(at).value["code"].iloc[0]
    choose(at, "destino", "Hábitat y Vivienda · tu área")
    assert "queda «derivada» si cambia de área" in at.selectbox(key="responsable").help
    choose(at, "motivo", translate("reason.competencia_de_otra_area"))
    at.text_area(key="nota").input("Corresponde a vivienda, no a alimentos")
    at = confirm(at)
    assert not at.error
    table = case_table(at).value.set_index("code")
    assert table.loc[code, "status"] == translate("status.derivada")


def test_the_preview_writes_its_figures_in_spanish(app_database: Engine) -> None:
    """Hábitat (capacity 1.234) holds one case and Rosa's four; Rosa takes two a week. (In
    English AppTest cannot tick: its widgets' labels are read back in Spanish.)"""
    world = world_of(app_database)
    with app_database.begin() as connection:
        connection.execute(
            update(Department).where(Department.id == world.housing).values(weekly_capacity=1234)
        )
        rosa = connection.execute(
            insert(Staff)
            .values(department_id=world.housing, name="Rosa Díaz", weekly_capacity=2)
            .returning(Staff.id)
        ).scalar_one()
    for _ in range(4):
        add_case(app_database, world, created_at=local_now() - timedelta(days=3),
                 department=world.housing, assignee=rosa)  # fmt: skip
    at = tick(queue("supervisora"), [0])
    choose(at, "destino", "Hábitat y Vivienda")
    choose(at, "responsable", "Rosa Díaz")
    assert preview(at).to_dict("records") == [
        {"Recibe": "Área: Hábitat y Vivienda", "Abiertas (hoy → después)": "5 → 6",
         "Capacidad por semana": "1.234", "Carga en semanas (hoy → después)": "0,0 → 0,0"},
        {"Recibe": "Persona: Rosa Díaz", "Abiertas (hoy → después)": "4 → 5",
         "Capacidad por semana": "2", "Carga en semanas (hoy → después)": "2,0 → 2,5"},
    ]  # fmt: skip
