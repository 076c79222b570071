"""Every user-facing string, in Rioplatense Spanish (the default) and English.

Pages never hard-code text: they ask ``translate(key, lang)`` (through ``dashboard.ui.t``).
A missing key fails loudly in tests (``tests/test_i18n.py``) rather than showing a key.
"""

from __future__ import annotations

from typing import Final

LANGUAGES: Final = ("es", "en")
DEFAULT_LANGUAGE: Final = "es"

TEXTS: Final[dict[str, dict[str, str]]] = {
    # Shell
    "app.title": {
        "es": "Tablero de supervisión de solicitudes",
        "en": "Request supervision dashboard",
    },
    "app.ministry": {
        "es": "Ministerio de Desarrollo de la Comunidad · Provincia de Buenos Aires",
        "en": "Ministry of Community Development · Buenos Aires Province",
    },
    "app.language": {"es": "Idioma · Language", "en": "Idioma · Language"},
    "app.demo_database": {
        "es": "Base de demostración (datos ficticios)",
        "en": "Demo database (fictitious data)",
    },
    "nav.section.overview": {"es": "General", "en": "Overview"},
    "page.resumen": {"es": "Resumen", "en": "Summary"},
    # Database errors
    "db.unavailable.title": {
        "es": "No se puede conectar con la base de solicitudes.",
        "en": "The case database cannot be reached.",
    },
    "db.unavailable.body": {
        "es": (
            "Revisá que el servidor de base de datos esté en marcha y que `DATABASE_URL` "
            "(variable de entorno o `.streamlit/secrets.toml`) apunte a él. "
            "Dirección configurada: `{url}`. La página se recupera sola al volver la conexión: "
            "probá de nuevo en unos segundos."
        ),
        "en": (
            "Check that the database server is running and that `DATABASE_URL` "
            "(environment variable or `.streamlit/secrets.toml`) points to it. "
            "Configured address: `{url}`. The page recovers by itself once the connection is "
            "back: try again in a few seconds."
        ),
    },
    "db.retry": {"es": "Reintentar", "en": "Retry"},
    "db.schema_missing": {
        "es": (
            "La base `{url}` responde pero no tiene las tablas de solicitudes. "
            "Crealas con `make database` (o `alembic upgrade head`) y recargá la página."
        ),
        "en": (
            "The database `{url}` answers but has no case tables. "
            "Create them with `make database` (or `alembic upgrade head`) and reload the page."
        ),
    },
    # Filter bar
    "filters.title": {"es": "Filtros", "en": "Filters"},
    "filters.period": {"es": "Período", "en": "Period"},
    "filters.period.help": {
        "es": "Fechas de ingreso de las solicitudes (ambas inclusive).",
        "en": "Dates the cases were created (both inclusive).",
    },
    "filters.department": {"es": "Área / dirección", "en": "Department"},
    "filters.channel": {"es": "Canal", "en": "Channel"},
    "filters.category": {"es": "Categoría", "en": "Category"},
    "filters.municipality": {"es": "Partido", "en": "Municipality"},
    "filters.all": {"es": "Todos", "en": "All"},
    "filters.share": {
        "es": "Los filtros quedan en la dirección de la página: copiala para compartir esta vista.",
        "en": "Filters are kept in the page address: copy it to share this view.",
    },
    "filters.bad_period": {
        "es": "El período debe tener fecha de inicio y de fin; se usan los últimos 90 días.",
        "en": "The period needs a start and an end date; the last 90 days are used.",
    },
    # Resumen
    "resumen.caption": {
        "es": "Situación al {as_of} para los filtros elegidos.",
        "en": "Situation as of {as_of} for the chosen filters.",
    },
    "metric.open_cases": {"es": "Solicitudes abiertas", "en": "Open cases"},
    "metric.open_cases.def": {
        "es": (
            "Stock pendiente: ingresadas hasta el corte y no cerradas a esa fecha "
            "(estados nueva, asignada, en curso, derivada o en espera)."
        ),
        "en": (
            "Backlog: created up to the cut-off and not closed by then "
            "(new, assigned, in progress, referred or waiting)."
        ),
    },
    "metric.inflow_7d": {"es": "Ingresos últimos 7 días", "en": "Inflow, last 7 days"},
    "metric.inflow_7d.def": {
        "es": "Solicitudes creadas en los 7 días previos al corte.",
        "en": "Cases created in the 7 days before the cut-off.",
    },
    "metric.overdue": {"es": "Vencidas", "en": "Overdue"},
    "metric.overdue.def": {
        "es": "Abiertas al corte con la fecha límite (meta de atención) ya pasada.",
        "en": "Open at the cut-off with their target date already past.",
    },
    "chart.by_channel.title": {
        "es": "Solicitudes ingresadas por canal en el período",
        "en": "Cases created in the period, by channel",
    },
    "chart.by_channel.def": {
        "es": "Cantidad de solicitudes creadas en el período, según el canal por el que llegaron.",
        "en": "Number of cases created in the period, by the channel they came through.",
    },
    "chart.cases_axis": {"es": "Solicitudes (cantidad)", "en": "Cases (count)"},
    "chart.channel_axis": {"es": "Canal", "en": "Channel"},
    "chart.share": {"es": "Participación", "en": "Share"},
    "table.channel": {"es": "Canal", "en": "Channel"},
    "table.cases": {"es": "Solicitudes", "en": "Cases"},
    "empty.period": {
        "es": "No hay solicitudes para estos filtros.",
        "en": "There are no cases for these filters.",
    },
}


def translate(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for ``key`` in ``lang`` (Spanish when unknown), with ``values`` filled in."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def format_int(value: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """Thousands grouped the local way: 12.345 in Spanish, 12,345 in English."""
    grouped = f"{int(value):,}"
    return grouped.replace(",", ".") if lang == "es" else grouped


def format_percent(share: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A 0–1 share as a percentage with one decimal: 12,5 % in Spanish, 12.5% in English."""
    number = f"{share * 100:.1f}"
    return f"{number.replace('.', ',')} %" if lang == "es" else f"{number}%"
