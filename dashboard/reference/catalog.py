"""The hub's catalogue: channels, intake areas, departments, external actors, categories, SLAs.

This is reference data of the product, not demo data: a real installation starts from it and
an administrator adjusts it later. The demo seed adds only people and cases on top.
Weekly capacities here are the departments' nominal throughput in cases per week.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.domain import DepartmentKind, Priority

#: (code, name) in the order the intake forms list them.
CHANNELS: tuple[tuple[str, str], ...] = (
    ("whatsapp", "WhatsApp"),
    ("correo", "Correo electrónico"),
    ("presencial", "Presencial"),
    ("telefono", "Teléfono (línea 0800)"),
    ("web", "Formulario web"),
    ("chatbot", "Chatbot"),
    ("nota", "Nota / expediente"),
    ("despacho", "Despacho del ministro"),
)

#: The three doors requests come in through today.
INTAKE_AREAS: tuple[tuple[str, str], ...] = (
    ("ING-MOD", "Área de Modernización"),
    ("ING-GAB", "Coordinación de Gabinete"),
    ("ING-DES", "Mesa de Entradas del Despacho del Ministro"),
)


@dataclass(frozen=True)
class CategoryGroup:
    code: str
    name: str
    #: (code, name) of its categories.
    categories: tuple[tuple[str, str], ...]
    #: SLA target hours per priority, shared by the group's categories.
    sla_hours: dict[Priority, int]
    #: Codes of the internal departments that own this kind of request, most likely first.
    departments: tuple[str, ...]


def _sla(urgente: int, alta: int, media: int, baja: int) -> dict[Priority, int]:
    return {
        Priority.URGENTE: urgente,
        Priority.ALTA: alta,
        Priority.MEDIA: media,
        Priority.BAJA: baja,
    }


CATEGORY_GROUPS: tuple[CategoryGroup, ...] = (
    CategoryGroup(
        "alimentacion",
        "Alimentación",
        (
            ("alim-modulo", "Módulo alimentario"),
            ("alim-comedor", "Comedores y merenderos"),
            ("alim-tarjeta", "Tarjeta alimentaria"),
            ("alim-celiaquia", "Asistencia a celíacos"),
        ),
        _sla(48, 120, 240, 480),
        ("DIR-ALIM", "DIR-COMED", "DIR-SEGALI"),
    ),
    CategoryGroup(
        "habitat",
        "Hábitat y vivienda",
        (
            ("hab-materiales", "Materiales de construcción"),
            ("hab-mejoramiento", "Mejoramiento habitacional"),
            ("hab-servicios", "Acceso a servicios básicos"),
            ("hab-situacion-calle", "Situación de calle"),
        ),
        _sla(72, 240, 480, 720),
        ("DIR-HAB", "DIR-INFRASOC", "DIR-CALLE"),
    ),
    CategoryGroup(
        "emergencias",
        "Emergencias",
        (
            ("emer-inundacion", "Inundación"),
            ("emer-temporal", "Temporal"),
            ("emer-incendio", "Incendio"),
            ("emer-frio", "Operativo frío"),
        ),
        _sla(24, 48, 96, 168),
        ("DIR-EMER", "DIR-LOGIS"),
    ),
    CategoryGroup(
        "subsidios",
        "Subsidios y programas sociales",
        (
            ("sub-subsidio", "Subsidio personal"),
            ("sub-programa", "Alta en programa social"),
            ("sub-pago", "Reclamo de pago"),
            ("sub-economia", "Economía social y microcréditos"),
        ),
        _sla(96, 240, 480, 720),
        ("DIR-PROG", "DIR-SUBS", "DIR-ECOSOC"),
    ),
    CategoryGroup(
        "discapacidad",
        "Discapacidad",
        (
            ("dis-ayudas", "Ayudas técnicas"),
            ("dis-cud", "Certificado único de discapacidad"),
            ("dis-transporte", "Transporte"),
        ),
        _sla(72, 168, 360, 720),
        ("DIR-DISC",),
    ),
    CategoryGroup(
        "ninez",
        "Niñez y familia",
        (
            ("nin-proteccion", "Protección de derechos"),
            ("nin-cdi", "Centros de desarrollo infantil"),
            ("nin-familia", "Fortalecimiento familiar"),
        ),
        _sla(24, 72, 240, 480),
        ("DIR-NINEZ", "DIR-FAMILIA", "DIR-CDI"),
    ),
    CategoryGroup(
        "genero",
        "Género y diversidad",
        (
            ("gen-violencia", "Violencia por razones de género"),
            ("gen-acompanamiento", "Acompañamiento"),
            ("gen-diversidad", "Diversidad sexual"),
        ),
        _sla(24, 48, 168, 360),
        ("DIR-GENERO",),
    ),
    CategoryGroup(
        "documentacion",
        "Documentación y acceso a derechos",
        (
            ("doc-dni", "DNI y partidas"),
            ("doc-tramites", "Trámites previsionales"),
            ("doc-juridico", "Asesoramiento jurídico"),
        ),
        _sla(96, 240, 480, 720),
        ("DIR-DOC", "DIR-ACCESO"),
    ),
    CategoryGroup(
        "adultos",
        "Adultos mayores y juventudes",
        (
            ("adu-asistencia", "Asistencia a adultos mayores"),
            ("adu-hogares", "Hogares y residencias"),
            ("juv-programas", "Programas de juventudes"),
        ),
        _sla(72, 168, 360, 720),
        ("DIR-ADULTOS", "DIR-JUVENT"),
    ),
    CategoryGroup(
        "otros",
        "Otros",
        (
            ("otr-consulta", "Consulta general"),
            ("otr-reclamo", "Reclamo sobre la atención"),
            ("otr-institucional", "Pedido institucional"),
        ),
        _sla(96, 240, 480, 720),
        ("DIR-ATENC", "DIR-RELINST"),
    ),
)

#: (code, name, weekly capacity in cases): the ministry's internal departments.
INTERNAL_DEPARTMENTS: tuple[tuple[str, str, int], ...] = (
    ("DIR-ALIM", "Dirección de Asistencia Alimentaria", 420),
    ("DIR-COMED", "Dirección de Comedores Comunitarios", 160),
    ("DIR-SEGALI", "Dirección de Seguridad Alimentaria", 120),
    ("DIR-HAB", "Dirección de Hábitat y Vivienda Social", 170),
    ("DIR-INFRASOC", "Dirección de Infraestructura Social", 90),
    ("DIR-CALLE", "Dirección de Atención a Personas en Situación de Calle", 70),
    ("DIR-EMER", "Dirección de Emergencias Sociales", 80),
    ("DIR-LOGIS", "Dirección de Logística y Distribución", 90),
    ("DIR-PROG", "Dirección de Programas Sociales", 260),
    ("DIR-SUBS", "Dirección de Subsidios", 150),
    ("DIR-ECOSOC", "Dirección de Economía Social", 110),
    ("DIR-DISC", "Dirección de Políticas para Personas con Discapacidad", 110),
    ("DIR-NINEZ", "Dirección de Promoción y Protección de Derechos de Niñez", 120),
    ("DIR-FAMILIA", "Dirección de Fortalecimiento Familiar", 80),
    ("DIR-CDI", "Dirección de Centros de Desarrollo Infantil", 60),
    ("DIR-GENERO", "Dirección de Políticas de Género y Diversidad", 90),
    ("DIR-DOC", "Dirección de Documentación e Identidad", 120),
    ("DIR-ACCESO", "Dirección de Acceso a la Justicia y Derechos", 70),
    ("DIR-ADULTOS", "Dirección de Adultos Mayores", 90),
    ("DIR-JUVENT", "Dirección de Juventudes", 50),
    ("DIR-ATENC", "Dirección de Atención Ciudadana", 150),
    ("DIR-RELINST", "Dirección de Relaciones Institucionales", 60),
    ("DIR-LEGAL", "Dirección de Asuntos Legales", 60),
    ("DIR-ADMIN", "Dirección de Administración", 60),
    ("DIR-TERRIT", "Dirección de Abordaje Territorial", 120),
    ("DIR-CAPAC", "Dirección de Capacitación y Formación", 40),
    ("DEL-RI", "Delegación Región I (Bahía Blanca)", 60),
    ("DEL-RII", "Delegación Región II (Azul)", 50),
    ("DEL-RIII", "Delegación Región III (Junín)", 50),
    ("DEL-RIV", "Delegación Región IV (Pergamino)", 50),
    ("DEL-RV", "Delegación Región V (San Isidro)", 90),
    ("DEL-RVI", "Delegación Región VI (Lomas de Zamora)", 100),
    ("DEL-RVII", "Delegación Región VII (Morón)", 90),
    ("DEL-RVIII", "Delegación Región VIII (Mar del Plata)", 70),
    ("DEL-RIX", "Delegación Región IX (Olavarría)", 40),
    ("DEL-RX", "Delegación Región X (Chivilcoy)", 40),
    ("DEL-RXI", "Delegación Región XI (La Plata)", 90),
    ("DEL-RXII", "Delegación Región XII (La Matanza)", 110),
)

#: (code, name, kind): organisations outside the ministry that cases are referred to.
_MUNICIPAL_ACTORS = (
    "LA MATANZA",
    "LA PLATA",
    "GENERAL PUEYRREDON",
    "LOMAS DE ZAMORA",
    "QUILMES",
    "ALMIRANTE BROWN",
    "MERLO",
    "MORENO",
    "LANUS",
    "FLORENCIO VARELA",
    "GENERAL SAN MARTIN",
    "TIGRE",
    "AVELLANEDA",
    "TRES DE FEBRERO",
    "BERAZATEGUI",
    "MALVINAS ARGENTINAS",
    "ESCOBAR",
    "JOSE C PAZ",
    "PILAR",
    "ESTEBAN ECHEVERRIA",
    "BAHIA BLANCA",
    "MORON",
    "SAN MIGUEL",
    "EZEIZA",
    "LUJAN",
    "ENSENADA",
    "BERISSO",
    "TANDIL",
    "OLAVARRIA",
    "JUNIN",
    "PERGAMINO",
    "AZUL",
    "MERCEDES",
    "ZARATE",
    "CAMPANA",
)
#: Municipal actors are named after their partido; their ``clave`` links them to it.
MUNICIPAL_ACTOR_CLAVES: tuple[str, ...] = _MUNICIPAL_ACTORS

EXTERNAL_ACTORS: tuple[tuple[str, str, DepartmentKind], ...] = (
    ("ONG-CARITAS", "Cáritas Argentina", DepartmentKind.NGO),
    ("ONG-CRUZROJA", "Cruz Roja Argentina", DepartmentKind.NGO),
    ("ONG-BANCOALIM", "Red de Bancos de Alimentos", DepartmentKind.NGO),
    ("ONG-TECHO", "TECHO Argentina", DepartmentKind.NGO),
    ("ONG-COMEDORES", "Red de Comedores Comunitarios", DepartmentKind.NGO),
    ("ONG-HOGARES", "Federación de Hogares de Niñez", DepartmentKind.NGO),
    ("ONG-MUJERES", "Red de Mujeres Solidarias", DepartmentKind.NGO),
    ("ONG-DISC", "Asociación Civil Inclusión Plena", DepartmentKind.NGO),
    ("ONG-SCOUTS", "Scouts de Argentina", DepartmentKind.NGO),
    ("ONG-EJERCITO", "Ejército de Salvación", DepartmentKind.NGO),
    ("ONG-CLUBES", "Federación de Clubes de Barrio", DepartmentKind.NGO),
    ("NAC-ANSES", "ANSES", DepartmentKind.NATIONAL_AGENCY),
    ("NAC-RENAPER", "RENAPER", DepartmentKind.NATIONAL_AGENCY),
    ("NAC-PAMI", "PAMI", DepartmentKind.NATIONAL_AGENCY),
    ("NAC-CAPHUM", "Ministerio de Capital Humano de la Nación", DepartmentKind.NATIONAL_AGENCY),
    ("NAC-ANDIS", "Agencia Nacional de Discapacidad", DepartmentKind.NATIONAL_AGENCY),
    (
        "NAC-SENAF",
        "Secretaría Nacional de Niñez, Adolescencia y Familia",
        DepartmentKind.NATIONAL_AGENCY,
    ),
    ("NAC-ACUMAR", "ACUMAR", DepartmentKind.NATIONAL_AGENCY),
    ("NAC-DEFENSA", "Defensa Civil de la Nación", DepartmentKind.NATIONAL_AGENCY),
    ("PRO-SALUD", "Ministerio de Salud", DepartmentKind.PROVINCIAL_MINISTRY),
    ("PRO-DGCYE", "Dirección General de Cultura y Educación", DepartmentKind.PROVINCIAL_MINISTRY),
    ("PRO-SEGURIDAD", "Ministerio de Seguridad", DepartmentKind.PROVINCIAL_MINISTRY),
    ("PRO-TRABAJO", "Ministerio de Trabajo", DepartmentKind.PROVINCIAL_MINISTRY),
    (
        "PRO-INFRA",
        "Ministerio de Infraestructura y Servicios Públicos",
        DepartmentKind.PROVINCIAL_MINISTRY,
    ),
    (
        "PRO-HABITAT",
        "Ministerio de Hábitat y Desarrollo Urbano",
        DepartmentKind.PROVINCIAL_MINISTRY,
    ),
    ("PRO-MUJERES", "Ministerio de las Mujeres y Diversidad", DepartmentKind.PROVINCIAL_MINISTRY),
    (
        "PRO-JUSTICIA",
        "Ministerio de Justicia y Derechos Humanos",
        DepartmentKind.PROVINCIAL_MINISTRY,
    ),
    ("PRO-IOMA", "IOMA", DepartmentKind.PROVINCIAL_MINISTRY),
    ("PRO-DEFCIVIL", "Defensa Civil de la Provincia", DepartmentKind.PROVINCIAL_MINISTRY),
    ("PRO-REGCIVIL", "Registro de las Personas", DepartmentKind.PROVINCIAL_MINISTRY),
)

#: Which kinds of external actor each category group is most often referred to.
EXTERNAL_KIND_BY_GROUP: dict[str, tuple[DepartmentKind, ...]] = {
    "alimentacion": (DepartmentKind.NGO, DepartmentKind.MUNICIPALITY),
    "habitat": (DepartmentKind.MUNICIPALITY, DepartmentKind.PROVINCIAL_MINISTRY),
    "emergencias": (DepartmentKind.MUNICIPALITY, DepartmentKind.PROVINCIAL_MINISTRY),
    "subsidios": (DepartmentKind.NATIONAL_AGENCY, DepartmentKind.MUNICIPALITY),
    "discapacidad": (DepartmentKind.NATIONAL_AGENCY, DepartmentKind.PROVINCIAL_MINISTRY),
    "ninez": (DepartmentKind.PROVINCIAL_MINISTRY, DepartmentKind.NGO),
    "genero": (DepartmentKind.PROVINCIAL_MINISTRY, DepartmentKind.NGO),
    "documentacion": (DepartmentKind.NATIONAL_AGENCY, DepartmentKind.PROVINCIAL_MINISTRY),
    "adultos": (DepartmentKind.NATIONAL_AGENCY, DepartmentKind.MUNICIPALITY),
    "otros": (DepartmentKind.MUNICIPALITY, DepartmentKind.NGO),
}
