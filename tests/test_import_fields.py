"""Which sheet column fills which field: known answers on real-looking header rows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.imports.fields import FIELD_LABELS, REQUIRED, SYNONYMS, Field, suggest_mapping

F = Field


def test_every_field_has_a_label_and_synonyms() -> None:
    assert set(FIELD_LABELS) == set(Field)
    assert set(SYNONYMS) == set(Field)
    assert all(FIELD_LABELS.values())
    assert set(REQUIRED) == {Field.created_date}


def test_an_intake_area_sheet() -> None:
    headers = ["N°", "Fecha ingreso", "Hora", "Apellido y nombre", "DNI/CUIL", "Tel."]
    headers += ["Localidad/Partido", "Tema", "Estado", "Derivado a", "Fecha cierre"]
    assert suggest_mapping(headers) == {
        "N°": F.source_id,
        "Fecha ingreso": F.created_date,
        "Hora": F.created_time,
        "Apellido y nombre": F.full_name,
        "DNI/CUIL": F.dni_cuil,
        "Tel.": F.phone,
        "Localidad/Partido": F.partido,
        "Tema": F.category,
        "Estado": F.status,
        "Derivado a": F.department,
        "Fecha cierre": F.closed_date,
    }


def test_a_lower_case_export_with_underscores() -> None:
    headers = ["fecha_de_alta", "nombre", "apellido", "documento", "mail", "domicilio"]
    headers += ["municipio", "motivo", "observaciones", "situacion"]
    assert suggest_mapping(headers) == {
        "fecha_de_alta": F.created_date,
        "nombre": F.first_name,
        "apellido": F.last_name,
        "documento": F.dni_cuil,
        "mail": F.email,
        "domicilio": F.address,
        "municipio": F.partido,
        "motivo": F.category,
        "observaciones": F.description,
        "situacion": F.status,
    }


def test_an_open311_export() -> None:
    headers = ["service_request_id", "status", "service_name", "description"]
    headers += ["requested_datetime", "updated_datetime", "address", "lat", "long"]
    assert suggest_mapping(headers) == {
        "service_request_id": F.source_id,
        "status": F.status,
        "service_name": F.category,
        "description": F.description,
        "requested_datetime": F.created_date,
        "updated_datetime": None,  # an update is not a closing
        "address": F.address,
        "lat": None,
        "long": None,
    }


def test_a_google_forms_sheet() -> None:
    headers = ["Marca temporal", "Nombre y apellido", "DNI", "Teléfono", "Celular"]
    headers += ["Correo electrónico", "Partido", "¿Qué necesitás?"]
    assert suggest_mapping(headers) == {
        "Marca temporal": F.created_date,
        "Nombre y apellido": F.full_name,
        "DNI": F.dni_cuil,
        "Teléfono": F.phone,
        "Celular": None,  # one phone per case: the leftmost wins
        "Correo electrónico": F.email,
        "Partido": F.partido,
        "¿Qué necesitás?": None,
    }


def test_a_messy_sheet_with_typos_and_spacing() -> None:
    headers = ["  FECHA  DE INGRESO ", "Telefno", "Obsevaciones", "Domicilo", "E-Mail"]
    headers += ["Apelido", "NOMBRES", "Nro. Documento", "Vía de ingreso", "Área responsable"]
    assert suggest_mapping(headers) == {
        "  FECHA  DE INGRESO ": F.created_date,
        "Telefno": F.phone,
        "Obsevaciones": F.description,
        "Domicilo": F.address,
        "E-Mail": F.email,
        "Apelido": F.last_name,
        "NOMBRES": F.first_name,
        "Nro. Documento": F.dni_cuil,
        "Vía de ingreso": F.channel,
        "Área responsable": F.department,
    }


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Fecha y hora"], [F.created_date]),
        (["Fecha/Hora"], [F.created_date]),
        (["Fecha", "Hora"], [F.created_date, F.created_time]),
        (
            ["Fecha", "Hora", "Fecha de cierre", "Hora de cierre"],
            [F.created_date, F.created_time, F.closed_date, F.closed_time],
        ),
        (["Fecha y hora de cierre", "Fecha y hora"], [F.closed_date, F.created_date]),
        (["FechaIngreso", "HoraIngreso"], [F.created_date, F.created_time]),
        (["created", "closed"], [F.created_date, F.closed_date]),
    ],
)
def test_dates_and_times(headers: list[str], expected: list[Field]) -> None:
    assert list(suggest_mapping(headers).values()) == expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Dirección"], [F.address]),
        (["Domicilio", "Dirección"], [F.address, F.department]),
        (["Dirección", "Domicilio"], [F.department, F.address]),
        (["Dirección", "Área"], [F.address, F.department]),
        (["Domicilio", "Dirección", "Área"], [F.address, None, F.department]),
        (["Calle", "Dirección"], [F.address, F.department]),
    ],
)
def test_direccion_is_the_address_unless_another_column_is(
    headers: list[str], expected: list[Field | None]
) -> None:
    assert list(suggest_mapping(headers).values()) == expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Nombre"], [F.full_name]),  # a lone name column holds the whole name
        (["Nombres", "DNI"], [F.full_name, F.dni_cuil]),
        (["Nombre", "Apellido"], [F.first_name, F.last_name]),
        (["Apellido", "Nombre"], [F.last_name, F.first_name]),
        (["Apellido"], [F.last_name]),
        (["Apellido y nombre", "Nombre"], [F.full_name, F.first_name]),
    ],
)
def test_names(headers: list[str], expected: list[Field | None]) -> None:
    assert list(suggest_mapping(headers).values()) == expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Calle", "Número", "Partido"], [F.address, None, F.partido]),
        (["Domicilio", "Nro"], [F.address, None]),
        (["Número", "Calle"], [F.source_id, F.address]),
        (["N°", "Fecha", "Calle", "Nro"], [F.source_id, F.created_date, F.address, None]),
    ],
)
def test_a_number_after_the_street_is_the_house_number(
    headers: list[str], expected: list[Field | None]
) -> None:
    assert list(suggest_mapping(headers).values()) == expected


@pytest.mark.parametrize(
    "header",
    [
        "updated_datetime",
        "expected_datetime",
        "Fecha de actualización",
        "Fecha de nacimiento",
        "Fecha de asignación",
        "Tipo de documento",
        "Estado civil",
        "Fecha (2)",
        "Columna 7",
        "Responsable",  # the assignee, a person: not a department
        "Médico",
        "Edad",
        "Sexo",
        "Barrio",
        "Ingresos",
        "",
        "#",
    ],
)
def test_headers_that_fill_nothing(header: str) -> None:
    assert suggest_mapping([header]) == {header: None}


@pytest.mark.parametrize(
    ("field", "synonym"),
    [(field, synonym) for field, synonyms in SYNONYMS.items() for synonym in synonyms],
)
def test_every_synonym_alone_names_its_field(field: Field, synonym: str) -> None:
    if field is F.department and synonym == "dirección":
        field = F.address  # alone, "Dirección" is the address
    if field is F.first_name:
        assert suggest_mapping([synonym, "Apellido"])[synonym] is F.first_name
        field = F.full_name  # alone, a name column holds the whole name
    assert suggest_mapping([synonym]) == {synonym: field}


def test_two_columns_for_one_field_leave_the_worse_one_empty() -> None:
    assert suggest_mapping(["Observacion", "Observaciones"]) == {
        "Observacion": None,
        "Observaciones": F.description,  # exact beats a near miss, wherever it stands
    }
    assert suggest_mapping(["Tema", "Categoría"]) == {"Tema": F.category, "Categoría": None}


HEADERS = st.one_of(
    st.sampled_from([synonym for synonyms in SYNONYMS.values() for synonym in synonyms]),
    st.text(max_size=30),
)


@given(st.lists(HEADERS, max_size=25, unique=True))
def test_never_one_field_for_two_headers(headers: list[str]) -> None:
    mapping = suggest_mapping(headers)
    assert list(mapping) == headers
    fields = [field for field in mapping.values() if field is not None]
    assert len(fields) == len(set(fields))
