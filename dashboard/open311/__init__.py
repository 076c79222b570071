"""Open data in Open311 GeoReport v2: the ministry publishes its categories and its requests.

``python -m dashboard.open311 export --from AAAA-MM-DD --to AAAA-MM-DD`` writes
``services.json`` (one service per category) and ``requests.json`` (one request per case
created in those days) in the shape of GeoReport v2's ``GET services`` and ``GET requests``
answers, so anyone can read them with the tools cities already use. Nothing personal leaves:
no citizen is read at all, only categories, departments, partidos, statuses and dates.
``docs/open311.md`` maps every field to the database.
"""
