"""Bringing the intake areas' spreadsheets into the shared case database."""
