"""Run a SQLAlchemy statement and hand back a DataFrame with the statement's column names."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Executable


def to_frame(connection: Connection, statement: Executable) -> pd.DataFrame:
    result = connection.execute(statement)
    return pd.DataFrame(result.all(), columns=list(result.keys()))
