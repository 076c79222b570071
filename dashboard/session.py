"""The signed-in account of this browser session, set by the login gate in ``app.py``."""

from __future__ import annotations

import streamlit as st

from auth.accounts import Account
from auth.roles import Actor

ACCOUNT_KEY = "account"


def current_account() -> Account:
    return st.session_state[ACCOUNT_KEY]


def current_actor() -> Actor:
    return current_account().actor
