"""The task force's evidence: process changes, frozen baselines and the before/after analysis
of whether a change helped.

A Streamlit-free core shared by the pages (``pages/cambios.py``, ``pages/linea_de_base.py``,
``pages/evidencia.py``) and the command line (``python -m dashboard.evidence``): the weekly
series come from ``queries.evidence`` (aggregated in the database), the statistics
(``stats``) run in Python on those few hundred rows.
"""
