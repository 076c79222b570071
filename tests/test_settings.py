"""Where the data lives: environment first, then secrets.toml, then the embedded demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import settings


@pytest.fixture
def secrets_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "secrets.toml"
    monkeypatch.setattr(settings, "SECRETS_FILE", path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return path


def test_without_configuration_the_embedded_demo_is_used(secrets_file: Path) -> None:
    assert settings.database_url() == settings.EMBEDDED_DB_URL
    assert settings.is_embedded(settings.database_url())


def test_secrets_file_names_the_database(secrets_file: Path) -> None:
    secrets_file.write_text('DATABASE_URL = "postgresql+psycopg://u@db/mdc"\n')
    assert settings.database_url() == "postgresql+psycopg://u@db/mdc"
    assert not settings.is_embedded(settings.database_url())


def test_environment_wins_over_secrets(secrets_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secrets_file.write_text('DATABASE_URL = "postgresql+psycopg://u@db/mdc"\n')
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@other/mdc")
    assert settings.database_url() == "postgresql+psycopg://u@other/mdc"
