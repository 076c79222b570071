"""One demo user per role, created only in the embedded SQLite demo database.

Their passwords are public (the login page shows them in demo mode), so they must never
exist in a configured database: ``dashboard.prepare`` creates them only for the demo file.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from auth.roles import Actor
from dashboard.commands import create_user
from dashboard.domain import Role
from dashboard.models import Department, User

#: (username, display name, role, password, codes of the departments a supervisor covers)
DEMO_USERS: tuple[tuple[str, str, Role, str, tuple[str, ...]], ...] = (
    ("supervisora", "Laura Giménez (supervisora)", Role.SUPERVISOR, "demo-supervisora",
     ("DIR-ALIM", "DIR-COMED", "DIR-SEGALI")),
    ("gabinete", "Martín Sosa (gabinete)", Role.GABINETE, "demo-gabinete", ()),
    ("mesa", "Carla Ríos (mesa de trabajo)", Role.MESA, "demo-mesa-trabajo", ()),
    ("admin", "Diego Paz (administración)", Role.ADMIN, "demo-administracion", ()),
    ("ingreso", "Sofía Luna (ingreso, Modernización)", Role.INGRESO, "demo-ingreso",
     ("ING-MOD",)),
)  # fmt: skip
SETUP_ACTOR = Actor("instalacion-demo", Role.ADMIN)


def ensure_demo_users(engine: Engine) -> None:
    with engine.connect() as connection:
        existing = set(connection.execute(select(User.username)).scalars())
        codes = dict(connection.execute(select(Department.code, Department.id)).all())
    for username, name, role, password, departments in DEMO_USERS:
        if username not in existing:
            create_user(
                engine, SETUP_ACTOR, username=username, display_name=name, role=role,
                password=password, department_ids=tuple(codes[c] for c in departments),
            )  # fmt: skip
