"""The re-login cookie: a key that is never the library's public default, and revocation.

streamlit-authenticator's cookie is an HS256 JWT of ``{username, exp_date}``. It carries no
issue time, but ``exp_date`` minus the cookie's lifetime is exactly when it was issued; a
cookie issued before ``users.sessions_valid_after`` (set at logout, password change or
disabling) is refused even though its signature is good.
"""

from __future__ import annotations

import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path

import jwt

from auth.accounts import Account
from dashboard.domain import LOCAL_TZ
from dashboard.settings import PROJECT_ROOT, secret

COOKIE_NAME = "mdc_tablero_sesion"
COOKIE_EXPIRY_DAYS = 1.0
MIN_KEY_LENGTH = 32
#: Keys published with the library or in its examples: anyone could forge cookies with them.
PUBLIC_KEYS = frozenset({"", "some_key", "some_signature_key", "abcdef", "random_signature_key"})
DEMO_KEY_FILE = PROJECT_ROOT / "data" / "cookie_key.txt"


class CookieKeyError(RuntimeError):
    """No safe cookie key is configured; the app must not start."""


def cookie_key(embedded_demo: bool) -> str:
    """``AUTH_COOKIE_KEY`` from the environment or secrets; a local random key for the demo."""
    configured = os.environ.get("AUTH_COOKIE_KEY") or secret("AUTH_COOKIE_KEY")
    if configured and configured not in PUBLIC_KEYS and len(configured) >= MIN_KEY_LENGTH:
        return configured
    if embedded_demo and not configured:
        return _demo_key(DEMO_KEY_FILE)
    raise CookieKeyError(
        "Falta una clave segura para la cookie de sesión: definí AUTH_COOKIE_KEY (variable de "
        f"entorno o .streamlit/secrets.toml) con al menos {MIN_KEY_LENGTH} caracteres al azar, "
        "por ejemplo con `python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
    )


def _demo_key(path: Path) -> str:
    """A random key kept beside the demo database, so demo cookies survive a restart."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def issued_at(token: str, key: str) -> tuple[str, datetime] | None:
    """Username and local issue time of a well-signed cookie, else ``None``."""
    try:
        claims = jwt.decode(token, key, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    issued = datetime.fromtimestamp(claims["exp_date"], LOCAL_TZ) - timedelta(
        days=COOKIE_EXPIRY_DAYS
    )
    return claims["username"], issued.replace(tzinfo=None)


def still_valid(account: Account | None, issued: datetime) -> bool:
    """A cookie logs in only an active user whose sessions were not revoked after it."""
    if account is None or not account.active:
        return False
    return account.sessions_valid_after is None or issued > account.sessions_valid_after
