"""Command line for the first administrator and for scripts; never prints password hashes.

    python -m auth.users add USERNAME --name "Nombre" --role admin [--department CODE ...]
    python -m auth.users disable USERNAME
    python -m auth.users enable USERNAME
    python -m auth.users reset-password USERNAME
    python -m auth.users list

Passwords are asked for at the prompt (or read from ``MDC_PASSWORD`` for scripts), so they
never end up in the shell history.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from sqlalchemy import select

from auth.passwords import WeakPassword
from auth.roles import Actor
from dashboard import commands
from dashboard.db import build_engine
from dashboard.domain import Role
from dashboard.migrate import upgrade
from dashboard.models import Department
from dashboard.settings import database_url
from queries.users import users

CONSOLE = Actor(f"consola:{getpass.getuser()}", Role.ADMIN)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m auth.users", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--database-url", default=None)
    verbs = parser.add_subparsers(dest="verb", required=True)
    add = verbs.add_parser("add", help="crear un usuario")
    add.add_argument("username")
    add.add_argument("--name", required=True)
    add.add_argument("--email")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument(
        "--department",
        action="append",
        default=[],
        help="código de área (supervisión) o de área de ingreso (ingreso)",
    )
    for verb in ("disable", "enable", "reset-password"):
        verbs.add_parser(verb).add_argument("username")
    verbs.add_parser("list", help="listar usuarios")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    engine = build_engine(options.database_url or database_url())
    upgrade(engine)
    try:
        if options.verb == "list":
            with engine.connect() as connection:
                print(users(connection).to_string(index=False))
        elif options.verb == "add":
            with engine.connect() as connection:
                codes = dict(connection.execute(select(Department.code, Department.id)).all())
            unknown = [code for code in options.department if code not in codes]
            if unknown:
                raise commands.CommandError(f"Áreas desconocidas: {', '.join(unknown)}")
            commands.create_user(
                engine, CONSOLE, username=options.username, display_name=options.name,
                role=Role(options.role), password=_password(), email=options.email,
                department_ids=tuple(codes[code] for code in options.department),
            )  # fmt: skip
        elif options.verb == "reset-password":
            commands.reset_password(engine, CONSOLE, options.username, _password())
        else:
            commands.set_user_active(engine, CONSOLE, options.username, options.verb == "enable")
    except (commands.CommandError, WeakPassword) as refusal:
        print(refusal, file=sys.stderr)
        return 2
    if options.verb != "list":
        print(f"Listo: {options.verb} {options.username}.")
    return 0


def _password() -> str:
    from_environment = os.environ.get("MDC_PASSWORD")
    if from_environment:
        return from_environment
    first = getpass.getpass("Contraseña: ")
    if first != getpass.getpass("Repetila: "):
        raise commands.CommandError("Las contraseñas no coinciden.")
    return first


if __name__ == "__main__":
    raise SystemExit(main())
