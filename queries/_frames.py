"""Run a SQLAlchemy statement and hand back a DataFrame with the statement's column names."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Executable


def to_frame(connection: Connection, statement: Executable) -> pd.DataFrame:
    """The rows as plain tuples: given SQLAlchemy's rows, pandas probes each one for
    attributes it does not have (``hasattr`` on a ``Row`` raises and catches inside), which on
    the tens of thousands of rows of a weekly series cost more than the query itself."""
    result = connection.execute(statement)
    return pd.DataFrame(list(map(tuple, result.all())), columns=list(result.keys()))
