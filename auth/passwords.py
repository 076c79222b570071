"""Password hashing with bcrypt; plain passwords are never stored, printed or logged."""

from __future__ import annotations

import bcrypt

MIN_LENGTH = 10


class WeakPassword(ValueError):
    """The password is too short to protect citizens' data."""


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"La contraseña debe tener al menos {MIN_LENGTH} caracteres.")
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def verify_password(password: str, password_hash: str) -> bool:
    return bcrypt.checkpw(password.encode(), password_hash.encode())
