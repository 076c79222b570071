"""What a sheet's columns can fill in a case, and a first guess of which column fills what.

Every intake area named its columns its own way ("Fecha ingreso", "fecha_de_alta",
"requested_datetime"), so the import suggests a mapping from the headers and the clerk confirms
or corrects it. A wrong guess costs more than no guess (a street number taken for the request's
number would make distinct requests look like one), so the suggestion only takes known header
names and near misspellings of them, and never fills one field from two columns.
"""

from __future__ import annotations

from enum import StrEnum, auto

from rapidfuzz import fuzz, process

from dashboard.imports.values import fold


class Field(StrEnum):
    """What a sheet column can fill in a case. The values name fields in saved mappings and in
    the pipeline: keep them stable."""

    created_date = auto()
    created_time = auto()
    dni_cuil = auto()
    full_name = auto()
    first_name = auto()
    last_name = auto()
    phone = auto()
    email = auto()
    address = auto()
    partido = auto()
    category = auto()
    description = auto()
    status = auto()
    closed_date = auto()
    closed_time = auto()
    department = auto()
    channel = auto()
    source_id = auto()


REQUIRED = frozenset({Field.created_date})
#: Fields whose sheet values are matched against a catalogue (or the statuses), so a value
#: the catalogue does not know can be given an equivalence, remembered per source.
VALUE_FIELDS = (Field.category, Field.status, Field.department, Field.channel)

FIELD_LABELS: dict[Field, str] = {
    Field.created_date: "Fecha de ingreso",
    Field.created_time: "Hora de ingreso",
    Field.dni_cuil: "DNI o CUIL",
    Field.full_name: "Apellido y nombre",
    Field.first_name: "Nombre",
    Field.last_name: "Apellido",
    Field.phone: "Teléfono",
    Field.email: "Correo electrónico",
    Field.address: "Domicilio",
    Field.partido: "Partido",
    Field.category: "Categoría",
    Field.description: "Descripción",
    Field.status: "Estado",
    Field.closed_date: "Fecha de cierre",
    Field.closed_time: "Hora de cierre",
    Field.department: "Área responsable",
    Field.channel: "Canal",
    Field.source_id: "N° en la planilla de origen",
}

#: Header names as real sheets write them, Spanish and English (Open311 included). They are
#: compared folded, so accents, case and punctuation do not matter here.
SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.created_date: (
        "fecha",
        "fecha ingreso",
        "fecha de ingreso",
        "fecha_de_alta",
        "fecha alta",
        "fecha de recepción",
        "fecha recepción",
        "fecha solicitud",
        "fecha de solicitud",
        "fecha del pedido",
        "fecha de carga",
        "fecha y hora",
        "fecha y hora de ingreso",
        "fecha/hora",
        "marca temporal",  # Google Forms, Spanish
        "timestamp",  # Google Forms, English
        "requested_datetime",
        "created",
        "created_at",
        "date",
    ),
    Field.created_time: ("hora", "hora ingreso", "hora de ingreso", "hora de recepción", "time"),
    Field.dni_cuil: (
        "dni",
        "dni/cuil",
        "cuil",
        "cuit",
        "cuil/cuit",
        "documento",
        "doc",
        "nro documento",
        "nro de documento",
        "número de documento",
        "n° doc",
        "n° de documento",
        "nro dni",
        "n° dni",
        "documento de identidad",
    ),
    Field.full_name: (
        "apellido y nombre",
        "apellido y nombres",
        "apellidos y nombres",
        "nombre y apellido",
        "nombres y apellidos",
        "nombre completo",
        "solicitante",
        "vecino/a",
        "vecino",
        "vecina",
        "titular",
        "beneficiario/a",
        "name",
        "full name",
    ),
    Field.first_name: ("nombre", "nombres", "first name"),
    Field.last_name: ("apellido", "apellidos", "last name"),
    Field.phone: (
        "teléfono",
        "tel",
        "teléfono de contacto",
        "nro de teléfono",
        "número de teléfono",
        "teléfono/celular",
        "celular",
        "cel",
        "whatsapp",
        "contacto",
        "phone",
    ),
    Field.email: (
        "mail",
        "e-mail",
        "email",
        "correo",
        "correo electrónico",
        "dirección de correo",
        "dirección de correo electrónico",
    ),
    # "Dirección" is also a department ("Dirección de Hábitat"): see Field.department.
    Field.address: ("domicilio", "dirección", "calle", "domicilio completo", "address"),
    Field.partido: (
        "partido",
        "municipio",
        "municipalidad",
        "localidad/partido",
        "partido/municipio",
        "localidad",
        "distrito",
    ),
    Field.category: (
        "tema",
        "categoría",
        "motivo",
        "motivo de consulta",
        "tipo de solicitud",
        "tipo de pedido",
        "tipo de trámite",
        "asunto",
        "service_name",
        "category",
    ),
    Field.description: (
        "descripción",
        "descripción del pedido",
        "detalle",
        "detalle del pedido",
        "observaciones",
        "obs",
        "comentarios",
        "pedido",
        "description",
    ),
    Field.status: ("estado", "estado actual", "situación", "status"),
    Field.closed_date: (
        "fecha cierre",
        "fecha de cierre",
        "fecha y hora de cierre",
        "fecha resolución",
        "fecha de resolución",
        "fecha de finalización",
        "closed",
        "closed_at",
    ),
    Field.closed_time: ("hora cierre", "hora de cierre"),
    # Also "dirección": a sheet with both "Domicilio" and "Dirección" means the department by
    # the second; alone, "Dirección" is the address (Field.address comes first in Field).
    # Not "responsable": in the hub that is the assignee, a person.
    Field.department: (
        "derivado a",
        "derivada a",
        "área",
        "área responsable",
        "área asignada",
        "dependencia",
        "dirección",
        "agency_responsible",
        "department",
    ),
    Field.channel: ("canal", "canal de ingreso", "vía de ingreso", "medio", "origen", "channel"),
    Field.source_id: (
        "id",
        "nro",
        "número",
        "n°",
        "expediente",
        "nro de expediente",
        "n° de expediente",
        "n° de trámite",
        "nro de trámite",
        "service_request_id",
        "ticket",
    ),
}

