"""``python -m auth.users``: the first administrator and scripted changes; no hash is printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from auth.passwords import verify_password
from dashboard.db import build_engine
from dashboard.models import AuditEntry, User
from dashboard.settings import PROJECT_ROOT


def cli(url: str, *args: str, password: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "MDC_PASSWORD": password or ""}
    return subprocess.run(
        [sys.executable, "-m", "auth.users", "--database-url", url, *args],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_add_list_reset_disable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    added = cli(url, "add", "Jefa", "--name", "Jefa de Sistemas", "--role", "admin",
                password="una-clave-muy-larga")  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = cli(url, "list")
    assert "jefa" in listed.stdout and "admin" in listed.stdout
    assert cli(url, "reset-password", "jefa", password="otra-clave-muy-larga").returncode == 0
    assert cli(url, "disable", "jefa").returncode == 0
    engine = build_engine(url)
    with engine.connect() as connection:
        user = connection.execute(select(User.__table__).where(User.username == "jefa")).one()
        actions = connection.execute(select(AuditEntry.action).order_by(AuditEntry.id)).scalars()
        actions = list(actions)
    assert verify_password("otra-clave-muy-larga", user.password_hash)
    assert user.active is False or user.active == 0
    assert actions == ["crear_usuario", "restablecer_contrasena", "deshabilitar_usuario"]
    everything = added.stdout + added.stderr + listed.stdout + listed.stderr
    assert "$2b$" not in everything and user.password_hash not in everything


def test_refusals_are_one_clear_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    weak = cli(url, "add", "x", "--name", "X", "--role", "gabinete", password="corta")
    assert weak.returncode == 2
    assert weak.stderr.strip() == "La contraseña debe tener al menos 10 caracteres."
    missing = cli(url, "disable", "nadie")
    assert missing.returncode == 2
    assert missing.stderr.strip() == "No existe el usuario nadie."
