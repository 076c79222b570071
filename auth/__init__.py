"""Who may use the dashboard and what each person may see.

``passwords`` (bcrypt), ``accounts`` (users as the login needs them), ``lockout`` (failed
attempts counted in the database), ``cookies`` (the re-login cookie's key and revocation),
``roles`` (pages and personal data per role), ``gate`` (the Streamlit login flow) and
``users`` (the command line for administrators). Nothing here but ``gate`` imports Streamlit.
"""