#: Headers of things the import does not take that score within a few points of a synonym:
#: an update is not a closing (Open311's updated_datetime), a birth date is not an intake date.
_NOT_FIELDS = frozenset(
    fold(header)
    for header in (
        "updated_datetime",
        "expected_datetime",
        "fecha de actualización",
        "fecha de modificación",
        "fecha de asignación",
        "fecha de derivación",
        "fecha de entrega",
        "fecha de nacimiento",
        "tipo de documento",
    )
)
#: How much a folded header may differ from a synonym and still be taken for it (rapidfuzz's
#: ratio, 0–100): "Telefno" and "Obsevaciones" pass, "Fecha (2)" and "Estado civil" do not.
_SIMILARITY = 85
#: Shorter headers are only taken when exact: one letter makes "Médico" 91% "medio".
_SHORTEST_MISSPELT = 7
#: Headers that, right after an address column, are its house number.
_BARE_NUMBERS = frozenset({"numero", "nro", "num", "n", "no"})


def _synonym_index() -> dict[str, set[Field]]:
    """Folded synonym → the fields it names (one, except "dirección")."""
    index: dict[str, set[Field]] = {}
    for field, names in SYNONYMS.items():
        for name in names:
            index.setdefault(fold(name), set()).add(field)
    return index


_FIELDS_BY_SYNONYM = _synonym_index()
_FIELDS_BY_COMPACT = {key.replace(" ", ""): fields for key, fields in _FIELDS_BY_SYNONYM.items()}
_SYNONYM_KEYS = list(_FIELDS_BY_SYNONYM)
_ORDER = {field: position for position, field in enumerate(Field)}


def suggest_mapping(headers: list[str]) -> dict[str, Field | None]:
    """Each header with the field it most likely fills, or None.

    A field goes to one header only: the best-scoring one, then the one with fewer other
    readings ("Domicilio" keeps the address from "Dirección", which then means the
    department), then the leftmost. A lone name column ("Nombre" without "Apellido") holds the
    full name.
    """
    options = [_options(header) for header in headers]
    _drop_street_numbers(headers, options)
    ranked = sorted(
        (-score, len(choices), position, _ORDER[field], field)
        for position, choices in enumerate(options)
        for field, score in choices.items()
    )
    chosen: dict[int, Field] = {}
    for _, _, position, _, field in ranked:
        if position not in chosen and field not in chosen.values():
            chosen[position] = field
    _lone_name_is_full_name(chosen)
    mapping: dict[str, Field | None] = {}
    for position, header in enumerate(headers):
        mapping.setdefault(header, chosen.get(position))
    return mapping


def _options(header: str) -> dict[Field, float]:
    """The fields a header may fill, scored: 100 for a synonym written any way (also without
    spaces: "FechaIngreso"), less for a near misspelling of one."""
    key = fold(header)
    if not key or key in _NOT_FIELDS:
        return {}
    exact = _FIELDS_BY_SYNONYM.get(key) or _FIELDS_BY_COMPACT.get(key.replace(" ", ""))
    if exact:
        return dict.fromkeys(exact, 100.0)
    if len(key) < _SHORTEST_MISSPELT:
        return {}
    scores: dict[Field, float] = {}
    for synonym, score, _ in process.extract(
        key, _SYNONYM_KEYS, scorer=fuzz.ratio, score_cutoff=_SIMILARITY, limit=None
    ):
        for field in _FIELDS_BY_SYNONYM[synonym]:
            scores[field] = max(score, scores.get(field, 0.0))
    return scores


def _drop_street_numbers(headers: list[str], options: list[dict[Field, float]]) -> None:
    """A bare "Número" right after "Calle" is the house's number. Taken for the request's own
    number, it would make every request at the same house number look like one already
    imported."""
    for position in range(1, len(headers)):
        if fold(headers[position]) in _BARE_NUMBERS and Field.address in options[position - 1]:
            options[position].pop(Field.source_id, None)


def _lone_name_is_full_name(chosen: dict[int, Field]) -> None:
    """A name column with no surname column beside it holds the whole name ("Ana Pérez"):
    read as a first name, every case of the sheet would lose its surname."""
    fields = set(chosen.values())
    if Field.first_name in fields and not fields & {Field.last_name, Field.full_name}:
        position = next(p for p, field in chosen.items() if field is Field.first_name)
        chosen[position] = Field.full_name
