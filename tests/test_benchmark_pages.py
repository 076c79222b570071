"""The page benchmark signs in as the database's own users and prints one row per page."""

from __future__ import annotations

import re

from sqlalchemy import Engine

from benchmarks import pages

NUMBER = r"-?\d+"


def test_page_benchmark_prints_a_row_of_figures_per_page(app_database: Engine, capsys) -> None:
    url = app_database.url.render_as_string(hide_password=False)
    pages.main(["--database-url", url, "--repeat", "1", "--roles", "gabinete",
                "--pages", "resumen"])  # fmt: skip
    printed = capsys.readouterr().out
    figures = rf"\| {NUMBER} \| {NUMBER} \| {NUMBER} \| {NUMBER}( ⚠)? \|"
    assert re.search(rf"^\| gabinete \| resumen {figures}$", printed, re.MULTILINE)
    assert re.search(rf"^\| — \| página trivial {figures}$", printed, re.MULTILINE)
    assert len(re.findall(r"^\| (gabinete|supervisor|admin|mesa|ingreso) \|", printed, re.M)) == 1
    assert re.search(r"^Controles de sesión por rerun: \d+\.\d ms", printed, re.MULTILINE)


def test_roles_without_a_user_are_skipped_with_a_note(app_database: Engine, capsys) -> None:
    url = app_database.url.render_as_string(hide_password=False)
    with app_database.begin() as connection:
        connection.exec_driver_sql("UPDATE users SET active = false WHERE role = 'mesa'")
    pages.main(["--database-url", url, "--repeat", "1", "--roles", "mesa", "--pages", "resumen"])
    printed = capsys.readouterr().out
    assert "Sin usuario activo de rol mesa: se omite." in printed
    assert "| mesa |" not in printed
