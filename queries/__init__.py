"""Every read the dashboard makes: plain functions, connection and filters in, DataFrame out.

Nothing here imports Streamlit, so each function can be tested and benchmarked on its own
(``benchmarks/queries.py`` runs every function listed in ``ALL_QUERIES``).
"""
