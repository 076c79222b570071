"""Every read the dashboard makes: plain functions, connection and filters in, DataFrame out.

Nothing here imports Streamlit, so each function can be tested and benchmarked on its own:
``benchmarks/queries.py`` finds and times every public function of these modules whose first
parameter is ``connection`` (helpers live in modules whose name starts with ``_``).
"""
