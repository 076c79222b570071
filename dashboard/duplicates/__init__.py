"""The same request of the same person, logged by two doors: found, scored, explained.

Blocking happens in SQL on exact keys (the same citizen, i.e. the same DNI/CUIL; or the same
normalised phone or address), the comparison in Python with rapidfuzz on a handful of fields.
``find`` proposes pairs (``duplicate_pairs``), ``probe`` counts rows of a sheet not yet
written that probably match a case, ``scope`` says which pairs a person may review, and
``words`` turns a pair's reasons into sentences. Nothing here imports Streamlit, the import
package or the commands, so all three can use it.
"""

from dashboard.duplicates.compare import Facts, Match, compare
from dashboard.duplicates.scope import review_scope_clause
from dashboard.duplicates.words import describe

__all__ = ["Facts", "Match", "compare", "describe", "review_scope_clause"]
