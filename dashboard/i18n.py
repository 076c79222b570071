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
    "db.timeout.title": {
        "es": "La consulta tardó más de {seconds} s y se canceló. No se perdió nada.",
        "en": "The query took longer than {seconds} s and was cancelled. Nothing was lost.",
    },
    "db.timeout.body": {
        "es": (
            "Probá con un período más corto, menos áreas o un filtro más angosto, o reintentá "
            "en un momento si la base está ocupada."
        ),
        "en": (
            "Try a shorter period, fewer departments or a narrower filter, or retry in a "
            "moment if the database is busy."
        ),
    },
    # Plotly's own words on our charts, keyed "plotly.<the English text Plotly writes>": its tool
    # bar titles, its notices, and the Sankey's hover labels (``chart_locale``).
    "plotly.Autoscale": {"es": "Escala automática", "en": "Autoscale"},
    "plotly.Box Select": {"es": "Seleccionar con un rectángulo", "en": "Box Select"},
    "plotly.Lasso Select": {"es": "Seleccionar con lazo", "en": "Lasso Select"},
    "plotly.Compare data on hover": {
        "es": "Comparar datos al pasar el cursor",
        "en": "Compare data on hover",
    },
    "plotly.Show closest data on hover": {
        "es": "Mostrar el dato más cercano al pasar el cursor",
        "en": "Show closest data on hover",
    },
    "plotly.Toggle show closest data on hover": {
        "es": "Mostrar u ocultar el dato más cercano al pasar el cursor",
        "en": "Toggle show closest data on hover",
    },
    "plotly.Toggle Spike Lines": {
        "es": "Mostrar u ocultar las líneas guía",
        "en": "Toggle Spike Lines",
    },
    "plotly.Download plot as a PNG": {
        "es": "Descargar el gráfico como PNG",
        "en": "Download plot as a PNG",
    },
    "plotly.Download plot": {"es": "Descargar el gráfico", "en": "Download plot"},
    "plotly.Preparing image - this may take a few seconds": {
        "es": "Preparando la imagen: puede tardar unos segundos",
        "en": "Preparing image - this may take a few seconds",
    },
    "plotly.Image download succeeded": {
        "es": "Imagen descargada",
        "en": "Image download succeeded",
    },
    "plotly.Sorry, there was a problem downloading your image!": {
        "es": "No se pudo descargar la imagen.",
        "en": "Sorry, there was a problem downloading your image!",
    },
    "plotly.Pan": {"es": "Desplazar", "en": "Pan"},
    "plotly.Zoom": {"es": "Ampliar una zona", "en": "Zoom"},
    "plotly.Zoom in": {"es": "Acercar", "en": "Zoom in"},
    "plotly.Zoom out": {"es": "Alejar", "en": "Zoom out"},
    "plotly.Reset": {"es": "Restablecer", "en": "Reset"},
    "plotly.Reset axes": {"es": "Restablecer los ejes", "en": "Reset axes"},
    "plotly.Reset view": {"es": "Restablecer la vista", "en": "Reset view"},
    "plotly.Reset views": {"es": "Restablecer las vistas", "en": "Reset views"},
    "plotly.Double-click on legend to isolate one trace": {
        "es": "Hacé doble clic en la leyenda para ver una sola serie",
        "en": "Double-click on legend to isolate one trace",
    },
    "plotly.Double-click to zoom back out": {
        "es": "Hacé doble clic para volver a la vista completa",
        "en": "Double-click to zoom back out",
    },
    "plotly.incoming flow count:": {"es": "flujo entrante:", "en": "incoming flow count:"},
    "plotly.outgoing flow count:": {"es": "flujo saliente:", "en": "outgoing flow count:"},
    "plotly.source:": {"es": "origen:", "en": "source:"},
    "plotly.target:": {"es": "destino:", "en": "target:"},
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
    # Login
    "login.title": {"es": "Ingresar al tablero", "en": "Sign in to the dashboard"},
    "login.username": {"es": "Usuario", "en": "Username"},
    "login.password": {"es": "Contraseña", "en": "Password"},
    "login.submit": {"es": "Ingresar", "en": "Sign in"},
    "login.logout": {"es": "Cerrar sesión", "en": "Sign out"},
    "login.failed": {
        "es": (
            "No se pudo ingresar: revisá usuario y contraseña. Después de 5 intentos fallidos "
            "el usuario queda bloqueado 15 minutos."
        ),
        "en": (
            "Could not sign in: check username and password. After 5 failed attempts the "
            "user is locked for 15 minutes."
        ),
    },
    "login.cookie_key": {
        "es": "El tablero no puede arrancar sin una clave segura de sesión.",
        "en": "The dashboard cannot start without a safe session key.",
    },
    "login.demo_title": {
        "es": "Usuarios de demostración (solo en la base de demostración)",
        "en": "Demo users (only in the demo database)",
    },
    "login.signed_in_as": {
        "es": "Sesión de {name} · rol {role}",
        "en": "Signed in as {name} · role {role}",
    },
    "role.supervisor": {"es": "supervisión", "en": "supervisor"},
    "role.gabinete": {"es": "gabinete", "en": "minister's office"},
    "role.mesa": {"es": "mesa de trabajo", "en": "process task force"},
    "role.admin": {"es": "administración", "en": "administrator"},
    "role.ingreso": {"es": "ingreso", "en": "intake clerk"},
    "nav.section.admin": {"es": "Administración", "en": "Administration"},
    "page.solicitud": {"es": "Buscar solicitud", "en": "Find a case"},
    "page.usuarios": {"es": "Usuarios", "en": "Users"},
    "page.auditoria": {"es": "Auditoría", "en": "Audit log"},
    # Case lookup
    "solicitud.caption": {
        "es": "Buscá una solicitud por su código. Los datos personales se muestran enmascarados.",
        "en": "Find a case by its code. Personal data is shown masked.",
    },
    "solicitud.code": {"es": "Código de la solicitud", "en": "Case code"},
    "solicitud.not_found": {
        "es": "No hay una solicitud {code} a tu alcance.",
        "en": "There is no case {code} within your reach.",
    },
    "solicitud.personal": {"es": "Datos de la persona", "en": "Citizen's data"},
    "solicitud.masked_role": {
        "es": "Tu rol ve estos datos enmascarados (Ley 25.326 de protección de datos personales).",
        "en": "Your role sees this data masked (Law 25.326 on personal data protection).",
    },
    "solicitud.reason": {
        "es": "Motivo para ver los datos personales",
        "en": "Reason to see the personal data",
    },
    "solicitud.reason.help": {
        "es": "Queda registrado en la auditoría con tu usuario y la hora.",
        "en": "It is recorded in the audit log with your username and the time.",
    },
    "solicitud.reveal": {"es": "Ver datos personales", "en": "Show personal data"},
    "field.label": {"es": "Dato", "en": "Field"},
    "field.value": {"es": "Valor", "en": "Value"},
    "field.code": {"es": "Código", "en": "Code"},
    "field.status": {"es": "Estado", "en": "Status"},
    "field.priority": {"es": "Prioridad", "en": "Priority"},
    "field.category": {"es": "Categoría", "en": "Category"},
    "field.channel": {"es": "Canal", "en": "Channel"},
    "field.department": {"es": "Área a cargo", "en": "Owner department"},
    "field.partido": {"es": "Partido", "en": "Municipality"},
    "field.created_at": {"es": "Ingresó", "en": "Created"},
    "field.due_at": {"es": "Vence", "en": "Due"},
    "field.closed_at": {"es": "Cerrada", "en": "Closed"},
    "field.dni": {"es": "DNI", "en": "ID number (DNI)"},
    "field.citizen": {"es": "Nombre (iniciales)", "en": "Name (initials)"},
    "field.first_name": {"es": "Nombre", "en": "First name"},
    "field.last_name": {"es": "Apellido", "en": "Last name"},
    "field.phone": {"es": "Teléfono", "en": "Phone"},
    "field.email": {"es": "Correo electrónico", "en": "E-mail"},
    "field.address": {"es": "Domicilio", "en": "Address"},
    # Real data: cases with no partido or no identified citizen, figures that leave some out
    "partido.none": {"es": "Sin partido", "en": "No partido"},
    "citizen.anonymous": {"es": "Sin ciudadano identificado", "en": "No identified citizen"},
    "citizen.no_dni": {"es": "Sin DNI", "en": "No ID number"},
    "solicitud.anonymous": {
        "es": (
            "Esta solicitud no tiene ciudadano identificado (llegó sin DNI ni nombre): no hay "
            "datos personales para ver."
        ),
        "en": (
            "This case has no identified citizen (it came with no DNI and no name): there is no "
            "personal data to show."
        ),
    },
    "map.unplaced": {
        "es": (
            "Sin partido: {open} solicitudes abiertas y {inflow} ingresos del período no tienen "
            "partido (la planilla no lo dice, o nombra un lugar fuera de la provincia). No se "
            "dibujan en el mapa ni entran en las tasas cada 10.000 habitantes; sí en todos los "
            "totales."
        ),
        "en": (
            "No partido: {open} open cases and {inflow} cases received in the period have no "
            "partido (the sheet gives none, or names a place outside the province). They are "
            "not drawn on the map nor counted in the rates per 10,000 inhabitants; every total "
            "counts them."
        ),
    },
    "derivaciones.dwell.left_out": {
        "es": (
            "{stays} estadías no se cuentan: terminan antes de empezar (la solicitud figura "
            "cerrada antes de llegar a esa área)."
        ),
        "en": (
            "{stays} stays are not counted: they end before they start (the case is recorded "
            "as closed before it reached that department)."
        ),
    },
    "sobrecarga.spikes.unjudged": {
        "es": (
            "Sin historia suficiente: {departments} áreas y {partidos} partidos no se juzgan en "
            "alguna semana del período, porque su primera solicitud llegó menos de {weeks} "
            "semanas antes (sin historia, la mediana sería 0 y cualquier semana sería un pico)."
        ),
        "en": (
            "Not enough history: {departments} departments and {partidos} partidos are not "
            "judged in some week of the period, because their first case came less than "
            "{weeks} weeks before (with no history the median would be 0 and any week a spike)."
        ),
    },
    # Users
    "usuarios.action": {"es": "Qué querés hacer", "en": "What do you want to do"},
    "usuarios.create": {"es": "Crear usuario", "en": "Create user"},
    "usuarios.access": {"es": "Cambiar rol y áreas", "en": "Change role and departments"},
    "usuarios.password": {"es": "Restablecer contraseña", "en": "Reset password"},
    "usuarios.active": {"es": "Habilitar o deshabilitar", "en": "Enable or disable"},
    "usuarios.enabled": {"es": "Habilitado", "en": "Enabled"},
    "usuarios.disabled": {"es": "Deshabilitado", "en": "Disabled"},
    "usuarios.new_password": {"es": "Contraseña nueva", "en": "New password"},
    "usuarios.scope.help": {
        "es": "Solo para supervisión: las áreas cuyas solicitudes ve y mueve.",
        "en": "Supervisors only: the departments whose cases they see and move.",
    },
    "usuarios.scope.placeholder": {"es": "Elegí una o más áreas", "en": "Choose departments"},
    "usuarios.done": {
        "es": "Listo: el cambio quedó guardado y auditado.",
        "en": "Done: the change is saved and audited.",
    },
    "usuarios.col.username": {"es": "Usuario", "en": "Username"},
    "usuarios.col.display_name": {"es": "Nombre", "en": "Name"},
    "usuarios.col.email": {"es": "Correo", "en": "E-mail"},
    "usuarios.col.role": {"es": "Rol", "en": "Role"},
    "usuarios.col.active": {"es": "Habilitado", "en": "Enabled"},
    "usuarios.col.departments": {"es": "Áreas a cargo", "en": "Departments"},
    # Catalogue
    "page.catalogo": {"es": "Catálogo y metas", "en": "Catalogue and targets"},
    "catalogo.areas": {"es": "Áreas y capacidad", "en": "Departments and capacity"},
    "catalogo.metas": {"es": "Metas de atención", "en": "Service targets"},
    "catalogo.nueva": {"es": "Nueva categoría", "en": "New category"},
    "catalogo.save": {"es": "Guardar", "en": "Save"},
    "catalogo.capacity.placeholder": {
        "es": "Escribí la nueva capacidad semanal",
        "en": "Type the new weekly capacity",
    },
    "catalogo.capacity.current": {
        "es": "Capacidad actual de {department}: {capacity} solicitudes por semana.",
        "en": "Current capacity of {department}: {capacity} cases per week.",
    },
    "catalogo.capacity.none": {
        "es": "{department} todavía no tiene capacidad cargada.",
        "en": "{department} has no capacity set yet.",
    },
    "catalogo.create": {"es": "Crear categoría", "en": "Create category"},
    "catalogo.hours": {"es": "Meta (horas)", "en": "Target (hours)"},
    "catalogo.hours.help": {
        "es": "Horas desde el ingreso hasta el cierre que fija la fecha de vencimiento.",
        "en": "Hours from creation to closing that set the due date.",
    },
    "catalogo.col.name": {"es": "Área", "en": "Department"},
    "catalogo.col.weekly_capacity": {
        "es": "Capacidad semanal (solicitudes por semana)",
        "en": "Weekly capacity (cases per week)",
    },
    "catalogo.col.active": {"es": "Activa", "en": "Active"},
    "catalogo.col.staff": {"es": "Personal activo", "en": "Active staff"},
    "catalogo.col.group": {"es": "Grupo", "en": "Group"},
    "catalogo.col.id": {"es": "Id", "en": "Id"},
    "catalogo.col.code": {"es": "Código", "en": "Code"},
    "priority.urgente": {"es": "urgente", "en": "urgent"},
    "priority.alta": {"es": "alta", "en": "high"},
    "priority.media": {"es": "media", "en": "medium"},
    "priority.baja": {"es": "baja", "en": "low"},
    # Audit log
    "auditoria.caption": {
        "es": (
            "Cada escritura, exportación y vista de datos personales: quién, cuándo, qué y por qué."
        ),
        "en": "Every write, export and view of personal data: who, when, what and why.",
    },
    "auditoria.action": {"es": "Acción", "en": "Action"},
    "auditoria.page": {"es": "Página", "en": "Page"},
    "auditoria.total": {
        "es": "{total} registros en total; se muestran de a {size}.",
        "en": "{total} entries in all; shown {size} at a time.",
    },
    "auditoria.col.at": {"es": "Cuándo", "en": "When"},
    "auditoria.col.username": {"es": "Usuario", "en": "Username"},
    "auditoria.col.role": {"es": "Rol", "en": "Role"},
    "auditoria.col.action": {"es": "Acción", "en": "Action"},
    "auditoria.col.target": {"es": "Sobre qué", "en": "Target"},
    "auditoria.col.reason": {"es": "Motivo", "en": "Reason"},
    "auditoria.col.details": {
        "es": "Detalle (filtros, cambios)",
        "en": "Details (filters, changes)",
    },
    # Audit actions and their details in words (dashboard.audit_text)
    "audit.action.revelar_datos": {"es": "Vista de datos personales", "en": "Personal data viewed"},
    "audit.action.exportar": {"es": "Descarga de una tabla", "en": "Table downloaded"},
    "audit.action.crear_usuario": {"es": "Alta de usuario", "en": "User created"},
    "audit.action.cambiar_acceso": {
        "es": "Cambio de rol o áreas de un usuario",
        "en": "User's role or departments changed",
    },
    "audit.action.restablecer_contrasena": {
        "es": "Nueva contraseña de un usuario",
        "en": "User's password reset",
    },
    "audit.action.deshabilitar_usuario": {"es": "Usuario deshabilitado", "en": "User disabled"},
    "audit.action.habilitar_usuario": {"es": "Usuario habilitado", "en": "User enabled"},
    "audit.action.cerrar_sesion": {"es": "Cierre de sesión", "en": "Signed out"},
    "audit.action.cambiar_capacidad": {
        "es": "Cambio de capacidad de un área",
        "en": "Department capacity changed",
    },
    "audit.action.cambiar_meta": {
        "es": "Cambio de meta de atención",
        "en": "Service target changed",
    },
    "audit.action.crear_categoria": {"es": "Nueva categoría", "en": "Category created"},
    "audit.action.reasignar": {"es": "Reasignación de una solicitud", "en": "Case reassigned"},
    "audit.action.importar": {"es": "Importación de planilla", "en": "Spreadsheet imported"},
    "audit.action.guardar_mapeo": {
        "es": "Mapeo de columnas guardado",
        "en": "Column mapping saved",
    },
    "audit.action.deshacer_importacion": {"es": "Importación deshecha", "en": "Import undone"},
    "audit.action.unificar_duplicadas": {
        "es": "Unificación de duplicadas",
        "en": "Duplicates merged",
    },
    "audit.action.deshacer_unificacion": {"es": "Unificación deshecha", "en": "Merge undone"},
    "audit.action.no_duplicadas": {
        "es": "Marcadas como no duplicadas",
        "en": "Marked as not duplicates",
    },
    "audit.action.duplicadas_mas_tarde": {
        "es": "Posibles duplicadas para más tarde",
        "en": "Possible duplicates left for later",
    },
    "audit.yes": {"es": "sí", "en": "yes"},
    "audit.no": {"es": "no", "en": "no"},
    "audit.detail.filtros": {"es": "filtros", "en": "filters"},
    "audit.detail.filas": {"es": "filas", "en": "rows"},
    "audit.detail.formato": {"es": "formato", "en": "format"},
    "audit.detail.rol": {"es": "rol", "en": "role"},
    "audit.detail.areas": {"es": "áreas", "en": "departments"},
    "audit.detail.capacidad_semanal": {"es": "capacidad semanal", "en": "weekly capacity"},
    "audit.detail.activa": {"es": "activa", "en": "active"},
    "audit.detail.horas": {"es": "horas", "en": "hours"},
    "audit.detail.grupo": {"es": "grupo", "en": "group"},
    "audit.detail.metas": {"es": "metas (horas)", "en": "targets (hours)"},
    "audit.detail.de": {"es": "área de origen", "en": "from"},
    "audit.detail.a": {"es": "área de destino", "en": "to"},
    "audit.detail.motivo": {"es": "motivo", "en": "reason"},
    "audit.detail.lote": {"es": "lote", "en": "batch"},
    "audit.detail.importadas": {"es": "importadas", "en": "imported"},
    "audit.detail.ya_estaban": {"es": "ya estaban", "en": "already there"},
    "audit.detail.con_errores": {"es": "con errores", "en": "with errors"},
    "audit.detail.posibles_duplicadas": {"es": "posibles duplicadas", "en": "possible duplicates"},
    "audit.detail.area": {"es": "área", "en": "department"},
    "audit.detail.mapeo": {"es": "mapeo", "en": "mapping"},
    "audit.detail.anuladas": {"es": "anuladas", "en": "voided"},
    "audit.detail.par": {"es": "par", "en": "pair"},
    "audit.detail.sobreviviente": {"es": "queda", "en": "kept"},
    "audit.detail.otra": {"es": "otra solicitud", "en": "other case"},
    "audit.detail.date_from": {"es": "desde", "en": "from"},
    "audit.detail.date_to": {"es": "hasta", "en": "to"},
    "audit.detail.as_of": {"es": "corte", "en": "cut-off"},
    "audit.detail.department_ids": {"es": "áreas", "en": "departments"},
    "audit.detail.scope": {"es": "alcance (áreas)", "en": "scope (departments)"},
    "audit.detail.channel_ids": {"es": "canales", "en": "channels"},
    "audit.detail.category_ids": {"es": "categorías", "en": "categories"},
    "audit.detail.municipality_ids": {"es": "partidos", "en": "partidos"},
    # Export
    "export.csv": {"es": "Descargar CSV", "en": "Download CSV"},
    "export.xlsx": {"es": "Descargar Excel", "en": "Download Excel"},
    "export.help": {
        "es": "La descarga queda registrada en la auditoría con los filtros usados.",
        "en": "The download is recorded in the audit log with the filters used.",
    },
    # Filter bar
    "filters.title": {"es": "Filtros", "en": "Filters"},
    "filters.period": {"es": "Período", "en": "Period"},
    "filters.period.help": {
        "es": "Fechas de ingreso de las solicitudes (ambas inclusive).",
        "en": "Dates the cases were created (both inclusive).",
    },
    "filters.preset": {"es": "Períodos frecuentes", "en": "Common periods"},
    "periods.esta_semana": {"es": "Esta semana", "en": "This week"},
    "periods.semana_pasada": {"es": "Semana pasada", "en": "Last week"},
    "periods.este_mes": {"es": "Este mes", "en": "This month"},
    "periods.mes_pasado": {"es": "Mes pasado", "en": "Last month"},
    "periods.ultimos_90_dias": {"es": "Últimos 90 días", "en": "Last 90 days"},
    "periods.este_anio": {"es": "Este año", "en": "This year"},
    "periods.personalizado": {"es": "Personalizado", "en": "Custom"},
    "filters.department": {"es": "Área / dirección", "en": "Department"},
    "filters.channel": {"es": "Canal", "en": "Channel"},
    "filters.category": {"es": "Categoría", "en": "Category"},
    "filters.municipality": {"es": "Partido", "en": "Municipality"},
    "filters.all": {"es": "Todos", "en": "All"},
    # Every list's placeholder, also what a screen reader hears (Streamlit's is English).
    "form.choose": {"es": "Elegí una opción", "en": "Choose an option"},
    "filters.share": {
        "es": "Los filtros quedan en la dirección de la página: copiala para compartir esta vista.",
        "en": "Filters are kept in the page address: copy it to share this view.",
    },
    "filters.history_changed": {
        "es": (
            "La historia de este período cambió después del corte: el {when} se importaron "
            "{cases} solicitudes con fechas anteriores ({batches} lotes; el último, "
            "«{file}»). Las cifras ya las incluyen."
        ),
        "en": (
            "The history of this period changed after its cut-off: on {when}, {cases} cases "
            "dated before it were imported ({batches} batches; the latest, «{file}»). The "
            "figures include them."
        ),
    },
    "filters.bad_period": {
        "es": "El período debe tener fecha de inicio y de fin; se usan los últimos 90 días.",
        "en": "The period needs a start and an end date; the last 90 days are used.",
    },
    # Indicadores (queries/indicators.py: INDICATORS names these keys)
    "indicators.inflow": {"es": "Ingresos", "en": "Inflow"},
    "indicators.inflow.def": {
        "es": "Solicitudes creadas en el período.",
        "en": "Cases created in the period.",
    },
    "indicators.outflow": {"es": "Egresos", "en": "Outflow"},
    "indicators.outflow.def": {
        "es": "Pases de abierta a cerrada en el período, según el historial.",
        "en": "Moves from open to closed in the period, from the history.",
    },
    "indicators.backlog": {"es": "Stock pendiente al corte", "en": "Backlog at the cut-off"},
    "indicators.backlog.def": {
        "es": "Solicitudes abiertas al corte, según el estado que tenían en ese momento.",
        "en": "Cases open at the cut-off, by the state they were in at that moment.",
    },
    "indicators.clearance_rate": {"es": "Tasa de resolución", "en": "Clearance rate"},
    "indicators.clearance_rate.def": {
        "es": "Egresos ÷ ingresos del período; por encima de 100 % el stock baja.",
        "en": "Outflow ÷ inflow of the period; above 100% the backlog shrinks.",
    },
    "indicators.first_action_median_days": {
        "es": "Primera acción, mediana (días)",
        "en": "First action, median (days)",
    },
    "indicators.first_action_median_days.def": {
        "es": (
            "Días corridos desde el ingreso hasta la primera asignación, derivación o "
            "reasignación, de las ingresadas en el período (mediana). Las que no la tuvieron al "
            "corte cuentan como «al menos» hasta el corte (Kaplan–Meier)."
        ),
        "en": (
            "Calendar days from creation to the first assignment, referral or reassignment, for "
            "the cases created in the period (median). Those without it by the cut-off count as "
            "'at least' up to the cut-off (Kaplan–Meier)."
        ),
    },
    "indicators.first_action_p90_days": {
        "es": "Primera acción, percentil 90 (días)",
        "en": "First action, 90th percentile (days)",
    },
    "indicators.first_action_p90_days.def": {
        "es": (
            "Días corridos desde el ingreso hasta la primera asignación, derivación o "
            "reasignación, de las ingresadas en el período (percentil 90). Las que no la tuvieron "
            "al corte cuentan como «al menos» hasta el corte (Kaplan–Meier)."
        ),
        "en": (
            "Calendar days from creation to the first assignment, referral or reassignment, for "
            "the cases created in the period (90th percentile). Those without it by the cut-off "
            "count as 'at least' up to the cut-off (Kaplan–Meier)."
        ),
    },
    "indicators.first_action_median_business_days": {
        "es": "Primera acción, mediana (días hábiles)",
        "en": "First action, median (business days)",
    },
    "indicators.first_action_median_business_days.def": {
        "es": (
            "Días hábiles desde el ingreso hasta la primera asignación, derivación o reasignación, "
            "de las ingresadas en el período (mediana). Las que no la tuvieron al corte cuentan "
            "como «al menos» hasta el corte (Kaplan–Meier)."
        ),
        "en": (
            "Business days from creation to the first assignment, referral or reassignment, for "
            "the cases created in the period (median). Those without it by the cut-off count as "
            "'at least' up to the cut-off (Kaplan–Meier)."
        ),
    },
    "indicators.first_action_p90_business_days": {
        "es": "Primera acción, percentil 90 (días hábiles)",
        "en": "First action, 90th percentile (business days)",
    },
    "indicators.first_action_p90_business_days.def": {
        "es": (
            "Días hábiles desde el ingreso hasta la primera asignación, derivación o reasignación, "
            "de las ingresadas en el período (percentil 90). Las que no la tuvieron al corte "
            "cuentan como «al menos» hasta el corte (Kaplan–Meier)."
        ),
        "en": (
            "Business days from creation to the first assignment, referral or reassignment, for "
            "the cases created in the period (90th percentile). Those without it by the cut-off "
            "count as 'at least' up to the cut-off (Kaplan–Meier)."
        ),
    },
    "indicators.close_median_days": {
        "es": "Tiempo hasta el cierre, mediana (días)",
        "en": "Time to close, median (days)",
    },
    "indicators.close_median_days.def": {
        "es": (
            "Días corridos desde el ingreso hasta el primer cierre, de las ingresadas en el "
            "período (mediana). Las que seguían abiertas al corte cuentan como «al menos» hasta el "
            "corte (Kaplan–Meier)."
        ),
        "en": (
            "Calendar days from creation to the first closing, for the cases created in the period "
            "(median). Those without it by the cut-off count as 'at least' up to the cut-off "
            "(Kaplan–Meier)."
        ),
    },
    "indicators.close_p90_days": {
        "es": "Tiempo hasta el cierre, percentil 90 (días)",
        "en": "Time to close, 90th percentile (days)",
    },
    "indicators.close_p90_days.def": {
        "es": (
            "Días corridos desde el ingreso hasta el primer cierre, de las ingresadas en el "
            "período (percentil 90). Las que seguían abiertas al corte cuentan como «al menos» "
            "hasta el corte (Kaplan–Meier)."
        ),
        "en": (
            "Calendar days from creation to the first closing, for the cases created in the period "
            "(90th percentile). Those without it by the cut-off count as 'at least' up to the "
            "cut-off (Kaplan–Meier)."
        ),
    },
    "indicators.close_median_business_days": {
        "es": "Tiempo hasta el cierre, mediana (días hábiles)",
        "en": "Time to close, median (business days)",
    },
    "indicators.close_median_business_days.def": {
        "es": (
            "Días hábiles desde el ingreso hasta el primer cierre, de las ingresadas en el período "
            "(mediana). Las que seguían abiertas al corte cuentan como «al menos» hasta el corte "
            "(Kaplan–Meier)."
        ),
        "en": (
            "Business days from creation to the first closing, for the cases created in the period "
            "(median). Those without it by the cut-off count as 'at least' up to the cut-off "
            "(Kaplan–Meier)."
        ),
    },
    "indicators.close_p90_business_days": {
        "es": "Tiempo hasta el cierre, percentil 90 (días hábiles)",
        "en": "Time to close, 90th percentile (business days)",
    },
    "indicators.close_p90_business_days.def": {
        "es": (
            "Días hábiles desde el ingreso hasta el primer cierre, de las ingresadas en el período "
            "(percentil 90). Las que seguían abiertas al corte cuentan como «al menos» hasta el "
            "corte (Kaplan–Meier)."
        ),
        "en": (
            "Business days from creation to the first closing, for the cases created in the period "
            "(90th percentile). Those without it by the cut-off count as 'at least' up to the "
            "cut-off (Kaplan–Meier)."
        ),
    },
    "indicators.sla_compliance": {"es": "Cumplimiento del plazo", "en": "SLA compliance"},
    "indicators.sla_compliance.def": {
        "es": "Cierres del período hechos a más tardar en el plazo vigente entonces ÷ cierres.",
        "en": "Closings in the period on or before the due date valid then ÷ closings.",
    },
    "indicators.overdue_share": {"es": "Vencidas sobre abiertas", "en": "Overdue share"},
    "indicators.overdue_share.def": {
        "es": "Vencidas al corte ÷ abiertas al corte.",
        "en": "Overdue at the cut-off ÷ open at the cut-off.",
    },
    "indicators.reopen_rate": {"es": "Tasa de reapertura", "en": "Reopen rate"},
    "indicators.reopen_rate.def": {
        "es": (
            "De las ingresadas en el período y cerradas antes del corte, las reabiertas al menos "
            "una vez (deshacer una unificación no cuenta)."
        ),
        "en": (
            "Of the cases created in the period and closed before the cut-off, those reopened at "
            "least once (undoing a merge does not count)."
        ),
    },
    "indicators.referral_rate": {"es": "Tasa de derivación", "en": "Referral rate"},
    "indicators.referral_rate.def": {
        "es": (
            "Ingresadas en el período que pasaron de un área a otra antes del corte; la primera "
            "asignación desde el ingreso y los cambios dentro de un área no cuentan."
        ),
        "en": (
            "Cases created in the period that moved from one department to another before the "
            "cut-off; the first assignment from intake and moves within a department do not count."
        ),
    },
    "indicators.external_share": {
        "es": "Derivadas a actores externos",
        "en": "Referred to outside actors",
    },
    "indicators.external_share.def": {
        "es": (
            "Ingresadas en el período que pasaron por un municipio, una ONG, un organismo nacional "
            "u otro ministerio provincial antes del corte."
        ),
        "en": (
            "Cases created in the period that went to a municipality, an NGO, a national agency or "
            "another provincial ministry before the cut-off."
        ),
    },
    "indicators.duplicate_rate": {"es": "Tasa de duplicadas", "en": "Duplicate rate"},
    "indicators.duplicate_rate.def": {
        "es": "Ingresadas en el período unificadas como duplicadas de otra al corte ÷ ingresadas.",
        "en": "Cases created in the period merged as duplicates by the cut-off ÷ cases created.",
    },
    "indicators.more_than": {"es": "más de {days} días", "en": "more than {days} days"},
    "indicators.dimension.intake_area": {"es": "Área de ingreso", "en": "Intake area"},
    "indicators.dimension.channel": {"es": "Canal", "en": "Channel"},
    "indicators.dimension.department": {"es": "Área al corte", "en": "Department at the cut-off"},
    "indicators.dimension.category_group": {"es": "Grupo de categorías", "en": "Category group"},
    "indicators.dimension.partido": {"es": "Partido", "en": "Municipality"},
    "indicators.previous": {"es": "Período anterior", "en": "Previous period"},
    "indicators.year_earlier": {"es": "Un año antes", "en": "A year earlier"},
    # Indicadores, the page (pages/indicadores.py, dashboard/indicators_view.py)
    "page.indicadores": {"es": "Indicadores", "en": "Indicators"},
    "indicadores.page.caption": {
        "es": (
            "Ingresadas del {start} al {end}, con corte al {as_of}, para los filtros elegidos. "
            "Cada valor se compara con el período anterior de la misma duración y con las mismas "
            "fechas un año antes."
        ),
        "en": (
            "Cases created from {start} to {end}, cut off at {as_of}, for the chosen filters. "
            "Each value is compared with the previous period of the same length and with the "
            "same dates a year earlier."
        ),
    },
    "indicadores.page.group.flows": {
        "es": "Entradas, salidas y stock",
        "en": "Inflow, outflow and backlog",
    },
    "indicadores.page.group.first_action": {
        "es": "Espera hasta la primera acción",
        "en": "Wait for the first action",
    },
    "indicadores.page.group.close": {"es": "Espera hasta el cierre", "en": "Wait until closing"},
    "indicadores.page.group.quality": {
        "es": "Plazos, reaperturas y derivaciones",
        "en": "Deadlines, reopenings and referrals",
    },
    "indicadores.page.cards.note": {
        "es": (
            "▲ y ▼ dicen si el valor subió o bajó; «mejor» (verde) o «peor» (rojo) dicen si eso "
            "es bueno para ese indicador. La línea de cada tarjeta muestra los últimos 24 meses, "
            "un punto por mes."
        ),
        "en": (
            "▲ and ▼ say whether the value went up or down; 'better' (green) or 'worse' (red) "
            "say whether that is good for that indicator. Each card's line shows the last 24 "
            "months, one point a month."
        ),
    },
    "indicadores.page.unit.days": {"es": "{value} días", "en": "{value} days"},
    "indicadores.page.unit.business_days": {
        "es": "{value} días hábiles",
        "en": "{value} business days",
    },
    "indicadores.page.more_than.business_days": {
        "es": "más de {days} días hábiles",
        "en": "more than {days} business days",
    },
    "indicadores.page.more_than": {"es": "más de {value}", "en": "more than {value}"},
    "indicadores.page.card.median_days": {
        "es": "Mediana, días corridos",
        "en": "Median, calendar days",
    },
    "indicadores.page.card.p90_days": {
        "es": "Percentil 90, días corridos",
        "en": "90th percentile, calendar days",
    },
    "indicadores.page.card.median_business_days": {
        "es": "Mediana, días hábiles",
        "en": "Median, business days",
    },
    "indicadores.page.card.p90_business_days": {
        "es": "Percentil 90, días hábiles",
        "en": "90th percentile, business days",
    },
    "indicadores.page.series.floor": {
        "es": "al menos (la curva no llegó al corte)",
        "en": "at least (the curve did not get there by the cut-off)",
    },
    "indicadores.page.series.partial": {
        "es": "mes en curso, hasta el corte",
        "en": "current month, up to the cut-off",
    },
    "indicadores.page.points": {"es": "{value} p. p.", "en": "{value} pp"},
    "indicadores.page.vs.previous": {"es": "vs. período anterior", "en": "vs. previous period"},
    "indicadores.page.vs.year_earlier": {"es": "vs. un año antes", "en": "vs. a year earlier"},
    "indicadores.page.verdict.better": {"es": "mejor", "en": "better"},
    "indicadores.page.verdict.worse": {"es": "peor", "en": "worse"},
    "indicadores.page.verdict.same": {"es": "sin cambios", "en": "no change"},
    "indicadores.page.no_comparison": {"es": "sin dato para comparar", "en": "nothing to compare"},
    "indicadores.page.breakdown.title": {
        "es": "Cada indicador por grupo",
        "en": "Every indicator by group",
    },
    "indicadores.page.breakdown.dimension": {"es": "Abrir por", "en": "Break down by"},
    "indicadores.page.breakdown.indicator": {
        "es": "Indicador del gráfico",
        "en": "Indicator on the chart",
    },
    "indicadores.page.breakdown.chart_title": {
        "es": "{indicator}, por {dimension}",
        "en": "{indicator}, by {dimension}",
    },
    "indicadores.page.breakdown.def": {
        "es": (
            "Cada fila mide las solicitudes de ese grupo con las mismas reglas que las tarjetas; "
            "el área es la que tenía cada solicitud al corte. «—»: nada que medir, o una espera "
            "tan larga que la curva no llega a la mediana o al percentil 90 al corte."
        ),
        "en": (
            "Each row measures that group's cases with the same rules as the cards; the "
            "department is the one holding each case at the cut-off. '—': nothing to measure, "
            "or a wait so long that the curve does not reach the median or 90th percentile by "
            "the cut-off."
        ),
    },
    "indicadores.page.breakdown.top": {
        "es": (
            "El gráfico muestra los {shown} grupos con el valor más alto, de {total}; la tabla "
            "los muestra todos."
        ),
        "en": (
            "The chart shows the {shown} groups with the highest value, out of {total}; the "
            "table shows them all."
        ),
    },
    "indicadores.page.breakdown.no_values": {
        "es": "Ningún grupo tiene valor para este indicador en el período.",
        "en": "No group has a value for this indicator in the period.",
    },
    "indicadores.page.no_group": {"es": "Sin dato", "en": "Not recorded"},
    "indicadores.page.trend.title": {"es": "Evolución mensual", "en": "Monthly trend"},
    "indicadores.page.trend.indicator": {"es": "Indicador", "en": "Indicator"},
    "indicadores.page.trend.months": {"es": "Meses hasta el corte", "en": "Months to the cut-off"},
    "indicadores.page.trend.month_axis": {"es": "Mes", "en": "Month"},
    "indicadores.page.trend.def": {
        "es": (
            "Cada mes se mide como un período propio, con corte al fin del mes (el último, al "
            "corte elegido); se muestran los {months} meses hasta el corte aunque el período "
            "elegido sea más corto. {definition}"
        ),
        "en": (
            "Each month is measured as a period of its own, cut off at the month's end (the "
            "last one at the chosen cut-off); the {months} months up to the cut-off are shown "
            "even when the chosen period is shorter. {definition}"
        ),
    },
    "indicadores.page.axis.cases": {"es": "Solicitudes", "en": "Cases"},
    "indicadores.page.axis.share": {"es": "Porcentaje (%)", "en": "Share (%)"},
    "indicadores.page.axis.days": {"es": "Días corridos", "en": "Calendar days"},
    "indicadores.page.axis.business_days": {"es": "Días hábiles", "en": "Business days"},
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
        "es": (
            "Abiertas al corte con la fecha límite ya pasada. El plazo cuenta en días hábiles "
            "(sin fines de semana ni feriados nacionales) y se detiene mientras la solicitud "
            "está en espera del ciudadano o de un tercero."
        ),
        "en": (
            "Open at the cut-off and past their due date. The target counts business days "
            "(no weekends or national holidays) and stops while the case waits on the citizen "
            "or a third party."
        ),
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
    # Bandejas (queues), case detail and reassignment
    "nav.section.supervision": {"es": "Supervisión", "en": "Supervision"},
    "page.bandejas": {"es": "Bandejas", "en": "Queues"},
    "bandejas.caption": {
        "es": (
            "Solicitudes abiertas al {as_of} en las áreas de tus filtros. Una bandeja no tiene "
            "período: cuenta todo lo que sigue abierto, sin importar cuándo ingresó."
        ),
        "en": (
            "Cases open as of {as_of} in the departments of your filters. A queue has no "
            "period: it counts everything still open, whenever it came in."
        ),
    },
    "bandejas.empty": {
        "es": "No hay solicitudes abiertas para estos filtros.",
        "en": "No open cases for these filters.",
    },
    "metric.unassigned": {"es": "Sin responsable", "en": "Unassigned"},
    "metric.unassigned.def": {
        "es": "Abiertas al corte que ninguna persona del área tomó todavía.",
        "en": "Open at the cut-off and not yet taken by anyone in the department.",
    },
    "bandejas.chart.title": {
        "es": "Antigüedad de las solicitudes abiertas, {count} áreas con más pendientes",
        "en": "Age of open cases, the {count} departments with the most",
    },
    "bandejas.chart.def": {
        "es": (
            "Antigüedad: días corridos desde el ingreso hasta el corte. Cada barra suma las "
            "solicitudes abiertas del área; los tramos son los de la definición oficial."
        ),
        "en": (
            "Age: calendar days from creation to the cut-off. Each bar adds up the "
            "department's open cases; the bands are the official ones."
        ),
    },
    "chart.open_cases_axis": {
        "es": "Solicitudes abiertas (cantidad)",
        "en": "Open cases (count)",
    },
    "chart.department_axis": {"es": "Área", "en": "Department"},
    "age.0-2": {"es": "0 a 2 días", "en": "0–2 days"},
    "age.3-7": {"es": "3 a 7 días", "en": "3–7 days"},
    "age.8-30": {"es": "8 a 30 días", "en": "8–30 days"},
    "age.31-90": {"es": "31 a 90 días", "en": "31–90 days"},
    "age.90+": {"es": "Más de 90 días", "en": "Over 90 days"},
    "bandejas.by_department": {"es": "Por área", "en": "By department"},
    "bandejas.by_assignee": {"es": "Por responsable", "en": "By assignee"},
    "bandejas.unassigned": {"es": "(sin responsable)", "en": "(unassigned)"},
    "bandejas.tab.queue": {"es": "Bandeja", "en": "Queue"},
    "bandejas.tab.summary": {
        "es": "Resumen por área y responsable",
        "en": "Summary by department and assignee",
    },
    "bandejas.scope": {"es": "Ves: {departments}.", "en": "You see: {departments}."},
    "bandejas.scope.all": {
        "es": "Ves todas las áreas del ministerio.",
        "en": "You see every department of the ministry.",
    },
    "age.short.0-2": {"es": "0–2 d", "en": "0–2 d"},
    "age.short.3-7": {"es": "3–7 d", "en": "3–7 d"},
    "age.short.8-30": {"es": "8–30 d", "en": "8–30 d"},
    "age.short.31-90": {"es": "31–90 d", "en": "31–90 d"},
    "age.short.90+": {"es": "+90 d", "en": "90+ d"},
    "table.oldest.short": {"es": "Más antigua", "en": "Oldest"},
    "col.capacity.short": {"es": "Capacidad", "en": "Capacity"},
    "col.load.short": {"es": "Carga", "en": "Load"},
    "table.department": {"es": "Área", "en": "Department"},
    "table.assignee": {"es": "Responsable", "en": "Assignee"},
    "table.open": {"es": "Abiertas", "en": "Open"},
    "table.overdue": {"es": "Vencidas", "en": "Overdue"},
    "table.oldest": {"es": "Ingreso más antiguo", "en": "Oldest created"},
    "table.case": {"es": "Solicitud", "en": "Case"},
    "table.dni": {"es": "DNI", "en": "DNI"},
    "bandejas.col.due": {
        "es": "Fecha límite. ⚠: vencida (abierta con la fecha límite ya pasada).",
        "en": "Deadline. ⚠: overdue (open past its deadline).",
    },
    "col.weekly_capacity": {
        "es": "Capacidad (solicitudes por semana)",
        "en": "Capacity (cases per week)",
    },
    "col.load": {"es": "Carga (semanas)", "en": "Load (weeks)"},
    "col.load.def": {
        "es": (
            "Carga: solicitudes abiertas divididas por la capacidad semanal, o sea semanas de "
            "trabajo acumulado. Más de 1 es más de lo que el área o la persona resuelve en una "
            "semana."
        ),
        "en": (
            "Load: open cases divided by weekly capacity, i.e. weeks of work waiting. Above 1 "
            "is more than the department or person resolves in a week."
        ),
    },
    "bandejas.cases": {"es": "Solicitudes en bandeja", "en": "Cases in the queue"},
    "bandejas.status": {"es": "Estado", "en": "Status"},
    "bandejas.sort": {"es": "Orden", "en": "Order"},
    "bandejas.sort.due": {"es": "Vencimiento más próximo", "en": "Due soonest"},
    "bandejas.sort.oldest": {"es": "Más antiguas primero", "en": "Oldest first"},
    "bandejas.sort.newest": {"es": "Más nuevas primero", "en": "Newest first"},
    "bandejas.overdue_only": {"es": "Solo vencidas", "en": "Overdue only"},
    "bandejas.unassigned_only": {"es": "Solo sin responsable", "en": "Unassigned only"},
    "bandejas.search": {"es": "Buscar", "en": "Search"},
    "bandejas.search.dni": {
        "es": "Código de solicitud (MDC-2026-000123) o DNI del ciudadano, sin puntos.",
        "en": "Case code (MDC-2026-000123) or the citizen's ID number (DNI), no dots.",
    },
    "bandejas.search.code": {
        "es": "Código de solicitud (MDC-2026-000123). Tu rol no busca por DNI.",
        "en": "Case code (MDC-2026-000123). Your role does not search by ID number.",
    },
    "bandejas.no_cases": {
        "es": "Ninguna solicitud abierta cumple estos criterios.",
        "en": "No open case matches these criteria.",
    },
    "bandejas.showing": {
        "es": "Filas {first} a {last} de {total} solicitudes ({pages} páginas). "
        "Marcá filas para ver el detalle o reasignarlas.",
        "en": "Rows {first} to {last} of {total} cases ({pages} pages). "
        "Tick rows to see the detail or reassign them.",
    },
    "bandejas.page": {"es": "Página", "en": "Page"},
    "bandejas.detail": {"es": "Solicitud {code}", "en": "Case {code}"},
    "field.assignee": {"es": "Responsable", "en": "Assignee"},
    "status.nueva": {"es": "nueva", "en": "new"},
    "status.asignada": {"es": "asignada", "en": "assigned"},
    "status.en_curso": {"es": "en curso", "en": "in progress"},
    "status.derivada": {"es": "derivada", "en": "referred"},
    "status.en_espera": {"es": "en espera", "en": "waiting"},
    "status.resuelta": {"es": "resuelta", "en": "resolved"},
    "status.cerrada": {"es": "cerrada", "en": "closed"},
    "status.anulada": {"es": "anulada", "en": "void"},
    "status.duplicada": {"es": "duplicada", "en": "duplicate"},
    "event.creada": {"es": "ingreso", "en": "created"},
    "event.asignada": {"es": "asignación", "en": "assigned"},
    "event.cambio_estado": {"es": "cambio de estado", "en": "status change"},
    "event.derivada": {"es": "derivación", "en": "referral"},
    "event.reasignada": {"es": "reasignación", "en": "reassignment"},
    "event.nota": {"es": "nota", "en": "note"},
    "event.cerrada": {"es": "cierre", "en": "closed"},
    "event.reabierta": {"es": "reapertura", "en": "reopened"},
    "event.fusionada": {"es": "unificada como duplicada", "en": "merged as duplicate"},
    # Why two cases look like the same request (dashboard.duplicates.words.describe)
    "duplicates.reason.document.agree": {"es": "Mismo DNI/CUIL", "en": "Same DNI/CUIL"},
    "duplicates.reason.document.similar": {
        "es": "DNI/CUIL casi igual (un dígito distinto o cambiado de lugar)",
        "en": "Nearly the same DNI/CUIL (one digit wrong or swapped)",
    },
    "duplicates.reason.document.differ": {"es": "DNI/CUIL distinto", "en": "Different DNI/CUIL"},
    "duplicates.reason.document.missing": {
        "es": "Una de las dos no tiene DNI/CUIL",
        "en": "One of them has no DNI/CUIL",
    },
    "duplicates.reason.name.agree": {"es": "Mismo nombre", "en": "Same name"},
    "duplicates.reason.name.similar": {"es": "Nombre parecido", "en": "Similar name"},
    "duplicates.reason.name.differ": {"es": "Nombre distinto", "en": "Different name"},
    "duplicates.reason.name.missing": {
        "es": "Una de las dos no tiene nombre",
        "en": "One of them has no name",
    },
    "duplicates.reason.phone.agree": {"es": "Mismo teléfono", "en": "Same phone"},
    "duplicates.reason.phone.differ": {"es": "Teléfono distinto", "en": "Different phone"},
    "duplicates.reason.phone.missing": {
        "es": "Una de las dos no tiene teléfono",
        "en": "One of them has no phone",
    },
    "duplicates.reason.address.agree": {"es": "Mismo domicilio", "en": "Same address"},
    "duplicates.reason.address.similar": {"es": "Domicilio parecido", "en": "Similar address"},
    "duplicates.reason.address.differ": {"es": "Domicilio distinto", "en": "Different address"},
    "duplicates.reason.address.missing": {
        "es": "Una de las dos no tiene domicilio",
        "en": "One of them has no address",
    },
    "duplicates.reason.category.agree": {"es": "Misma categoría", "en": "Same category"},
    "duplicates.reason.category.similar": {
        "es": "Otra categoría del mismo grupo",
        "en": "Another category of the same group",
    },
    "duplicates.reason.category.differ": {
        "es": "Categorías de grupos distintos",
        "en": "Categories of different groups",
    },
    "duplicates.reason.days.same": {
        "es": "Ingresaron el mismo día",
        "en": "Received on the same day",
    },
    "duplicates.reason.days.one": {
        "es": "Ingresaron con {days} día de diferencia",
        "en": "Received {days} day apart",
    },
    "duplicates.reason.days.many": {
        "es": "Ingresaron con {days} días de diferencia",
        "en": "Received {days} days apart",
    },
    "department_kind.ingreso": {"es": "área de ingreso", "en": "intake area"},
    "department_kind.interna": {"es": "área del ministerio", "en": "ministry department"},
    "department_kind.municipio": {"es": "municipio", "en": "municipality"},
    "department_kind.ong": {"es": "ONG", "en": "NGO"},
    "department_kind.organismo_nacional": {"es": "organismo nacional", "en": "national agency"},
    "department_kind.ministerio_provincial": {
        "es": "otro ministerio provincial",
        "en": "other provincial ministry",
    },
    "reason.sobrecarga": {"es": "sobrecarga del área", "en": "department over capacity"},
    "reason.categoria_equivocada": {"es": "categoría equivocada", "en": "wrong category"},
    "reason.competencia_de_otra_area": {
        "es": "competencia de otra área",
        "en": "another department's competence",
    },
    "reason.ausencia": {"es": "ausencia del responsable", "en": "assignee absent"},
    "reason.otro": {"es": "otro motivo", "en": "other"},
    "case.path": {"es": "Recorrido por áreas", "en": "Path through departments"},
    "case.path.def": {
        "es": (
            "Cada paso empieza cuando la solicitud llega a un área (ingreso, asignación, "
            "derivación o reasignación) y termina con el paso siguiente o el cierre. Días "
            "corridos; el último paso de una solicitud abierta se mide hasta ahora."
        ),
        "en": (
            "Each step starts when the case reaches a department (intake, assignment, referral "
            "or reassignment) and ends with the next step or the closing. Calendar days; the "
            "last step of an open case is measured up to now."
        ),
    },
    "case.timeline": {"es": "Historial", "en": "History"},
    "case.col.department": {"es": "Área o actor", "en": "Department or actor"},
    "case.col.kind": {"es": "Tipo", "en": "Kind"},
    "case.col.entered_at": {"es": "Llegó", "en": "Arrived"},
    "case.col.left_at": {"es": "Salió", "en": "Left"},
    "case.col.days": {"es": "Días en el área", "en": "Days there"},
    "case.col.at": {"es": "Fecha", "en": "When"},
    "case.col.event": {"es": "Qué pasó", "en": "What"},
    "case.col.actor": {"es": "Quién", "en": "Who"},
    "case.col.from_department": {"es": "Desde", "en": "From"},
    "case.col.to_department": {"es": "Hacia", "en": "To"},
    "case.col.from_status": {"es": "Estado anterior", "en": "Previous status"},
    "case.col.to_status": {"es": "Estado nuevo", "en": "New status"},
    "case.col.reason": {"es": "Motivo", "en": "Reason"},
    "case.col.note": {"es": "Detalle", "en": "Details"},
    "reasignar.title": {
        "es": "Reasignar las solicitudes marcadas ({count})",
        "en": "Reassign the ticked cases ({count})",
    },
    "reasignar.target": {"es": "Área de destino", "en": "Target department"},
    "reasignar.target.mine": {"es": "{name} · tu área", "en": "{name} · your department"},
    "reasignar.target.placeholder": {
        "es": "Elegí un área o escribí parte de su nombre",
        "en": "Choose a department or type part of its name",
    },
    "reasignar.target.help": {
        "es": (
            "Primero tus áreas; después las direcciones y las delegaciones regionales, por "
            "nombre. Escribí parte del nombre para filtrar la lista."
        ),
        "en": (
            "Your departments first; then the directorates and the regional delegations, by "
            "name. Type part of a name to filter the list."
        ),
    },
    "reasignar.assignee": {"es": "Responsable (opcional)", "en": "Assignee (optional)"},
    "reasignar.assignee.help": {
        "es": (
            "Con responsable, la solicitud queda «asignada» a esa persona. Sin responsable, "
            "espera en la bandeja del área hasta que alguien la tome: queda «derivada» si "
            "cambia de área, o «asignada» al área si sigue en la misma."
        ),
        "en": (
            "With an assignee the case is «assigned» to that person. Without one it waits in "
            "the department's queue until someone takes it: «referred» if it changes "
            "department, or «assigned» to the department if it stays in the same one."
        ),
    },
    "reasignar.nobody": {
        "es": "Que la tome el área (sin responsable)",
        "en": "Left to the department (unassigned)",
    },
    "reasignar.reason": {"es": "Motivo", "en": "Reason"},
    "reasignar.note": {"es": "Explicación", "en": "Explanation"},
    "reasignar.note.help": {
        "es": "Obligatoria, al menos 10 caracteres: queda en el historial de cada solicitud.",
        "en": "Required, at least 10 characters: it goes into each case's history.",
    },
    "reasignar.preview": {"es": "Efecto en quien recibe", "en": "Effect on the receiver"},
    "reasignar.level.area": {"es": "Área", "en": "Department"},
    "reasignar.level.persona": {"es": "Persona", "en": "Person"},
    "reasignar.receiver": {"es": "{level}: {name}", "en": "{level}: {name}"},
    "reasignar.col.level": {"es": "Recibe", "en": "Receiver"},
    "reasignar.col.open": {"es": "Abiertas (hoy → después)", "en": "Open (now → after)"},
    "reasignar.col.capacity": {"es": "Capacidad por semana", "en": "Capacity a week"},
    "reasignar.col.load": {
        "es": "Carga en semanas (hoy → después)",
        "en": "Load in weeks (now → after)",
    },
    "reasignar.over_capacity": {
        "es": (
            "Con este cambio {name} queda con {after} solicitudes abiertas y su capacidad es "
            "de {capacity} por semana."
        ),
        "en": "After this move {name} holds {after} open cases; capacity is {capacity} a week.",
    },
    "reasignar.confirm": {"es": "Confirmar reasignación", "en": "Confirm reassignment"},
    "reasignar.result": {
        "es": "Se movieron {moved} de {total} solicitudes.",
        "en": "{moved} of {total} cases moved.",
    },
    "reasignar.moved": {"es": "Movida", "en": "Moved"},
    "reasignar.moved.yes": {"es": "sí", "en": "yes"},
    "reasignar.moved.no": {"es": "no", "en": "no"},
    "reasignar.detail": {"es": "Detalle", "en": "Details"},
    "reasignar.outcome.movida": {
        "es": "{code} pasó a {target}.",
        "en": "{code} moved to {target}.",
    },
    "reasignar.outcome.cambiada": {
        "es": "{code} no se movió: {change}",
        "en": "{code} was not moved: {change}",
    },
    "reasignar.outcome.cerrada": {
        "es": "{code} está cerrada: no se puede mover.",
        "en": "{code} is closed: it cannot be moved.",
    },
    "reasignar.outcome.fuera_de_alcance": {
        "es": "{code} no está entre las solicitudes de tus áreas.",
        "en": "{code} is not among your departments' cases.",
    },
    "reasignar.outcome.inexistente": {
        "es": "{code} no existe.",
        "en": "{code} does not exist.",
    },
    "seleccion.picked": {
        "es": "Marcaste {count}: {codes}.",
        "en": "You ticked {count}: {codes}.",
    },
    "seleccion.clear": {"es": "Desmarcar todas", "en": "Untick all"},
    "seleccion.drop_changed": {
        "es": "Desmarcar las que cambiaron",
        "en": "Untick the ones that changed",
    },
    "seleccion.change": {
        "es": (
            "cambió desde que la marcaste ({event} por {by} el {at}); ahora está en "
            "{department}, estado {status}."
        ),
        "en": (
            "changed since you ticked it ({event} by {by} on {at}); it is now in "
            "{department}, status {status}."
        ),
    },
    "seleccion.changed": {
        "es": "{code} {change} Si confirmás no se va a mover: volvé a marcarla para moverla igual.",
        "en": "{code} {change} Confirming will not move it: tick it again to move it anyway.",
    },
    "seleccion.gone": {
        "es": "{code} ya no se puede mover: no existe o no es de tus áreas.",
        "en": "{code} can no longer be moved: it does not exist or is not your departments'.",
    },
    "seleccion.by_system": {"es": "el sistema", "en": "the system"},
    "sla.on_time": {
        "es": "En plazo: vence el {due}, le quedan {time}.",
        "en": "On time: due {due}, {time} left.",
    },
    "sla.overdue": {
        "es": "Vencida: venció el {due}, hace {time}.",
        "en": "Overdue: it fell due on {due}, {time} ago.",
    },
    "sla.paused": {
        "es": "Plazo detenido: en espera desde el {paused}; al retomarse le quedan {time}.",
        "en": "Clock stopped: waiting since {paused}; {time} left once it resumes.",
    },
    "sla.met": {
        "es": "Cerrada dentro del plazo (vencía el {due}).",
        "en": "Closed within its target (due {due}).",
    },
    "sla.missed": {
        "es": "Cerrada fuera de plazo: {time} después del vencimiento ({due}).",
        "en": "Closed late: {time} after its due date ({due}).",
    },
    "sla.under_hour": {"es": "menos de una hora hábil", "en": "less than a business hour"},
    "sla.hour": {"es": "{count} hora hábil", "en": "{count} business hour"},
    "sla.hours": {"es": "{count} horas hábiles", "en": "{count} business hours"},
    "sla.day": {"es": "{count} día hábil", "en": "{count} business day"},
    "sla.days": {"es": "{count} días hábiles", "en": "{count} business days"},
    "sla.def": {
        "es": (
            "Plazo: la meta de su categoría y prioridad, en días hábiles (sin fines de semana "
            "ni feriados nacionales), detenida mientras la solicitud está en espera."
        ),
        "en": (
            "Target: the goal of its category and priority, in business days (no weekends or "
            "national holidays), stopped while the case is waiting."
        ),
    },
    # Pendientes por área (backlog by department)
    "page.pendientes": {"es": "Pendientes por área", "en": "Backlog by department"},
    "pendientes.caption": {
        "es": (
            "Ingresos, egresos y stock pendiente por semana (de lunes a domingo) en las áreas "
            "de tus filtros, desde la semana del primer día del período hasta el {as_of}."
        ),
        "en": (
            "Inflow, outflow and backlog per week (Monday to Sunday) in the departments of your "
            "filters, from the week of the period's first day up to {as_of}."
        ),
    },
    "metric.backlog_start": {"es": "Pendientes al inicio", "en": "Backlog at the start"},
    "metric.backlog_start.def": {
        "es": "Solicitudes abiertas cuando empezó la primera semana del período.",
        "en": "Cases open when the period's first week began.",
    },
    "metric.backlog_end": {"es": "Pendientes al corte", "en": "Backlog at the cut-off"},
    "metric.backlog_end.def": {
        "es": "Abiertas al corte: las del inicio más los ingresos menos los egresos.",
        "en": "Open at the cut-off: those at the start plus inflow minus outflow.",
    },
    "metric.backlog_growth": {"es": "Variación del stock", "en": "Change in backlog"},
    "metric.backlog_growth.def": {
        "es": "Pendientes al corte menos pendientes al inicio; positivo si el stock creció.",
        "en": "Backlog at the cut-off minus backlog at the start; positive if it grew.",
    },
    "metric.flow_ratio": {"es": "Ingresos / egresos", "en": "Inflow / outflow"},
    "metric.flow_ratio.def": {
        "es": (
            "Solicitudes creadas dividido cerradas en las semanas mostradas. Más de 1 significa "
            "que el stock crece."
        ),
        "en": (
            "Cases created divided by cases closed in the weeks shown. Above 1 the backlog grows."
        ),
    },
    "pendientes.series.inflow": {"es": "Ingresos", "en": "Inflow"},
    "pendientes.series.outflow": {"es": "Egresos", "en": "Outflow"},
    "pendientes.series.backlog": {"es": "Stock pendiente", "en": "Backlog"},
    "pendientes.chart.title": {
        "es": "Ingresos, egresos y stock pendiente por semana",
        "en": "Inflow, outflow and backlog per week",
    },
    "pendientes.chart.week_axis": {"es": "Semana (lunes)", "en": "Week (Monday)"},
    "pendientes.chart.flow_axis": {
        "es": "Ingresos y egresos (solicitudes por semana)",
        "en": "Inflow and outflow (cases per week)",
    },
    "pendientes.chart.backlog_axis": {
        "es": "Stock pendiente (solicitudes abiertas)",
        "en": "Backlog (open cases)",
    },
    "pendientes.chart.def": {
        "es": (
            "Ingresos: solicitudes creadas en la semana. Egresos: cerradas en la semana "
            "(resuelta, cerrada, anulada o duplicada). Stock: abiertas al terminar la semana, "
            "calculado como suma acumulada de ingresos menos egresos; la última semana puede "
            "estar en curso y se cuenta hasta el corte. Cada solicitud cuenta en el área que la "
            "tiene hoy."
        ),
        "en": (
            "Inflow: cases created in the week. Outflow: cases closed in it (resolved, closed, "
            "void or duplicate). Backlog: open at the end of the week, a running sum of inflow "
            "minus outflow; the last week may be running and counts up to the cut-off. Each "
            "case counts in the department that holds it today."
        ),
    },
    "pendientes.ranking": {
        "es": "Áreas según cuánto creció su stock",
        "en": "Departments by how much their backlog grew",
    },
    "pendientes.ranking.def": {
        "es": (
            "Ordenadas de mayor a menor crecimiento. Relación ingresos/egresos: más de 1 es "
            "stock en aumento; vacía si no hubo egresos. Elegí un área (la casilla de su fila) "
            "para abrir su bandeja con los mismos filtros."
        ),
        "en": (
            "Largest growth first. Inflow/outflow ratio: above 1 the backlog grows; empty when "
            "nothing went out. Pick a department (its row's box) to open its queue with the same "
            "filters."
        ),
    },
    "pendientes.ages": {
        "es": "Antigüedad de las solicitudes abiertas",
        "en": "Age of open cases",
    },
    "col.backlog_start": {"es": "Al inicio", "en": "At start"},
    "col.backlog_end": {"es": "Al corte", "en": "At cut-off"},
    "col.growth": {"es": "Variación", "en": "Change"},
    "col.growth_share": {"es": "Variación (%)", "en": "Change (%)"},
    "col.inflow": {"es": "Ingresos", "en": "Inflow"},
    "col.outflow": {"es": "Egresos", "en": "Outflow"},
    "col.ratio": {"es": "Ingresos / egresos", "en": "Inflow / outflow"},
    # Sobrecarga (overload hotspots)
    "nav.section.analysis": {"es": "Análisis", "en": "Analysis"},
    "page.sobrecarga": {"es": "Sobrecarga", "en": "Overload"},
    "sobrecarga.caption": {
        "es": (
            "Qué áreas están desbordadas y por qué, dónde saltó la demanda y cómo se reparte en "
            "la provincia, al {as_of} y para los filtros elegidos."
        ),
        "en": (
            "Which departments are overwhelmed and why, where demand jumped and how it spreads "
            "across the province, as of {as_of} for the chosen filters."
        ),
    },
    "metric.hot_departments": {"es": "Áreas en alerta", "en": "Departments on alert"},
    "metric.hot_departments.def": {
        "es": (
            "Áreas con al menos 10 abiertas y carga sobre su umbral confirmada por otra medida, "
            "o con más del doble del umbral de carga (tabla)."
        ),
        "en": (
            "Departments with at least 10 open cases whose load is past its threshold and "
            "confirmed by another measure, or more than twice the load threshold (table)."
        ),
    },
    "metric.over_capacity": {"es": "Sobre su capacidad", "en": "Over capacity"},
    "metric.over_capacity.def": {
        "es": "Áreas con más solicitudes abiertas que su capacidad de una semana (carga > 1).",
        "en": "Departments with more open cases than a week of capacity (load > 1).",
    },
    "metric.department_spikes": {"es": "Picos por área", "en": "Department spikes"},
    "metric.department_spikes.def": {
        "es": "Semanas del período en que los ingresos de un área saltaron sobre su base.",
        "en": "Weeks of the period in which a department's inflow jumped above its baseline.",
    },
    "metric.partido_spikes": {"es": "Picos por partido", "en": "Partido spikes"},
    "metric.partido_spikes.def": {
        "es": "Semanas del período en que los ingresos de un partido saltaron sobre su base.",
        "en": "Weeks of the period in which a partido's inflow jumped above its baseline.",
    },
    "sobrecarga.hotspots": {"es": "Áreas en alerta", "en": "Departments on alert"},
    "sobrecarga.hotspots.def": {
        "es": (
            "Umbrales: carga mayor que 2 (más de dos semanas de trabajo abiertas), "
            "ingresos/egresos de las últimas 4 semanas mayor que 1,1, más del 30 % de las "
            "abiertas vencidas, o un stock que en las últimas 4 semanas creció más de un cuarto "
            "de su capacidad semanal. Un área con al menos 10 abiertas entra en alerta cuando "
            "su carga pasa el umbral y otra medida lo confirma, o cuando su carga sola pasa el "
            "doble (más de 4 semanas): las otras medidas solas no alcanzan (en 4 semanas oscilan "
            "con una semana cargada), y con menos de 10 abiertas unas pocas atrasadas no dicen "
            'nada. "Motivos" lista las medidas '
            "excedidas de las áreas en alerta, de la más a la menos excedida. Orden: primero las "
            "áreas en alerta, por intensidad, la suma de log₂(medida ÷ umbral) de las medidas "
            "excedidas (el doble del umbral suma 1); después las demás, por carga. Solo áreas "
            "con capacidad registrada."
        ),
        "en": (
            "Thresholds: load above 2 (more than two weeks of work open), inflow/outflow over "
            "the last 4 weeks above 1.1, more than 30 % of the open cases overdue, or a backlog "
            "that grew in the last 4 weeks by more than a quarter of its weekly capacity. A "
            "department with at least 10 open cases is on alert when its load is past its "
            "threshold and another measure confirms it, or when its load alone is past twice "
            "the threshold (over 4 weeks): the other measures alone are not enough (over 4 "
            "weeks they swing with one busy week), and under 10 open cases a few late ones "
            'say nothing. "Reasons" lists '
            "the exceeded measures of the departments on alert, from most to least exceeded. "
            "Order: departments on alert first, by intensity, the sum of log₂(measure ÷ "
            "threshold) over the exceeded measures (twice the threshold adds 1); then the "
            "others, by load. Only departments with a recorded capacity."
        ),
    },
    "hot.carga": {"es": "carga", "en": "load"},
    "hot.ingresos": {"es": "ingresa más de lo que sale", "en": "more in than out"},
    "hot.vencidas": {"es": "vencidas", "en": "overdue"},
    "hot.crecimiento": {"es": "stock en aumento", "en": "growing backlog"},
    "col.reasons": {"es": "Motivos", "en": "Reasons"},
    "col.staff": {"es": "Personas", "en": "Staff"},
    "col.open_per_staff": {"es": "Abiertas por persona", "en": "Open per person"},
    "col.capacity_per_staff": {
        "es": "Capacidad por persona (por semana)",
        "en": "Capacity per person (per week)",
    },
    "col.overdue_share": {"es": "Vencidas (%)", "en": "Overdue (%)"},
    "col.recent_ratio": {"es": "Ingresos/egresos, 4 sem.", "en": "Inflow/outflow, 4 wk"},
    "col.recent_growth": {
        "es": "Crecimiento del stock, 4 sem. (semanas de capacidad)",
        "en": "Backlog growth, 4 wk (weeks of capacity)",
    },
    "sobrecarga.heatmap.title": {
        "es": "Ingresos sobre egresos por área y semana",
        "en": "Inflow over outflow by department and week",
    },
    "sobrecarga.heatmap.colorbar": {
        "es": "Ingresos / egresos (escala logarítmica)",
        "en": "Inflow / outflow (log scale)",
    },
    "sobrecarga.heatmap.hover": {
        "es": "{department}<br>Semana del %{{x|%d/%m/%Y}}<br>Ingresos / egresos: {ratio}<br>"
        "Ingresos: {inflow} · Egresos: {outflow}",
        "en": "{department}<br>Week of %{{x|%d/%m/%Y}}<br>Inflow / outflow: {ratio}<br>"
        "Inflow: {inflow} · Outflow: {outflow}",
    },
    "sobrecarga.heatmap.def": {
        "es": (
            "Cada celda: solicitudes creadas en la semana divididas por las cerradas, en las "
            "áreas de la tabla y en su orden. Rojo: entró más de lo que salió (el stock crece); "
            "azul: salió más; blanco: parejo. Semanas sin egresos pero con ingresos, en el rojo "
            "más oscuro; sin movimiento, en blanco. La escala se corta en 4 veces."
        ),
        "en": (
            "Each cell: cases created in the week divided by cases closed, for the departments "
            "of the table and in its order. Red: more came in than went out (backlog grows); "
            "blue: more went out; white: even. Weeks with inflow and no outflow are darkest red; "
            "weeks with neither are blank. The scale stops at 4 times."
        ),
    },
    "sobrecarga.map": {"es": "Mapa por partido", "en": "Map by partido"},
    "sobrecarga.map.measure": {"es": "Medida del mapa", "en": "Map measure"},
    "sobrecarga.map.title": {"es": "{measure}, por partido", "en": "{measure}, by partido"},
    "map.open_per_10k": {
        "es": "Abiertas cada 10.000 habitantes",
        "en": "Open cases per 10,000 inhabitants",
    },
    "map.open_per_10k.unit": {"es": "Abiertas / 10.000 hab.", "en": "Open / 10,000 inh."},
    "map.open_per_10k.def": {
        "es": "Solicitudes abiertas al corte del partido, por cada 10.000 habitantes.",
        "en": "Cases open at the cut-off in the partido, per 10,000 inhabitants.",
    },
    "map.inflow_per_10k": {
        "es": "Ingresos cada 10.000 habitantes",
        "en": "Inflow per 10,000 inhabitants",
    },
    "map.inflow_per_10k.unit": {"es": "Ingresos / 10.000 hab.", "en": "Inflow / 10,000 inh."},
    "map.inflow_per_10k.def": {
        "es": "Solicitudes creadas en el período en el partido, por cada 10.000 habitantes.",
        "en": "Cases created in the period in the partido, per 10,000 inhabitants.",
    },
    "map.overdue_share": {"es": "Vencidas sobre abiertas", "en": "Overdue share of open"},
    "map.overdue_share.unit": {"es": "Vencidas (% de abiertas)", "en": "Overdue (% of open)"},
    "map.overdue_share.def": {
        "es": "Vencidas al corte divididas por abiertas al corte; vacío si no hay abiertas.",
        "en": "Overdue at the cut-off divided by open at the cut-off; empty when none is open.",
    },
    "map.missing": {"es": "Sin datos para estos filtros", "en": "No data for these filters"},
    "map.inset": {"es": "Gran Buenos Aires (ampliado)", "en": "Greater Buenos Aires (enlarged)"},
    "map.sources": {
        "es": "Límites: IGN (simplificados). Población: INDEC, proyección 2025.",
        "en": "Boundaries: IGN (simplified). Population: INDEC, 2025 projection.",
    },
    "col.population": {"es": "Habitantes", "en": "Inhabitants"},
    "col.partido": {"es": "Partido", "en": "Partido"},
    "sobrecarga.spikes": {"es": "Picos de ingresos", "en": "Inflow spikes"},
    "sobrecarga.spikes.def": {
        "es": (
            "Un pico es una semana (lunes a domingo, ya terminada) en que los ingresos de un "
            "área o un partido superan la mediana de sus 8 semanas previas más 4 veces su "
            "dispersión (1,4826 × desvío absoluto mediano, nunca menos que la raíz de la "
            "mediana) y la superan en al menos 10 solicitudes. La semana en curso no se juzga, "
            "ni la de un área o partido cuya primera solicitud llegó menos de 8 semanas antes."
        ),
        "en": (
            "A spike is a week (Monday to Sunday, already over) in which a department's or "
            "partido's inflow exceeds the median of its previous 8 weeks plus 4 times their "
            "spread (1.4826 × median absolute deviation, never below the square root of the "
            "median), and exceeds the median by at least 10 cases. The running week is not "
            "judged, nor a week of a department or partido whose first case came less than 8 "
            "weeks before."
        ),
    },
    "sobrecarga.spikes.departments": {"es": "Por área", "en": "By department"},
    "sobrecarga.spikes.partidos": {"es": "Por partido", "en": "By partido"},
    "sobrecarga.spikes.none": {
        "es": "Ninguna semana del período superó su línea de base.",
        "en": "No week of the period went above its baseline.",
    },
    "col.week": {"es": "Semana (lunes)", "en": "Week (Monday)"},
    "col.baseline": {"es": "Mediana previa (8 sem.)", "en": "Previous median (8 wk)"},
    "col.threshold": {"es": "Umbral", "en": "Threshold"},
    "col.excess": {"es": "Exceso sobre la mediana", "en": "Excess over median"},
    "col.spike_ratio": {"es": "Veces la mediana", "en": "Times the median"},
    # Derivaciones (referral flows)
    "page.derivaciones": {"es": "Derivaciones", "en": "Referrals"},
    "derivaciones.caption": {
        "es": (
            "Cómo viajan entre áreas y actores externos las solicitudes creadas en el período, "
            "hasta el {as_of}: cuántas se derivan, cuántas vueltas dan y dónde rebotan."
        ),
        "en": (
            "How the cases created in the period travel between departments and outside "
            "actors, up to {as_of}: how many are referred, how many hops, where they bounce."
        ),
    },
    "metric.cohort": {"es": "Solicitudes del período", "en": "Cases of the period"},
    "metric.cohort.def": {
        "es": "Creadas en el período con los filtros elegidos: la base de esta página.",
        "en": "Created in the period with the chosen filters: the basis of this page.",
    },
    "metric.referral_rate": {"es": "Tasa de derivación", "en": "Referral rate"},
    "metric.referral_rate.def": {
        "es": "Solicitudes con al menos un salto (derivación o reasignación tras la 1.ª área).",
        "en": "Cases with at least one hop (referral or reassignment after the first department).",
    },
    "metric.mean_hops": {"es": "Saltos por solicitud", "en": "Hops per case"},
    "metric.mean_hops.def": {
        "es": "Promedio de traspasos después de la primera área, sobre todas las solicitudes.",
        "en": "Average handovers after the first department, over all cases.",
    },
    "metric.ping_pong": {"es": "Ida y vuelta", "en": "Ping-pong"},
    "metric.ping_pong.def": {
        "es": "Solicitudes que volvieron a un área o actor del que ya habían salido.",
        "en": "Cases that went back to a department or actor they had already left.",
    },
    "metric.many_hops": {"es": "3 saltos o más", "en": "3 hops or more"},
    "metric.many_hops.def": {
        "es": "Solicitudes con tres o más traspasos después de la primera área.",
        "en": "Cases with three or more handovers after the first department.",
    },
    "derivaciones.diagram": {"es": "Recorridos", "en": "Journeys"},
    "derivaciones.min_flow": {
        "es": "Flujo mínimo para dibujar un área aparte (solicitudes)",
        "en": "Smallest flow for a department to be drawn on its own (cases)",
    },
    "derivaciones.min_flow.help": {
        "es": (
            "En cada columna se dibujan aparte hasta {nodes} áreas, las que más solicitudes "
            'recibieron en ese paso; el resto se agrupa en "otras áreas" y "otros actores '
            'externos" para que el diagrama se lea.'
        ),
        "en": (
            "Each column draws up to {nodes} departments on their own, those that most cases "
            'reached at that step; the rest are grouped as "other departments" and "other '
            'outside actors" so the diagram stays readable.'
        ),
    },
    "node.otros": {"es": "Otras áreas", "en": "Other departments"},
    "node.otros_externos": {"es": "Otros actores externos", "en": "Other outside actors"},
    "node.legend.ingreso": {"es": "área de ingreso", "en": "intake area"},
    "node.legend.interna": {"es": "área del ministerio", "en": "ministry department"},
    "node.legend.external": {"es": "actor externo", "en": "outside actor"},
    "node.legend.otros": {"es": "otras áreas (agrupadas)", "en": "other departments (grouped)"},
    "node.legend.cerrada": {"es": "cerrada", "en": "closed"},
    "node.legend.abierta": {"es": "sigue abierta", "en": "still open"},
    "node.cerrada": {"es": "Cerrada", "en": "Closed"},
    "node.abierta": {"es": "Sigue abierta", "en": "Still open"},
    "derivaciones.diagram.title": {
        "es": "Área de ingreso → 1.ª área → 2.ª área → 3.ª o posterior → cierre",
        "en": "Intake area → 1st department → 2nd → 3rd or later → outcome",
    },
    "derivaciones.diagram.hover": {
        "es": "{source} → {target}<br>{cases} solicitudes",
        "en": "{source} → {target}<br>{cases} cases",
    },
    "derivaciones.diagram.def": {
        "es": (
            "Cada banda es la cantidad de solicitudes que pasó de un área (o actor externo) a "
            "la siguiente; las columnas son los pasos: ingreso, primera área, segunda, y dónde "
            "estaba al corte la que llegó a una tercera o más. Al final, si quedó cerrada o "
            "sigue abierta. Cada banda toma el color de su destino: gris oscuro, áreas de "
            "ingreso; azul, áreas del ministerio; naranja, actores externos (también "
            '"otros actores externos"); gris claro, otras áreas agrupadas; verde, cerrada; '
            "rojo, sigue abierta. Los nombres largos se acortan: el nombre completo aparece "
            "al pasar el mouse."
        ),
        "en": (
            "Each band is the number of cases that went from one department (or outside actor) "
            "to the next; the columns are the steps: intake, first department, second, and "
            "where a case that reached a third or more was at the cut-off. At the end, whether "
            "it was closed or is still open. Each band takes the colour of its destination: "
            "dark grey, intake areas; blue, ministry departments; orange, outside actors "
            '(also "other outside actors"); light grey, other departments grouped; green, '
            "closed; red, still open. Long names are shortened: hover for the full name."
        ),
    },
    "derivaciones.hops_label": {"es": "{hops} saltos", "en": "{hops} hops"},
    "derivaciones.hops_label.one": {"es": "1 salto", "en": "1 hop"},
    "derivaciones.hops.title": {
        "es": "Solicitudes según cantidad de saltos",
        "en": "Cases by number of hops",
    },
    "derivaciones.hops.def": {
        "es": (
            "Saltos: traspasos después de la primera área (derivaciones y reasignaciones a "
            "otra área); pasar del ingreso a la primera área no cuenta."
        ),
        "en": (
            "Hops: handovers after the first department (referrals and reassignments to "
            "another department); going from intake to the first department does not count."
        ),
    },
    "col.hops": {"es": "Saltos", "en": "Hops"},
    "col.referrals": {"es": "Derivaciones (cantidad)", "en": "Referrals (count)"},
    "col.destination_kind": {"es": "Destino", "en": "Destination"},
    "derivaciones.destinations.title": {
        "es": "A quién se deriva",
        "en": "Who receives the referrals",
    },
    "derivaciones.destinations.def": {
        "es": "Cada salto, según el tipo de área o actor que recibió la solicitud.",
        "en": "Each hop, by the kind of department or actor that received the case.",
    },
    "derivaciones.dwell": {"es": "Tiempo en cada área", "en": "Time in each department"},
    "derivaciones.dwell.def": {
        "es": (
            "Días corridos desde que la solicitud entra a un área hasta que pasa a otra o se "
            "cierra. Mediana y percentil 90 de las estadías ya terminadas al corte; las que "
            "siguen en curso se cuentan aparte (En curso, con la mediana de los días que "
            "llevan) y no entran en la mediana, así que en períodos recientes las esperas "
            "largas quedan subestimadas. Primero la espera más larga (mediana) entre las "
            "áreas con {stays} estadías terminadas o más; después las demás (un clic en una "
            "columna ordena por ella)."
        ),
        "en": (
            "Calendar days from when a case enters a department until it moves on or closes. "
            "Median and 90th percentile of the stays that had ended by the cut-off; those "
            "still running are counted apart (Running, with the median of their days so far) "
            "and are not in the median, so long waits are under-counted in recent periods. "
            "The longest median wait first among departments with {stays} ended stays or "
            "more; then the rest (click a column to sort by it)."
        ),
    },
    "col.kind": {"es": "Tipo", "en": "Kind"},
    "col.stays": {"es": "Estadías", "en": "Stays"},
    "col.median_days": {"es": "Mediana (días)", "en": "Median (days)"},
    "col.p90_days": {"es": "Percentil 90 (días)", "en": "90th percentile (days)"},
    "col.running_stays": {"es": "En curso", "en": "Running"},
    "col.running_days": {"es": "En curso: mediana (días)", "en": "Running: median (days)"},
    "derivaciones.flows": {"es": "Flujos principales", "en": "Main flows"},
    "derivaciones.flows.def": {
        "es": (
            "Pasos de un área o actor al siguiente. Solicitudes: distintas que hicieron ese "
            "paso al menos una vez; movimientos: cuántas veces se hizo; días hasta el paso: "
            "mediana desde que entró al origen hasta que entró al destino."
        ),
        "en": (
            "Moves from one department or actor to the next. Cases: distinct cases that made "
            "the move at least once; moves: how many times it was made; days to the move: "
            "median from entering the origin to entering the destination."
        ),
    },
    "col.origin": {"es": "Origen", "en": "From"},
    "col.destination": {"es": "Destino", "en": "To"},
    "col.moves": {"es": "Movimientos", "en": "Moves"},
    "col.next_step_days": {"es": "Días hasta el paso (mediana)", "en": "Days to the move (median)"},
    "derivaciones.cases": {"es": "Solicitudes", "en": "Cases"},
    "derivaciones.list": {"es": "Ver", "en": "Show"},
    "derivaciones.list.flujo": {"es": "Las de un flujo", "en": "A flow's cases"},
    "derivaciones.list.ida_y_vuelta": {"es": "Ida y vuelta", "en": "Ping-pong"},
    "derivaciones.list.muchos_saltos": {"es": "3 saltos o más", "en": "3 hops or more"},
    "derivaciones.origin": {"es": "Origen del flujo", "en": "Flow from"},
    "derivaciones.destination": {"es": "Destino del flujo", "en": "Flow to"},
    "derivaciones.flow_count": {
        "es": "Este flujo: {cases} solicitudes.",
        "en": "This flow: {cases} cases.",
    },
    "derivaciones.no_cases": {
        "es": "No hay solicitudes para mostrar con estos filtros.",
        "en": "There are no cases to show for these filters.",
    },
    "derivaciones.showing": {
        "es": "Filas {first} a {last} de {total} solicitudes ({pages} páginas). "
        "Marcá una fila para ver su detalle.",
        "en": "Rows {first} to {last} of {total} cases ({pages} pages). "
        "Tick a row to see its detail.",
    },
    # Importar planillas
    "page.importar": {"es": "Importar planillas", "en": "Import spreadsheets"},
    "nav.section.intake": {"es": "Ingreso de datos", "en": "Data intake"},
    "importar.caption": {
        "es": "Traé la planilla de tu área a la base compartida: primero ves exactamente qué va a "
        "pasar (filas a importar, errores, advertencias, las que ya estaban); nada se escribe "
        "hasta que confirmás, y una planilla importada dos veces no duplica nada.",
        "en": "Bring your area's spreadsheet into the shared base: first you see exactly what "
        "will happen (rows to import, errors, warnings, rows already there); nothing is written "
        "until you confirm, and a sheet imported twice duplicates nothing.",
    },
    "importar.no_area": {
        "es": "Tu usuario no tiene un área de ingreso asignada: pedísela a administración.",
        "en": "Your user has no intake area: ask an administrator.",
    },
    "importar.area": {"es": "Área de ingreso", "en": "Intake area"},
    "importar.file": {"es": "Planilla", "en": "Spreadsheet"},
    "importar.file.help": {
        "es": "Excel (.xlsx, .xls), OpenDocument (.ods), CSV o texto (separado por coma, punto "
        "y coma o tabulación) o requests.json de Open311; hasta {limit} MB. El archivo no se "
        "guarda en el servidor.",
        "en": "Excel (.xlsx, .xls), OpenDocument (.ods), CSV or text (comma, semicolon or tab "
        "separated) or Open311 requests.json; up to {limit} MB. The file is not kept on the "
        "server.",
    },
    "importar.sheet": {"es": "Hoja", "en": "Sheet"},
    "importar.reading": {"es": "Leyendo la planilla…", "en": "Reading the spreadsheet…"},
    "importar.read": {
        "es": "Leído como {kind}, hoja «{sheet}», encabezado en la fila {row}, codificación "
        "{encoding}.",
        "en": "Read as {kind}, sheet «{sheet}», header on row {row}, encoding {encoding}.",
    },
    "importar.mapping": {"es": "Qué trae cada columna", "en": "What each column holds"},
    "importar.ignored": {"es": "no importar", "en": "do not import"},
    "importar.col.header": {"es": "Columna de la planilla", "en": "Spreadsheet column"},
    "importar.col.field": {"es": "Campo", "en": "Field"},
    "importar.col.field.help": {
        "es": "Sugerido por el encabezado; cambialo si no corresponde. La fecha de ingreso es "
        "obligatoria.",
        "en": "Suggested from the header; change it if wrong. The intake date is required.",
    },
    "importar.col.example": {"es": "Ejemplo", "en": "Example"},
    "importar.to_import": {"es": "A importar", "en": "To import"},
    "importar.with_errors": {"es": "Con errores", "en": "With errors"},
    "importar.repeated": {"es": "Repetidas en el archivo", "en": "Repeated in the file"},
    "importar.already": {"es": "Ya importadas", "en": "Already imported"},
    "importar.warnings": {"es": "Advertencias", "en": "Warnings"},
    "importar.errors": {
        "es": "Filas con errores (no se importan)",
        "en": "Rows with errors (not imported)",
    },
    "importar.errors.download": {
        "es": "Descargar las filas con errores",
        "en": "Download the rows with errors",
    },
    "importar.col.row": {"es": "Fila", "en": "Row"},
    "importar.col.column": {"es": "Columna", "en": "Column"},
    "importar.col.value": {"es": "Valor", "en": "Value"},
    "importar.col.reason": {"es": "Motivo", "en": "Reason"},
    "importar.col.warning": {"es": "Advertencia", "en": "Warning"},
    "importar.col.rows": {"es": "Filas", "en": "Rows"},
    "importar.by_month": {
        "es": "Filas a importar por mes de ingreso",
        "en": "Rows to import by intake month",
    },
    "importar.col.month": {"es": "Mes", "en": "Month"},
    "importar.confirm": {"es": "Importar {count} solicitudes", "en": "Import {count} cases"},
    "importar.done": {
        "es": "Se importaron {count} solicitudes ({already} ya estaban).",
        "en": "{count} cases imported ({already} were already there).",
    },
    "importar.batches": {"es": "Importaciones del área", "en": "The area's imports"},
    "importar.no_batches": {"es": "Todavía no hay importaciones.", "en": "No imports yet."},
    "importar.batch.id": {"es": "Lote", "en": "Batch"},
    "importar.batch.area": {"es": "Área", "en": "Area"},
    "importar.batch.file_name": {"es": "Archivo", "en": "File"},
    "importar.batch.sheet": {"es": "Hoja", "en": "Sheet"},
    "importar.batch.username": {"es": "Usuario", "en": "User"},
    "importar.batch.imported_at": {"es": "Fecha", "en": "Date"},
    "importar.batch.rows_read": {"es": "Filas leídas", "en": "Rows read"},
    "importar.batch.rows_imported": {"es": "Importadas", "en": "Imported"},
    "importar.batch.rows_already": {"es": "Ya estaban", "en": "Already there"},
    "importar.batch.rows_with_errors": {"es": "Con errores", "en": "With errors"},
    "importar.batch.undone_at": {"es": "Deshecha", "en": "Undone"},
    "importar.batch.undo_reason": {"es": "Motivo", "en": "Reason"},
    "importar.undo": {"es": "Deshacer una importación", "en": "Undo an import"},
    "importar.undo.batch": {"es": "Lote", "en": "Batch"},
    "importar.undo.reason": {"es": "Motivo", "en": "Reason"},
    "importar.undo.help": {
        "es": "Al menos 10 caracteres. Sus solicitudes quedan anuladas (nada se borra) y las "
        "filas se pueden volver a importar.",
        "en": "At least 10 characters. Its cases become void (nothing is deleted) and the rows "
        "can be imported again.",
    },
    "importar.undo.confirm": {"es": "Deshacer la importación", "en": "Undo the import"},
    "importar.all_sheets": {
        "es": "Todas las hojas con estas columnas ({sheets})",
        "en": "Every sheet with these columns ({sheets})",
    },
    "importar.saved": {"es": "Mapeo guardado", "en": "Saved mapping"},
    "importar.saved.none": {"es": "ninguno (sugerido)", "en": "none (suggested)"},
    "importar.saved.help": {
        "es": "Se elige solo el mapeo guardado del área que conoce más columnas de esta "
        "planilla; elegí otro o ninguno si no corresponde.",
        "en": "The area's saved mapping that knows most of this sheet's columns is chosen by "
        "itself; pick another or none if it does not fit.",
    },
    "importar.example": {"es": "Por ejemplo: {value}", "en": "For example: {value}"},
    "importar.values": {"es": "Valores sin equivalencia", "en": "Values with no match"},
    "importar.values.caption": {
        "es": "Valores de la planilla que no coinciden con el catálogo: elegí una vez a qué "
        "equivalen (se guardan con el mapeo).",
        "en": "Values in the sheet that match nothing in the catalogue: choose once what "
        "they mean (they are saved with the mapping).",
    },
    "importar.values.label": {
        "es": "«{value}» ({rows} filas)",
        "en": "“{value}” ({rows} rows)",
    },
    "importar.values.none.category": {
        "es": "sin equivalencia: «sin clasificar»",
        "en": "no match: “unclassified”",
    },
    "importar.values.none.department": {
        "es": "sin equivalencia: queda en el área de ingreso",
        "en": "no match: stays at the intake area",
    },
    "importar.values.none.channel": {
        "es": "sin equivalencia: presencial",
        "en": "no match: in person",
    },
    "importar.values.none.status": {
        "es": "sin equivalencia: la fila no se importa",
        "en": "no match: the row is not imported",
    },
    "importar.save": {"es": "Guardar el mapeo", "en": "Save the mapping"},
    "importar.save.name": {"es": "Nombre del mapeo", "en": "Mapping name"},
    "importar.save.help": {
        "es": "Columnas y equivalencias de valores, para que la próxima planilla de esta "
        "fuente se mapee sola. Con un nombre que ya existe, lo reemplaza.",
        "en": "Columns and value equivalences, so the next sheet from this source maps "
        "itself. A name that exists is replaced.",
    },
    "importar.movements": {"es": "Líneas de movimiento", "en": "Movement lines"},
    "importar.movements.help": {
        "es": "Filas que cuentan un pase o un cambio de estado de una solicitud de más "
        "arriba: se importan como su historia ({cases} solicitudes).",
        "en": "Rows that tell a referral or a status change of a case above them: they are "
        "imported as its history ({cases} cases).",
    },
    "importar.movements.already": {
        "es": "{lines} líneas de movimiento son de solicitudes ya importadas: no se vuelven "
        "a aplicar (registrá los pases nuevos en el tablero).",
        "en": "{lines} movement lines belong to cases already imported: they are not applied "
        "again (record new referrals in the dashboard).",
    },
    "importar.probable_duplicates": {
        "es": "{rows} probablemente ya están en la base (posibles duplicados): al importarlas "
        "quedan propuestas en Duplicados para que las revises.",
        "en": "{rows} are probably already in the base (possible duplicates): once imported "
        "they are proposed in Duplicates for you to review.",
    },
    "importar.by_category": {"es": "Por categoría", "en": "By category"},
    "importar.by_partido": {"es": "Por partido", "en": "By partido"},
    "importar.col.category": {"es": "Categoría", "en": "Category"},
    "importar.col.partido": {"es": "Partido", "en": "Partido"},
    "importar.col.sheet": {"es": "Hoja", "en": "Sheet"},
    "importar.errors.download.help": {
        "es": "Una planilla con esas filas tal como venían y qué corregir en cada una: "
        "corregila y volvé a subirla (lo ya importado no se repite).",
        "en": "A sheet with those rows as they came and what to fix in each: fix it and "
        "upload it again (what was imported is not repeated).",
    },
    "importar.progress.reading": {"es": "Leyendo el archivo…", "en": "Reading the file…"},
    "importar.progress.checking": {"es": "Revisando las filas…", "en": "Checking the rows…"},
    "importar.progress.writing": {
        "es": "Escribiendo las solicitudes…",
        "en": "Writing the cases…",
    },
    # Duplicados: the same request from two doors, reviewed pair by pair
    "page.duplicados": {"es": "Duplicados", "en": "Duplicates"},
    "duplicados.caption": {
        "es": (
            "Solicitudes que probablemente son el mismo pedido de la misma persona, cargado por "
            "dos puertas. Compará cada par y decidí: unificar, no es duplicado o más tarde. Los "
            "datos personales se muestran enmascarados."
        ),
        "en": (
            "Cases that are probably the same request of the same person, logged by two doors. "
            "Compare each pair and decide: merge, not a duplicate, or later. Personal data is "
            "shown masked."
        ),
    },
    "metric.duplicates_pending": {"es": "Pares pendientes", "en": "Pending pairs"},
    "metric.duplicates_pending.def": {
        "es": "Pares a tu alcance que nadie revisó todavía.",
        "en": "Pairs within your reach that nobody has reviewed yet.",
    },
    "metric.duplicates_later": {"es": "Para más tarde", "en": "Left for later"},
    "metric.duplicates_later.def": {
        "es": "Pares que alguien miró y dejó para decidir después.",
        "en": "Pairs someone looked at and left to decide later.",
    },
    "metric.duplicates_merged": {"es": "Unificados", "en": "Merged"},
    "metric.duplicates_merged.def": {
        "es": "Pares unificados: una solicitud quedó como duplicada de la otra.",
        "en": "Merged pairs: one case became a duplicate of the other.",
    },
    "metric.duplicates_not_duplicate": {"es": "No duplicados", "en": "Not duplicates"},
    "metric.duplicates_not_duplicate.def": {
        "es": "Pares descartados: no se vuelven a proponer.",
        "en": "Pairs ruled out: never proposed again.",
    },
    "duplicados.queue": {"es": "Pares a revisar", "en": "Pairs to review"},
    "duplicados.include_later": {
        "es": "Incluir los dejados para más tarde",
        "en": "Include those left for later",
    },
    "duplicados.page": {"es": "Página (de {pages})", "en": "Page (of {pages})"},
    "duplicados.empty": {
        "es": "No hay pares para revisar a tu alcance.",
        "en": "There are no pairs to review within your reach.",
    },
    "duplicados.queue.def": {
        "es": (
            "Los pendientes primero, del puntaje más alto al más bajo; después, si se piden, "
            "los dejados para más tarde. Puerta: área de ingreso y canal."
        ),
        "en": (
            "Pending pairs first, highest score first; then, if asked for, those left for "
            "later. Door: intake area and channel."
        ),
    },
    "duplicados.decision.pendiente": {"es": "pendiente", "en": "pending"},
    "duplicados.decision.mas_tarde": {"es": "para más tarde", "en": "left for later"},
    "duplicados.decision.fusionada": {"es": "unificadas", "en": "merged"},
    "duplicados.decision.no_duplicado": {"es": "no es duplicado", "en": "not a duplicate"},
    "duplicados.col.score": {"es": "Puntaje", "en": "Score"},
    "duplicados.col.code": {"es": "Solicitud {side}", "en": "Case {side}"},
    "duplicados.col.door": {"es": "Puerta {side}", "en": "Door {side}"},
    "duplicados.col.category": {"es": "Categoría", "en": "Category"},
    "duplicados.col.created_at": {"es": "Ingresó {side}", "en": "Created {side}"},
    "duplicados.col.status": {"es": "Estado", "en": "Status"},
    "duplicados.col.both": {
        "es": "El de ambas solicitudes, o «A / B» cuando difieren.",
        "en": "Both cases' value, or “A / B” when they differ.",
    },
    "duplicados.col.days_apart": {"es": "Días", "en": "Days"},
    "duplicados.col.days_apart.help": {
        "es": "Días entre el ingreso de una y el de la otra.",
        "en": "Days between the two cases' creation.",
    },
    "duplicados.col.decision": {"es": "Revisión", "en": "Review"},
    "duplicados.col.agree": {"es": "¿Coinciden?", "en": "Same?"},
    "duplicados.choose": {"es": "Par a revisar", "en": "Pair to review"},
    "duplicados.pair": {
        "es": "{a} y {b} · puntaje {score}",
        "en": "{a} and {b} · score {score}",
    },
    "duplicados.pair.current": {
        "es": "Par {pair} (ya no está en la cola)",
        "en": "Pair {pair} (no longer in the queue)",
    },
    "duplicados.pair.title": {"es": "Las dos solicitudes", "en": "The two cases"},
    "duplicados.gone": {
        "es": "Ese par ya no está a tu alcance.",
        "en": "That pair is no longer within your reach.",
    },
    "duplicados.score": {"es": "Puntaje", "en": "Score"},
    "duplicados.score.def": {
        "es": "De 0 a 100: cuánto de lo comparado indica que es el mismo pedido.",
        "en": "0 to 100: how much of what was compared points to the same request.",
    },
    "duplicados.why": {"es": "Por qué se parecen", "en": "Why they look alike"},
    "duplicados.why.none": {
        "es": "Sin detalle de la comparación.",
        "en": "No detail of the comparison.",
    },
    "duplicados.agrees": {"es": "sí", "en": "yes"},
    "duplicados.differs": {"es": "no", "en": "no"},
    "duplicados.side_by_side.def": {
        "es": (
            "En rojo, lo que difiere entre las dos. DNI, teléfono, correo y domicilio se "
            "comparan completos en la base aunque se vean enmascarados."
        ),
        "en": (
            "In red, what differs between the two. DNI, phone, e-mail and address are compared "
            "in full in the database even though they are shown masked."
        ),
    },
    "field.intake_area": {"es": "Área de ingreso", "en": "Intake area"},
    "field.category_group": {"es": "Grupo de categoría", "en": "Category group"},
    "field.duplicate_of": {"es": "Duplicada de", "en": "Duplicate of"},
    "duplicados.reveal": {
        "es": "Ver los datos personales de una de las dos",
        "en": "Show the personal data of one of the two",
    },
    "duplicados.reveal.case": {"es": "Solicitud", "en": "Case"},
    "duplicados.decided.fusionada": {
        "es": "{by} las unificó el {at}: queda {survivor}.",
        "en": "{by} merged them on {at}: {survivor} remains.",
    },
    "duplicados.decided.no_duplicado": {
        "es": "{by} decidió el {at} que no son duplicadas.",
        "en": "{by} decided on {at} that they are not duplicates.",
    },
    "duplicados.decided.mas_tarde": {
        "es": "{by} lo dejó para más tarde el {at}.",
        "en": "{by} left it for later on {at}.",
    },
    "duplicados.survivor": {"es": "Si se unifican, queda", "en": "If merged, keep"},
    "duplicados.merge": {"es": "Unificar…", "en": "Merge…"},
    "duplicados.not_duplicate": {"es": "No es duplicado", "en": "Not a duplicate"},
    "duplicados.later": {"es": "Decidir más tarde", "en": "Decide later"},
    "duplicados.confirm.text": {
        "es": (
            "{duplicate} va a quedar como duplicada de {survivor} (se cierra y su historial se "
            "ve en {survivor}). Se puede deshacer."
        ),
        "en": (
            "{duplicate} will become a duplicate of {survivor} (it is closed and its history "
            "shows in {survivor}). It can be undone."
        ),
    },
    "duplicados.confirm": {"es": "Confirmar la unificación", "en": "Confirm the merge"},
    "duplicados.cancel": {"es": "Cancelar", "en": "Cancel"},
    "duplicados.recent": {"es": "Decisiones recientes", "en": "Recent decisions"},
    "duplicados.recent.none": {
        "es": "Todavía no hay decisiones sobre tus pares.",
        "en": "No decisions on your pairs yet.",
    },
    "duplicados.recent.pair_id": {"es": "Par", "en": "Pair"},
    "duplicados.recent.decision": {"es": "Decisión", "en": "Decision"},
    "duplicados.recent.decided_at": {"es": "Fecha", "en": "When"},
    "duplicados.recent.decided_by": {"es": "Usuario", "en": "User"},
    "duplicados.recent.code_a": {"es": "Solicitud A", "en": "Case A"},
    "duplicados.recent.code_b": {"es": "Solicitud B", "en": "Case B"},
    "duplicados.recent.survivor": {"es": "Queda", "en": "Kept"},
    "duplicados.recent.duplicate": {"es": "Duplicada", "en": "Duplicate"},
    "duplicados.undo": {"es": "Deshacer una unificación", "en": "Undo a merge"},
    "duplicados.undo.pair": {"es": "Unificación", "en": "Merge"},
    "duplicados.undo.option": {
        "es": "{duplicate} duplicada de {survivor}",
        "en": "{duplicate} duplicate of {survivor}",
    },
    "duplicados.undo.reason": {"es": "Motivo", "en": "Reason"},
    "duplicados.undo.help": {
        "es": "Al menos 10 caracteres. La duplicada vuelve a estar abierta, con un evento que "
        "lo dice; nada se borra.",
        "en": "At least 10 characters. The duplicate is open again, with an event saying so; "
        "nothing is deleted.",
    },
    "duplicados.undo.confirm": {"es": "Deshacer la unificación", "en": "Undo the merge"},
    "metric.duplicate_rate": {"es": "Tasa de duplicadas", "en": "Duplicate rate"},
    "metric.duplicate_rate.def": {
        "es": "Ingresadas en el período que al corte estaban unificadas como duplicadas de otra, "
        "sobre todas las ingresadas.",
        "en": "Cases created in the period that were merged as duplicates of another at the "
        "cut-off, over all cases created.",
    },
    "resumen.duplicates.breakdown": {
        "es": "Tasa de duplicadas por área de ingreso, canal y mes",
        "en": "Duplicate rate by intake area, channel and month",
    },
    "resumen.duplicates.intake_area": {"es": "Área de ingreso", "en": "Intake area"},
    "resumen.duplicates.channel": {"es": "Canal", "en": "Channel"},
    "resumen.duplicates.month": {"es": "Mes de ingreso", "en": "Month received"},
    "resumen.duplicates.received": {"es": "Ingresadas", "en": "Received"},
    "resumen.duplicates.merged": {"es": "Duplicadas", "en": "Duplicates"},
    "resumen.duplicates.rate": {"es": "Tasa", "en": "Rate"},
    "case.col.case_code": {"es": "Solicitud", "en": "Case"},
    "col.current_department": {"es": "Área actual", "en": "Current department"},
    "col.path": {"es": "Recorrido", "en": "Path"},
    # Informe mensual (dashboard/report/, dashboard/report_view.py)
    "report.title": {
        "es": "Informe mensual — Ministerio de Desarrollo de la Comunidad",
        "en": "Monthly report — Ministry of Community Development",
    },
    "report.section": {"es": "Informe mensual", "en": "Monthly report"},
    "report.caption": {
        "es": (
            "Un libro de Excel (una hoja por sección, con gráficos) y un PDF de pocas páginas "
            "para la reunión, con las cifras del mes elegido al cierre del mes. Las cifras salen "
            "del historial, así que el informe de un mes dice lo mismo cuando sea que se genere: "
            "el hash de la portada permite comparar dos copias."
        ),
        "en": (
            "An Excel workbook (one sheet per section, with charts) and a short PDF for the "
            "meeting, with the chosen month's figures at the month's end. The figures come "
            "from the history, so a month's report says the same whenever it is generated: the "
            "hash on the cover lets two copies be compared."
        ),
    },
    "report.month": {"es": "Mes del informe", "en": "Report month"},
    "report.build": {"es": "Preparar el informe", "en": "Prepare the report"},
    "report.building": {"es": "Preparando el informe…", "en": "Preparing the report…"},
    "report.ready": {
        "es": "Informe de {month} listo. Hash del contenido: {hash}",
        "en": "Report for {month} ready. Content hash: {hash}",
    },
    "report.download_xlsx": {
        "es": "Descargar el informe (Excel)",
        "en": "Download the report (Excel)",
    },
    "report.download_pdf": {"es": "Descargar el informe (PDF)", "en": "Download the report (PDF)"},
    "report.cover.field": {"es": "Dato", "en": "Item"},
    "report.cover.value": {"es": "Valor", "en": "Value"},
    "report.cover.month": {"es": "Mes", "en": "Month"},
    "report.cover.period": {"es": "Período", "en": "Period"},
    "report.cover.period_value": {"es": "del {first} al {last}", "en": "{first} to {last}"},
    "report.cover.cut_off": {"es": "Corte", "en": "Cut-off"},
    "report.cover.scope": {"es": "Alcance", "en": "Scope"},
    "report.cover.scope_all": {"es": "Toda la provincia", "en": "The whole province"},
    "report.cover.generated_at": {"es": "Generado el", "en": "Generated on"},
    "report.cover.generated_by": {"es": "Generado por", "en": "Generated by"},
    "report.cover.hash": {
        "es": "Hash del contenido (SHA-256)",
        "en": "Content hash (SHA-256)",
    },
    "report.cover.history_changed": {
        "es": "La historia de este mes cambió después del corte: {imports}. Las cifras ya las "
        "incluyen.",
        "en": "The history of this month changed after its cut-off: {imports}. The figures "
        "include them.",
    },
    "report.cover.late_import": {
        "es": "el {when} se importó el lote {batch} («{file}»), con solicitudes de fechas "
        "anteriores: {cases}",
        "en": "batch {batch} («{file}») was imported on {when}, with cases dated before it: "
        "{cases}",
    },
    "report.cover.hash_note": {
        "es": (
            "El hash resume las cifras del informe (no la fecha de generación ni quién lo "
            "generó): dos copias del mismo mes con el mismo hash dicen lo mismo."
        ),
        "en": (
            "The hash digests the report's figures (not when or by whom it was generated): two "
            "copies of the same month with the same hash say the same."
        ),
    },
    "report.sheet.cover": {"es": "Portada", "en": "Cover"},
    "report.sheet.indicators": {"es": "Indicadores", "en": "Indicators"},
    "report.sheet.trends": {"es": "Tendencias", "en": "Trends"},
    "report.sheet.department": {"es": "Por área", "en": "By department"},
    "report.sheet.intake_area": {"es": "Por área de ingreso", "en": "By intake area"},
    "report.sheet.channel": {"es": "Por canal", "en": "By channel"},
    "report.sheet.partido": {"es": "Por partido", "en": "By partido"},
    "report.sheet.hotspots": {"es": "Sobrecarga", "en": "Overload"},
    "report.sheet.protocol": {"es": "Protocolo", "en": "Protocol"},
    "report.sheet.definitions": {"es": "Definiciones", "en": "Definitions"},
    "report.col.indicator": {"es": "Indicador", "en": "Indicator"},
    "report.col.unit": {"es": "Unidad", "en": "Unit"},
    "report.col.definition": {"es": "Definición", "en": "Definition"},
    "report.col.current": {"es": "Mes del informe", "en": "Report month"},
    "report.col.previous": {"es": "Mes anterior", "en": "Previous month"},
    "report.col.year_earlier": {"es": "Un año antes", "en": "A year earlier"},
    "report.col.vs_previous": {"es": "Frente al mes anterior", "en": "Against the previous month"},
    "report.col.vs_year_earlier": {"es": "Frente a un año antes", "en": "Against a year earlier"},
    "report.col.month": {"es": "Mes", "en": "Month"},
    "report.col.department": {"es": "Área", "en": "Department"},
    "report.col.zone": {"es": "Zona", "en": "Zone"},
    "report.col.open_cases": {"es": "Abiertas al corte", "en": "Open at the cut-off"},
    "report.col.overdue_cases": {"es": "Vencidas al corte", "en": "Overdue at the cut-off"},
    "report.col.heat": {"es": "Intensidad de la alerta", "en": "Alert intensity"},
    "report.col.share_of": {"es": "{rule} (%)", "en": "{rule} (%)"},
    "report.col.cases_of": {"es": "{rule} (casos)", "en": "{rule} (cases)"},
    "report.unit.cases": {"es": "solicitudes", "en": "cases"},
    "report.unit.share": {"es": "%", "en": "%"},
    "report.unit.days": {"es": "días corridos", "en": "calendar days"},
    "report.unit.business_days": {"es": "días hábiles", "en": "business days"},
    "report.unit.rate": {"es": "cada 10.000 habitantes", "en": "per 10,000 inhabitants"},
    "report.change.better": {"es": "mejor", "en": "better"},
    "report.change.worse": {"es": "peor", "en": "worse"},
    "report.change.same": {"es": "igual", "en": "same"},
    "report.chart.flows": {"es": "Ingresos y egresos por mes", "en": "Inflow and outflow by month"},
    "report.chart.backlog": {
        "es": "Stock pendiente al cierre de cada mes",
        "en": "Backlog at each month's end",
    },
    "report.chart.shares": {
        "es": "Cumplimiento del plazo y vencidas sobre abiertas (%)",
        "en": "SLA compliance and overdue share (%)",
    },
    "report.chart.close": {
        "es": "Tiempo hasta el cierre, mediana (días corridos)",
        "en": "Time to close, median (calendar days)",
    },
    "report.chart.counts": {
        "es": "Ingresos, egresos y stock: el mes, el período anterior y un año antes",
        "en": "Inflow, outflow and backlog: the month, the previous period, a year earlier",
    },
    "report.chart.by_group": {
        "es": "Ingresos y egresos del mes · {dimension}",
        "en": "Inflow and outflow of the month · {dimension}",
    },
    "report.chart.partidos": {
        "es": "Ingresos del mes cada 10.000 habitantes (los {count} partidos más altos)",
        "en": "Inflow of the month per 10,000 inhabitants (the {count} highest partidos)",
    },
    "report.chart.load": {
        "es": (
            "Carga en semanas de trabajo abiertas (las {count} primeras: en alerta, luego por "
            "carga)"
        ),
        "en": "Load in weeks of work open (the first {count}: on alert, then by load)",
    },
    "report.chart.protocol": {
        "es": (
            "Índice combinado de incumplimiento del protocolo, % ({count} áreas que más se apartan)"
        ),
        "en": "Combined protocol breach index, % ({count} departments furthest off)",
    },
    "report.pdf.headline": {"es": "Indicadores del mes", "en": "The month's indicators"},
    "report.pdf.change_note": {
        "es": (
            "▲/▼: el indicador subió o bajó; «mejor» o «peor» según el sentido que conviene a "
            "cada indicador. Los números entre corchetes remiten a las definiciones del final."
        ),
        "en": (
            "▲/▼: the indicator went up or down; 'better' or 'worse' by the direction that is "
            "good for each indicator. Numbers in brackets refer to the definitions at the end."
        ),
    },
    "report.pdf.trends": {
        "es": "Tendencias de los últimos 24 meses",
        "en": "Trends over the last 24 months",
    },
    "report.pdf.hotspots": {
        "es": "Áreas en alerta por sobrecarga",
        "en": "Departments on overload alert",
    },
    "report.pdf.no_hotspots": {
        "es": "Ninguna área estaba en alerta al corte.",
        "en": "No department was on alert at the cut-off.",
    },
    "report.pdf.map": {
        "es": "Ingresos del mes cada 10.000 habitantes, por partido",
        "en": "Inflow of the month per 10,000 inhabitants, by partido",
    },
    "report.pdf.protocol": {
        "es": "Cumplimiento del protocolo: las {count} áreas que más se apartan",
        "en": "Protocol compliance: the {count} departments furthest off",
    },
    "report.pdf.no_protocol": {
        "es": "No hubo nada que medir del protocolo en el mes.",
        "en": "There was nothing to measure of the protocol in the month.",
    },
    "report.pdf.definitions": {"es": "Definiciones", "en": "Definitions"},
    "report.pdf.page": {"es": "Página {page} de {pages}", "en": "Page {page} of {pages}"},
    # Cumplimiento del protocolo (dashboard/protocol_panel.py, queries/protocol.py)
    "protocol.title": {"es": "Cumplimiento del protocolo", "en": "Protocol compliance"},
    "protocol.caption": {
        "es": "El protocolo pide categorizar cada solicitud, derivarla con motivo, seguirla y "
        "cerrarla con motivo de cierre. Cada cifra se cuenta en el área que tenía la solicitud "
        "en el momento que importa, según su historial.",
        "en": "The protocol asks every case to be categorised, referred with a reason, followed "
        "up and closed with a closing reason. Each figure is charged to the department holding "
        "the case at the moment that matters, from its history.",
    },
    "protocol.stale_days": {
        "es": "Días hábiles sin novedades para considerarla sin seguimiento",
        "en": "Business days without news before a case counts as not followed up",
    },
    "protocol.stale_days.help": {
        "es": "Días hábiles: sin fines de semana ni feriados nacionales.",
        "en": "Business days: weekends and national holidays do not count.",
    },
    "protocol.order": {"es": "Ordenar las áreas por", "en": "Rank departments by"},
    "protocol.empty": {
        "es": "No hay solicitudes para medir con estos filtros.",
        "en": "There are no cases to measure for these filters.",
    },
    "protocol.rule": {"es": "Regla", "en": "Rule"},
    "protocol.rule.combined": {"es": "Índice combinado", "en": "Combined index"},
    "protocol.rule.uncategorised": {"es": "Sin categoría", "en": "Uncategorised"},
    "protocol.rule.no_closing_reason": {
        "es": "Cierre sin motivo",
        "en": "Closed without reason",
    },
    "protocol.rule.referral_no_reason": {
        "es": "Derivación sin motivo",
        "en": "Referred without reason",
    },
    "protocol.rule.stale": {"es": "Sin seguimiento", "en": "Not followed up"},
    "protocol.rule.reopened": {"es": "Reabierta tras el cierre", "en": "Reopened after closing"},
    "protocol.rule.same_day_closure": {
        "es": "Cierre en el día sin gestión",
        "en": "Same-day closing without action",
    },
    "protocol.rule.uncategorised.def": {
        "es": "ingresadas en el período con categoría del grupo «Otros», sobre todas las "
        "ingresadas; área: la que la tenía al corte.",
        "en": "cases created in the period in the “Otros” category group, over all cases "
        "created; department: the one holding it at the cut-off.",
    },
    "protocol.rule.no_closing_reason.def": {
        "es": "cierres del período sin motivo (el del evento de cierre, o el de la solicitud si "
        "ese es su cierre vigente), sobre todos los cierres; área: la que la tenía al cerrarse.",
        "en": "closings in the period with no reason (the closing event's own, or the case's "
        "when it is its current closing), over all closings; department: the one holding it "
        "when closed.",
    },
    "protocol.rule.referral_no_reason.def": {
        "es": "derivaciones y reasignaciones del período a otra área sin motivo, sobre todas "
        "esas derivaciones; área: la que derivó. Un movimiento dentro de la misma área no cuenta.",
        "en": "referrals and reassignments in the period to another department with no reason, "
        "over all such referrals; department: the one referring. A move within the same "
        "department does not count.",
    },
    "protocol.rule.stale.def": {
        "es": "abiertas al corte sin ningún evento en los últimos N días hábiles, sobre todas "
        "las abiertas al corte; área: la que la tenía al corte.",
        "en": "cases open at the cut-off with no event in the last N business days, over all "
        "cases open at the cut-off; department: the one holding it at the cut-off.",
    },
    "protocol.rule.reopened.def": {
        "es": "cierres del período que se reabrieron antes del corte, sobre todos los cierres; "
        "área: la que la tenía al cerrarse.",
        "en": "closings in the period reopened before the cut-off, over all closings; "
        "department: the one holding it when closed.",
    },
    "protocol.rule.same_day_closure.def": {
        "es": "resueltas o cerradas en el período el mismo día en que ingresaron sin ninguna "
        "asignación, derivación, nota o cambio de estado en el medio, sobre todas las resueltas "
        "o cerradas (no cuentan anuladas ni duplicadas); área: la que la tenía al cerrarse.",
        "en": "cases resolved or closed in the period on the day they came in with no "
        "assignment, referral, note or status change in between, over all those resolved or "
        "closed (voided and duplicates left out); department: the one holding it when closed.",
    },
    "protocol.ranking.def": {
        "es": "Porcentaje de cada regla por área (— : nada que medir). El índice combinado es el "
        "promedio de los porcentajes definidos del área; arriba, las áreas que más se apartan. "
        "Solo áreas de ingreso y direcciones del ministerio: los actores externos no siguen "
        "este protocolo.",
        "en": "Share of each rule per department (— : nothing to measure). The combined index "
        "is the mean of the department's defined shares; departments furthest off come first. "
        "Only the ministry's intake areas and departments: external actors do not follow this "
        "protocol.",
    },
    "protocol.chart.title": {
        "es": "Incumplimiento del protocolo por mes",
        "en": "Protocol breaches by month",
    },
    "protocol.chart.month_axis": {"es": "Mes", "en": "Month"},
    "protocol.chart.share_axis": {
        "es": "Incumplimiento (% de lo medido)",
        "en": "Breaches (% of what was measured)",
    },
    "protocol.chart.def": {
        "es": "Cada punto: porcentaje de la regla en el mes (ingresos, cierres o derivaciones "
        "del mes); sin seguimiento se mide al fin de cada mes con {days} días hábiles.",
        "en": "Each point: the rule's share in the month (cases created, closings or referrals "
        "of the month); not followed up is measured at each month's end with {days} business "
        "days.",
    },
    "protocol.cases_of": {"es": "{cases} de {base}", "en": "{cases} of {base}"},
    "protocol.cases.title": {
        "es": "Solicitudes detrás de una cifra",
        "en": "The cases behind a figure",
    },
    "protocol.cases.summary": {
        "es": "{share}: {cases} de {base}.",
        "en": "{share}: {cases} of {base}.",
    },
    "protocol.cases.none": {
        "es": "Esta área no tiene solicitudes señaladas por esta regla.",
        "en": "This department has no cases flagged by this rule.",
    },
    "protocol.cases.showing": {
        "es": "Filas {first} a {last} de {total} ({pages} páginas). "
        "Marcá una fila para abrir la solicitud.",
        "en": "Rows {first} to {last} of {total} ({pages} pages). Tick a row to open the case.",
    },
    "protocol.moment.uncategorised": {"es": "Ingresó", "en": "Created"},
    "protocol.moment.no_closing_reason": {"es": "Cierre", "en": "Closed"},
    "protocol.moment.referral_no_reason": {"es": "Derivación", "en": "Referred"},
    "protocol.moment.stale": {"es": "Corte", "en": "Cut-off"},
    "protocol.moment.reopened": {"es": "Cierre", "en": "Closed"},
    "protocol.moment.same_day_closure": {"es": "Cierre", "en": "Closed"},
    "protocol.status_at_cut_off": {"es": "Estado al corte", "en": "Status at the cut-off"},
    "protocol.department_then": {"es": "Área que la tenía", "en": "Department holding it"},
    # The task force's evidence
    "nav.section.evidence": {"es": "Mesa de trabajo", "en": "Task force"},
    "page.cambios": {"es": "Cambios de proceso", "en": "Process changes"},
    "page.linea_de_base": {"es": "Línea de base", "en": "Baseline"},
    "page.evidencia": {"es": "Evidencia", "en": "Evidence"},
    # -- Cambios de proceso
    "cambios.caption": {
        "es": "Lo que la mesa de trabajo cambió en cómo se reciben, clasifican o derivan las "
        "solicitudes, con el día en que empezó a regir. Los gráficos de Pendientes e "
        "Indicadores marcan cada cambio con una línea punteada en ese día.",
        "en": "What the task force changed in how cases are received, categorised or referred, "
        "with the day it took effect. The Backlog and Indicators charts mark each change with "
        "a dashed line on that day.",
    },
    "cambios.empty": {
        "es": "Todavía no hay cambios de proceso registrados.",
        "en": "No process change has been registered yet.",
    },
    "cambios.total": {
        "es": "{total} cambios de proceso registrados.",
        "en": "{total} process changes registered.",
    },
    "cambios.total.one": {
        "es": "{total} cambio de proceso registrado.",
        "en": "{total} process change registered.",
    },
    "cambios.read_only": {
        "es": "Los cambios los registran y editan la mesa de trabajo y los administradores.",
        "en": "Changes are registered and edited by the task force and administrators.",
    },
    "cambios.col.name": {"es": "Cambio", "en": "Change"},
    "cambios.col.effective_on": {"es": "Rige desde", "en": "In effect from"},
    "cambios.col.touched": {"es": "Qué tocó", "en": "What it touched"},
    "cambios.col.description": {"es": "Descripción", "en": "Description"},
    "cambios.col.registered": {"es": "Registrado por", "en": "Registered by"},
    "cambios.col.last_edit": {"es": "Última edición", "en": "Last edit"},
    "cambios.by_at": {"es": "{who}, {when}", "en": "{who}, {when}"},
    "cambios.kind.department": {"es": "Áreas", "en": "Departments"},
    "cambios.kind.intake_area": {"es": "Áreas de ingreso", "en": "Intake areas"},
    "cambios.kind.channel": {"es": "Canales", "en": "Channels"},
    "cambios.kind.category_group": {"es": "Grupos de categorías", "en": "Category groups"},
    "cambios.field.name": {"es": "Nombre del cambio", "en": "Name of the change"},
    "cambios.field.name.help": {
        "es": "De 3 a 120 caracteres, distinto del de los demás cambios: así lo nombran los "
        "gráficos y la evidencia.",
        "en": "3 to 120 characters, unlike any other change's: charts and the evidence call it "
        "by this name.",
    },
    "cambios.field.description": {"es": "Descripción", "en": "Description"},
    "cambios.field.effective_on": {"es": "Rige desde", "en": "In effect from"},
    "cambios.field.effective_on.help": {
        "es": "El primer día en que se trabajó de la nueva manera.",
        "en": "The first day the new way of working applied.",
    },
    "cambios.touches": {
        "es": "Qué tocó el cambio (al menos una cosa)",
        "en": "What the change touched (at least one thing)",
    },
    "cambios.register.title": {"es": "Registrar un cambio", "en": "Register a change"},
    "cambios.register.submit": {"es": "Registrar el cambio", "en": "Register the change"},
    "cambios.edit.title": {"es": "Editar un cambio", "en": "Edit a change"},
    "cambios.edit.choose": {"es": "Cambio a editar", "en": "Change to edit"},
    "cambios.edit.submit": {"es": "Guardar la edición", "en": "Save the edit"},
    "cambios.edit.seen": {
        "es": "Estás editando la versión {version}, guardada por {who} el {when}.",
        "en": "You are editing version {version}, saved by {who} on {when}.",
    },
    "chart.process_change": {"es": "Cambio de proceso", "en": "Process change"},
    "audit.action.registrar_cambio_proceso": {
        "es": "Registro de un cambio de proceso",
        "en": "Process change registered",
    },
    "audit.action.editar_cambio_proceso": {
        "es": "Edición de un cambio de proceso",
        "en": "Process change edited",
    },
    "audit.detail.nombre": {"es": "nombre", "en": "name"},
    "audit.detail.descripcion": {"es": "descripción", "en": "description"},
    "audit.detail.rige_desde": {"es": "rige desde", "en": "in effect from"},
    "audit.detail.toca": {"es": "toca", "en": "touches"},
    "audit.detail.antes": {"es": "antes", "en": "before"},
    "audit.detail.despues": {"es": "después", "en": "after"},
    "audit.detail.department": {"es": "áreas", "en": "departments"},
    "audit.detail.intake_area": {"es": "áreas de ingreso", "en": "intake areas"},
    "audit.detail.channel": {"es": "canales", "en": "channels"},
    "audit.detail.category_group": {"es": "grupos de categorías", "en": "category groups"},
    # -- Línea de base
    "audit.action.congelar_linea_de_base": {
        "es": "Línea de base congelada",
        "en": "Baseline frozen",
    },
    "audit.detail.linea_de_base": {"es": "línea de base", "en": "baseline"},
    "audit.detail.hash": {"es": "hash", "en": "hash"},
    "audit.detail.id": {"es": "número", "en": "number"},
    "baseline.page.caption": {
        "es": "Una foto congelada de la demanda y el desempeño de un período, para citar y "
        "para comparar después. Las cifras no cambian aunque después se editen los datos; al "
        "lado de cada una ves cómo da hoy el mismo período.",
        "en": "A frozen snapshot of demand and performance over a period, to cite and to "
        "compare against later. Its figures do not change when the data is edited afterwards; "
        "beside each one you see what the same period gives today.",
    },
    "baseline.freeze.heading": {"es": "Congelar una línea de base", "en": "Freeze a baseline"},
    "baseline.freeze.period": {
        "es": "Se congela el período de la barra de filtros: del {start} al {end}, con corte "
        "el {as_of}, y los demás filtros elegidos ({filters}).",
        "en": "The filter bar's period is frozen: {start} to {end}, cut off at {as_of}, with "
        "the other filters chosen ({filters}).",
    },
    "baseline.freeze.name": {"es": "Nombre de la línea de base", "en": "Baseline name"},
    "baseline.freeze.name_help": {
        "es": "Un nombre único para citarla, por ejemplo «Primer semestre 2026».",
        "en": "A unique name to cite it by, for example «First half of 2026».",
    },
    "baseline.freeze.button": {"es": "Congelar línea de base", "en": "Freeze baseline"},
    "baseline.freeze.working": {"es": "Calculando y congelando…", "en": "Computing and freezing…"},
    "baseline.freeze.done": {
        "es": "Línea de base «{name}» congelada. Hash: {hash}",
        "en": "Baseline «{name}» frozen. Hash: {hash}",
    },
    "baseline.list.heading": {"es": "Líneas de base congeladas", "en": "Frozen baselines"},
    "baseline.list.empty": {
        "es": "Todavía no hay líneas de base congeladas.",
        "en": "No baseline has been frozen yet.",
    },
    "baseline.choose": {"es": "Línea de base a mostrar", "en": "Baseline to show"},
    "baseline.col.name": {"es": "Nombre", "en": "Name"},
    "baseline.col.period": {"es": "Período", "en": "Period"},
    "baseline.col.created_by": {"es": "Congelada por", "en": "Frozen by"},
    "baseline.col.created_at": {"es": "Congelada el", "en": "Frozen at"},
    "baseline.col.hash": {"es": "Hash", "en": "Hash"},
    "baseline.col.definitions_version": {"es": "Definiciones", "en": "Definitions"},
    "baseline.col.value": {"es": "Valor", "en": "Value"},
    "baseline.detail.period": {
        "es": "Del {start} al {end}, con corte el {as_of} · filtros: {filters}.",
        "en": "{start} to {end}, cut off at {as_of} · filters: {filters}.",
    },
    "baseline.detail.caption": {
        "es": "Congelada por {who} el {when} · definiciones {version} · hash {hash}",
        "en": "Frozen by {who} on {when} · definitions {version} · hash {hash}",
    },
    "baseline.today.same": {"es": "Recalculado hoy: coincide", "en": "Recalculated today: same"},
    "baseline.today.differs": {
        "es": "Recalculado hoy: {value} ({difference})",
        "en": "Recalculated today: {value} ({difference})",
    },
    "baseline.today.all_same": {
        "es": "Recalculada hoy, la línea de base da exactamente lo mismo.",
        "en": "Recalculated today, the baseline gives exactly the same.",
    },
    "baseline.today.some_differ": {
        "es": "Recalculada hoy, {count} cifra(s) difieren: la historia del período cambió "
        "después de congelarla (una importación tardía, un evento corregido) o cambió una "
        "definición. Lo congelado no cambia.",
        "en": "Recalculated today, {count} figure(s) differ: the period's history changed "
        "after it was frozen (a late import, a corrected event) or a definition changed. The "
        "frozen figures stay as they were.",
    },
    "baseline.today.other_definitions": {
        "es": "Se congeló con las definiciones {then}; hoy rigen las {now}.",
        "en": "It was frozen with definitions {then}; today's are {now}.",
    },
    "baseline.breakdown": {"es": "Desglose", "en": "Breakdown"},
    "baseline.download.xlsx": {"es": "Descargar Excel", "en": "Download Excel"},
    "baseline.download.pdf": {"es": "Descargar PDF", "en": "Download PDF"},
    "baseline.download.help": {
        "es": "Las cifras congeladas, con su hash. La descarga queda registrada.",
        "en": "The frozen figures, with their hash. The download is logged.",
    },
    "baseline.missing": {
        "es": "Esa línea de base no existe.",
        "en": "That baseline does not exist.",
    },
    "baseline.filters.none": {
        "es": "ninguno, toda la provincia",
        "en": "none, the whole province",
    },
    "baseline.figure.ping_pong_rate": {"es": "Tasa de ida y vuelta", "en": "Ping-pong rate"},
    "baseline.figure.ping_pong_rate.def": {
        "es": "Solicitudes creadas en el período que volvieron a un área o actor del que ya "
        "habían salido, sobre las solicitudes creadas en el período.",
        "en": "Cases created in the period that went back to a department or actor they had "
        "already left, over the cases created in the period.",
    },
    "baseline.figure.backlog_per_10k": {
        "es": "Stock cada 10.000 habitantes",
        "en": "Backlog per 10,000 inhabitants",
    },
    "baseline.figure.backlog_per_10k.def": {
        "es": "Solicitudes abiertas al corte en el partido, por cada 10.000 habitantes.",
        "en": "Cases open at the cut-off in the partido, per 10,000 inhabitants.",
    },
    "baseline.cover.name": {"es": "Línea de base", "en": "Baseline"},
    "baseline.cover.period": {"es": "Período", "en": "Period"},
    "baseline.cover.cut_off": {"es": "Corte", "en": "Cut-off"},
    "baseline.cover.filters": {"es": "Filtros", "en": "Filters"},
    "baseline.cover.definitions_version": {
        "es": "Versión de las definiciones",
        "en": "Definitions version",
    },
    "baseline.cover.created_by": {"es": "Congelada por", "en": "Frozen by"},
    "baseline.cover.created_at": {"es": "Congelada el", "en": "Frozen at"},
    "baseline.cover.content_hash": {
        "es": "Hash del contenido (SHA-256)",
        "en": "Content hash (SHA-256)",
    },
    "baseline.sheet.cover": {"es": "Línea de base", "en": "Baseline"},
    "baseline.sheet.headline": {"es": "Cifras principales", "en": "Headline figures"},
    "baseline.pdf.title": {"es": "Línea de base «{name}»", "en": "Baseline «{name}»"},
    "baseline.pdf.by": {"es": "Por {dimension}", "en": "By {dimension}"},
    "baseline.empty_table": {
        "es": "No hubo solicitudes en el período.",
        "en": "There were no cases in the period.",
    },
    # -- Evidencia
    "evidencia.caption": {
        "es": (
            "Elegí un cambio de proceso y un indicador: la página dice si el cambio ayudó, con "
            "intervalos de confianza del 95 %, un grupo de comparación, una serie de tiempo, "
            "placebos y lo que más pasó en esas semanas. Cómo leerlo: docs/evidence.md."
        ),
        "en": (
            "Choose a process change and an indicator: the page says whether the change helped, "
            "with 95% confidence intervals, a comparison group, a time series, placebos and "
            "whatever else happened in those weeks. How to read it: docs/evidence.md."
        ),
    },
    "evidencia.no_changes": {
        "es": "Todavía no hay cambios de proceso registrados. Registralos en «Cambios de proceso».",
        "en": "No process changes are registered yet. Register them on «Process changes».",
    },
    "evidencia.change": {"es": "Cambio de proceso", "en": "Process change"},
    "evidencia.indicator": {"es": "Indicador", "en": "Indicator"},
    "evidencia.weeks": {"es": "Semanas antes y después", "en": "Weeks before and after"},
    "evidencia.transition": {"es": "Semanas de transición", "en": "Transition weeks"},
    "evidencia.controls": {"es": "Grupo de comparación", "en": "Comparison group"},
    "evidencia.controls.def": {
        "es": (
            "Por omisión, hasta 5 grupos del mismo tipo que el cambio no tocó y de tamaño "
            "parecido. Elegí acá si preferís otros."
        ),
        "en": (
            "By default, up to 5 groups of the same kind the change did not touch and of similar "
            "size. Choose others here if you prefer."
        ),
    },
    "evidencia.controls.pick": {
        "es": "Comparar con (vacío: elección automática)",
        "en": "Compare with (empty: automatic choice)",
    },
    "evidencia.change_gone": {
        "es": "Ese cambio de proceso ya no existe con ese nombre: elegí otro.",
        "en": "That process change no longer exists under that name: choose another.",
    },
    "evidencia.working": {
        "es": "Analizando las semanas antes y después…",
        "en": "Analysing the weeks before and after…",
    },
    "evidencia.points": {"es": "{value} puntos porcentuales", "en": "{value} percentage points"},
    "evidencia.days": {"es": "{value} días", "en": "{value} days"},
    "evidencia.per_week": {"es": "{value} casos por semana", "en": "{value} cases per week"},
    "evidencia.cases": {"es": "{value} casos", "en": "{value} cases"},
    "evidencia.interval": {"es": "IC 95 %: {low} a {high}", "en": "95% CI: {low} to {high}"},
    "evidencia.verdict.improved": {
        "es": "**Mejoró.** Con el cambio, {indicator} mejoró en {size} ({interval}; {method}).",
        "en": (
            "**Improved.** With the change, {indicator} improved by {size} ({interval}; {method})."
        ),
    },
    "evidencia.verdict.worsened": {
        "es": "**Empeoró.** Con el cambio, {indicator} empeoró en {size} ({interval}; {method}).",
        "en": (
            "**Worsened.** With the change, {indicator} worsened by {size} ({interval}; {method})."
        ),
    },
    "evidencia.verdict.inconclusive": {
        "es": (
            "**Sin evidencia suficiente.** El intervalo del efecto sobre {indicator} incluye el "
            "«sin cambio» ({interval}; {method}): con estos datos no se puede decir que mejoró ni"
            " que empeoró."
        ),
        "en": (
            "**Not enough evidence.** The interval of the effect on {indicator} includes «no "
            "change» ({interval}; {method}): with these data we cannot say it improved or "
            "worsened."
        ),
    },
    "evidencia.verdict.increased": {
        "es": (
            "**Subió.** Con el cambio, {indicator} subió en {size} ({interval}; {method}). Este "
            "indicador no tiene una dirección buena en sí."
        ),
        "en": (
            "**Went up.** With the change, {indicator} went up by {size} ({interval}; {method}). "
            "This indicator has no better direction in itself."
        ),
    },
    "evidencia.verdict.decreased": {
        "es": (
            "**Bajó.** Con el cambio, {indicator} bajó en {size} ({interval}; {method}). Este "
            "indicador no tiene una dirección buena en sí."
        ),
        "en": (
            "**Went down.** With the change, {indicator} went down by {size} ({interval}; "
            "{method}). This indicator has no better direction in itself."
        ),
    },
    "evidencia.method.did": {
        "es": "diferencias en diferencias contra el grupo de comparación",
        "en": "difference-in-differences against the comparison group",
    },
    "evidencia.method.its": {"es": "serie de tiempo interrumpida", "en": "interrupted time series"},
    "evidencia.caution.no_comparison_group": {
        "es": (
            "No hay grupo de comparación (el cambio tocó todos los grupos de su tipo o los no "
            "tocados no tuvieron casos): el veredicto sale sólo de la serie de tiempo."
        ),
        "en": (
            "There is no comparison group (the change touched every group of its kind or the "
            "untouched ones had no cases): the verdict comes from the time series alone."
        ),
    },
    "evidencia.caution.not_parallel_before": {
        "es": (
            "Antes del cambio, lo tocado y la comparación no se movieron en paralelo: el "
            "veredicto sale de la serie de tiempo, no de la comparación."
        ),
        "en": (
            "Before the change the touched groups and the comparison did not move in parallel: "
            "the verdict comes from the time series, not the comparison."
        ),
    },
    "evidencia.caution.placebos_find_effects": {
        "es": (
            "El método encuentra «efectos» en más del 10 % de los placebos: tomá el resultado con"
            " cautela."
        ),
        "en": (
            "The method finds «effects» in more than 10% of the placebos: take the result with "
            "caution."
        ),
    },
    "evidencia.caution.confounders_in_windows": {
        "es": (
            "En las semanas comparadas hubo otros hechos que pueden mover el indicador (ver "
            "«Factores de confusión»)."
        ),
        "en": (
            "Other events that can move the indicator happened in the weeks compared (see "
            "«Confounders»)."
        ),
    },
    "evidencia.caution.after_window_short": {
        "es": (
            "Todavía no hay tantas semanas completas después del cambio como semanas antes: el "
            "«después» es más corto."
        ),
        "en": (
            "There are not yet as many complete weeks after the change as before: the «after» "
            "window is shorter."
        ),
    },
    "evidencia.not_shown": {
        "es": (
            "Lo que este análisis no muestra: no prueba que el cambio sea la única causa, no ve "
            "lo que la base no registra (personal que se fue, sistemas caídos) y, con pocas "
            "semanas o pocos casos, «sin evidencia suficiente» puede querer decir «todavía no "
            "sabemos»."
        ),
        "en": (
            "What this analysis does not show: it does not prove the change is the only cause, it"
            " cannot see what the database does not record (staff who left, systems down) and, "
            "with few weeks or cases, «not enough evidence» may mean «we do not know yet»."
        ),
    },
    "evidencia.before_after": {
        "es": "Antes y después, en lo que el cambio tocó",
        "en": "Before and after, in what the change touched",
    },
    "evidencia.before": {"es": "Antes ({weeks} semanas)", "en": "Before ({weeks} weeks)"},
    "evidencia.after": {"es": "Después ({weeks} semanas)", "en": "After ({weeks} weeks)"},
    "evidencia.difference": {
        "es": "Diferencia (después − antes)",
        "en": "Difference (after − before)",
    },
    "evidencia.before_after.def.duration": {
        "es": (
            "Mediana de Kaplan–Meier de los casos que ingresaron en cada período, seguidos 28 "
            "días cada uno; intervalos por bootstrap (2.000 remuestreos)."
        ),
        "en": (
            "Kaplan–Meier median of the cases received in each period, each followed for 28 days;"
            " bootstrap intervals (2,000 resamples)."
        ),
    },
    "evidencia.before_after.def.share": {
        "es": (
            "Proporción de cada período con intervalo de Wilson; la diferencia, con el de Newcombe."
        ),
        "en": "Each period's share with its Wilson interval; the difference with Newcombe's.",
    },
    "evidencia.before_after.def.count": {
        "es": "Casos por semana de cada período con intervalo de Poisson exacto.",
        "en": "Cases per week in each period with an exact Poisson interval.",
    },
    "evidencia.before_after.def.level": {
        "es": (
            "Promedio de los casos abiertos al cierre de cada semana, con intervalo t. Las "
            "semanas seguidas comparten casos, así que es angosto: el veredicto sale de la "
            "comparación y de la serie de tiempo, que lo tienen en cuenta."
        ),
        "en": (
            "Average of the cases open at the end of each week, with a t interval. Consecutive "
            "weeks share cases, so it is narrow: the verdict comes from the comparison and the "
            "time series, which take that into account."
        ),
    },
    "evidencia.baseline": {
        "es": "Comparar también con una línea de base congelada",
        "en": "Also compare with a frozen baseline",
    },
    "evidencia.baseline.none": {"es": "Ninguna", "en": "None"},
    "evidencia.baseline.missing": {
        "es": "Esa línea de base no tiene este indicador.",
        "en": "That baseline does not hold this indicator.",
    },
    "evidencia.baseline.frozen": {"es": "Línea de base «{name}»", "en": "Baseline «{name}»"},
    "evidencia.baseline.period": {
        "es": "Período congelado: {start} a {end}",
        "en": "Frozen period: {start} to {end}",
    },
    "evidencia.baseline.difference": {
        "es": "Diferencia (después − línea de base)",
        "en": "Difference (after − baseline)",
    },
    "evidencia.baseline.def": {
        "es": (
            "La línea de base es una cifra congelada, sin intervalo, con las definiciones de "
            "Indicadores (versión {version}) y sus propios filtros: compará sólo si cubre lo "
            "mismo que el cambio tocó."
        ),
        "en": (
            "The baseline is a frozen figure, with no interval, under the Indicadores "
            "definitions (version {version}) and its own filters: compare only when it covers "
            "what the change touched."
        ),
    },
    "evidencia.did": {
        "es": "Contra un grupo de comparación (diferencias en diferencias)",
        "en": "Against a comparison group (difference-in-differences)",
    },
    "evidencia.did.none": {
        "es": "No hay un grupo de comparación posible para este cambio.",
        "en": "No comparison group is possible for this change.",
    },
    "evidencia.did.groups": {
        "es": "Tocados: {treated}. Comparación ({how}): {controls}.",
        "en": "Touched: {treated}. Comparison ({how}): {controls}.",
    },
    "evidencia.did.by_hand": {"es": "elegida a mano", "en": "chosen by hand"},
    "evidencia.did.auto": {
        "es": "elegida automáticamente por tipo y tamaño",
        "en": "chosen automatically by kind and size",
    },
    "evidencia.did.effect": {
        "es": "Efecto estimado (diferencia de las diferencias)",
        "en": "Estimated effect (difference of the differences)",
    },
    "evidencia.did.parallel": {
        "es": (
            "Antes del cambio, ambos grupos se movieron en paralelo (p = {p} para la diferencia "
            "de pendientes)."
        ),
        "en": (
            "Before the change both groups moved in parallel (p = {p} for the difference of "
            "slopes)."
        ),
    },
    "evidencia.did.not_parallel": {
        "es": (
            "Antes del cambio, los grupos NO se movieron en paralelo (p = {p}): la comparación no"
            " es confiable."
        ),
        "en": (
            "Before the change the groups did NOT move in parallel (p = {p}): the comparison is "
            "not reliable."
        ),
    },
    "evidencia.series.treated": {"es": "Tocados por el cambio", "en": "Touched by the change"},
    "evidencia.series.control": {"es": "Grupo de comparación", "en": "Comparison group"},
    "evidencia.did.chart": {
        "es": "Semana a semana: tocados y comparación",
        "en": "Week by week: touched and comparison",
    },
    "evidencia.did.def": {
        "es": (
            "Cada punto es una semana (de lunes a domingo). La línea punteada marca el cambio; la"
            " franja gris, las semanas de transición que no se cuentan. Para conteos y atraso, la"
            " comparación se escala a la cantidad de grupos tocados."
        ),
        "en": (
            "Each point is a week (Monday to Sunday). The dashed line marks the change; the grey "
            "band, the transition weeks left out. For counts and backlog, the comparison is "
            "scaled to the number of touched groups."
        ),
    },
    "evidencia.axis.duration": {"es": "Mediana (días)", "en": "Median (days)"},
    "evidencia.axis.share": {"es": "Porcentaje de casos", "en": "Share of cases"},
    "evidencia.axis.count": {"es": "Casos por semana", "en": "Cases per week"},
    "evidencia.axis.level": {"es": "Casos abiertos", "en": "Open cases"},
    "evidencia.its": {"es": "Serie de tiempo interrumpida", "en": "Interrupted time series"},
    "evidencia.its.none": {
        "es": "No hay semanas suficientes con casos para ajustar la serie de tiempo.",
        "en": "There are not enough weeks with cases to fit the time series.",
    },
    "evidencia.its.level": {
        "es": "Salto de nivel en el cambio",
        "en": "Level change at the change",
    },
    "evidencia.its.slope": {
        "es": "Cambio de pendiente (por semana)",
        "en": "Slope change (per week)",
    },
    "evidencia.its.effect": {"es": "Efecto promedio después", "en": "Average effect after"},
    "evidencia.its.fitted": {"es": "Ajuste", "en": "Fit"},
    "evidencia.its.counterfactual": {
        "es": "Sin el cambio (contrafáctico)",
        "en": "Without the change (counterfactual)",
    },
    "evidencia.its.chart": {
        "es": "Serie semanal, ajuste y contrafáctico",
        "en": "Weekly series, fit and counterfactual",
    },
    "evidencia.its.def": {
        "es": (
            "Regresión segmentada sobre hasta 52 semanas antes (con estacionalidad anual si hay "
            "un año de datos) y errores AR(1) (cada semana se parece a la anterior). "
            "El contrafáctico es cómo "
            "habría seguido la serie sin el cambio."
        ),
        "en": (
            "Segmented regression over up to 52 weeks before (with yearly seasonality when a year"
            " of data exists) and AR(1) errors (each week resembles the one before). "
            "The counterfactual is how the "
            "series would have gone on without the change."
        ),
    },
    "evidencia.placebo": {"es": "Placebos", "en": "Placebos"},
    "evidencia.placebo.none": {
        "es": "No hay semanas suficientes antes del cambio para probar placebos.",
        "en": "There are not enough weeks before the change to try placebos.",
    },
    "evidencia.placebo.result": {
        "es": (
            "El mismo análisis, donde no hubo ningún cambio, «encontró» un efecto en {found} de "
            "{runs} placebos ({rate}). Lo esperable es cerca del 5 %."
        ),
        "en": (
            "The same analysis, where nothing changed, «found» an effect in {found} of {runs} "
            "placebos ({rate}). About 5% is expected."
        ),
    },
    "evidencia.placebo.def": {
        "es": (
            "Placebos: fechas anteriores al cambio y grupos no tocados, analizados como si el "
            "cambio hubiera ocurrido ahí."
        ),
        "en": (
            "Placebos: dates before the change and untouched groups, analysed as if the change "
            "had happened there."
        ),
    },
    "evidencia.confounders": {"es": "Factores de confusión", "en": "Confounders"},
    "evidencia.confounders.none": {
        "es": (
            "No se detectaron picos de ingresos, cambios de capacidad, otros cambios de proceso "
            "ni feriados en las semanas comparadas."
        ),
        "en": (
            "No inflow spikes, capacity changes, other process changes or holidays were found in "
            "the weeks compared."
        ),
    },
    "evidencia.confounders.kind": {"es": "Tipo", "en": "Kind"},
    "evidencia.confounders.what": {"es": "Qué", "en": "What"},
    "evidencia.confounders.from": {"es": "Desde", "en": "From"},
    "evidencia.confounders.to": {"es": "Hasta", "en": "To"},
    "evidencia.confounder.spike": {"es": "Pico de ingresos", "en": "Inflow spike"},
    "evidencia.confounder.capacity": {"es": "Cambio de capacidad", "en": "Capacity change"},
    "evidencia.confounder.change": {"es": "Otro cambio de proceso", "en": "Another process change"},
    "evidencia.confounder.holiday": {"es": "Feriado", "en": "Holiday"},
    "evidencia.confounders.def": {
        "es": (
            "Lo que pasó en las semanas de antes y de después y puede mover el indicador además "
            "del cambio: picos de ingresos (el detector de Sobrecarga), cambios de capacidad de "
            "las áreas comparadas, otros cambios de proceso y feriados nacionales."
        ),
        "en": (
            "What happened in the weeks before and after and can move the indicator besides the "
            "change: inflow spikes (Sobrecarga's detector), capacity changes of the departments "
            "compared, other process changes and national holidays."
        ),
    },
    "evidence.indicator.time_to_close": {"es": "Tiempo hasta cerrar", "en": "Time to close"},
    "evidence.indicator.time_to_close.def": {
        "es": (
            "Mediana de días desde el ingreso hasta el primer cierre, de los casos ingresados "
            "cada semana, seguidos 28 días (Kaplan–Meier: los que siguen abiertos cuentan como "
            "«al menos»)."
        ),
        "en": (
            "Median days from creation to first closing of the cases received each week, followed"
            " for 28 days (Kaplan–Meier: those still open count as «at least»)."
        ),
    },
    "evidence.indicator.time_to_first_action": {
        "es": "Tiempo hasta la primera acción",
        "en": "Time to first action",
    },
    "evidence.indicator.time_to_first_action.def": {
        "es": (
            "Mediana de días desde el ingreso hasta la primera asignación o derivación, seguidos "
            "28 días (Kaplan–Meier)."
        ),
        "en": (
            "Median days from creation to the first assignment or referral, followed for 28 days "
            "(Kaplan–Meier)."
        ),
    },
    "evidence.indicator.sla_compliance": {"es": "Cumplimiento de plazos", "en": "SLA compliance"},
    "evidence.indicator.sla_compliance.def": {
        "es": "De los cierres de cada semana, el porcentaje dentro del plazo vigente al cerrar.",
        "en": "Of each week's closings, the share within the due date valid when closing.",
    },
    "evidence.indicator.referral_rate": {"es": "Tasa de derivación", "en": "Referral rate"},
    "evidence.indicator.referral_rate.def": {
        "es": (
            "De los casos ingresados cada semana, el porcentaje derivado a otra área dentro de "
            "sus primeros 28 días."
        ),
        "en": (
            "Of the cases received each week, the share referred to another department within "
            "their first 28 days."
        ),
    },
    "evidence.indicator.ping_pong_share": {"es": "Idas y vueltas", "en": "Ping-pong share"},
    "evidence.indicator.ping_pong_share.def": {
        "es": (
            "De los casos ingresados cada semana, el porcentaje que volvió a un área que ya había"
            " dejado (A → B → A) dentro de sus primeros 28 días."
        ),
        "en": (
            "Of the cases received each week, the share that went back to a department it had "
            "left (A → B → A) within its first 28 days."
        ),
    },
    "evidence.indicator.backlog": {"es": "Atraso (casos abiertos)", "en": "Backlog (open cases)"},
    "evidence.indicator.backlog.def": {
        "es": "Casos abiertos al cierre de cada semana en el área que los tenía.",
        "en": "Cases open at the end of each week in the department holding them.",
    },
    "evidence.indicator.inflow": {"es": "Ingresos", "en": "Inflow"},
    "evidence.indicator.inflow.def": {
        "es": "Casos ingresados por semana.",
        "en": "Cases received per week.",
    },
    "evidence.indicator.reopen_rate": {"es": "Tasa de reapertura", "en": "Reopen rate"},
    "evidence.indicator.reopen_rate.def": {
        "es": (
            "De los casos ingresados cada semana y cerrados en sus primeros 28 días, el "
            "porcentaje reabierto en ese lapso."
        ),
        "en": (
            "Of the cases received each week and closed within their first 28 days, the share "
            "reopened within that time."
        ),
    },
    # -- Réplica de lectura
    "replica.behind": {
        "es": (
            "Los datos pueden estar atrasados: la réplica de lectura va {delay} detrás de la "
            "base principal, así que los últimos cambios pueden no verse todavía."
        ),
        "en": (
            "Figures may be out of date: the read replica is {delay} behind the main "
            "database, so the latest changes may not show yet."
        ),
    },
    "replica.behind_unknown": {
        "es": (
            "Los datos pueden estar atrasados: la réplica de lectura todavía no copió los "
            "últimos cambios de la base principal."
        ),
        "en": (
            "Figures may be out of date: the read replica has not copied the main database's "
            "latest changes yet."
        ),
    },
    "replica.down": {
        "es": (
            "La réplica de lectura (`DATABASE_URL_READ`) no responde: las cifras no se pueden "
            "leer hasta que vuelva. Probá de nuevo en unos segundos."
        ),
        "en": (
            "The read replica (`DATABASE_URL_READ`) does not answer: figures cannot be read "
            "until it is back. Try again in a few seconds."
        ),
    },
}


def translate(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for ``key`` in ``lang`` (Spanish when unknown), with ``values`` filled in."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


#: Names Plotly writes on date axes and in date hovers ("dic 2026"); the date pattern and the
#: number marks come from ``dashboard.formats``, shared with the tables.
CHART_DATE_NAMES: Final[dict[str, dict[str, object]]] = {
    "es": {
        "days": ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
        "shortDays": ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
        "months": [
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre",
        ],
        "shortMonths": [
            "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
        ],
    },
    "en": {
        "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        "months": [
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ],
        "shortMonths": [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ],
    },
}  # fmt: skip
PLOTLY_PREFIX: Final = "plotly."


def chart_locale(lang: str) -> dict[str, object]:
    """A Plotly locale for ``lang`` (``config.locales[lang]``): its own tool bar titles, notices
    and hover words from the ``plotly.*`` texts, and its date names. Plotly writes these itself
    in English, so a Spanish page would otherwise read "Zoom in" to a screen reader and "Dec"
    on a date axis."""
    known = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    dictionary = {
        key.removeprefix(PLOTLY_PREFIX): translate(key, known)
        for key in TEXTS
        if key.startswith(PLOTLY_PREFIX)
    }
    return {"dictionary": dictionary, "format": CHART_DATE_NAMES[known]}


def format_int(value: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """Thousands grouped the local way: 12.345 in Spanish, 12,345 in English."""
    grouped = f"{int(value):,}"
    return grouped.replace(",", ".") if lang == "es" else grouped


def format_decimal(value: float, lang: str = DEFAULT_LANGUAGE, digits: int = 1) -> str:
    """A number with ``digits`` decimals: 4,5 in Spanish, 4.5 in English."""
    number = f"{value:,.{digits}f}"
    if lang != "es":
        return number
    return number.replace(",", " ").replace(".", ",").replace(" ", ".")


def format_percent(share: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A 0–1 share as a percentage with one decimal: 12,5 % in Spanish, 12.5% in English."""
    number = f"{share * 100:.1f}"
    return f"{number.replace('.', ',')} %" if lang == "es" else f"{number}%"
