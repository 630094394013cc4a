"""Faust's own command line for the app: ``python -m agents.faust_cli worker -l info``
(what ``newsstream worker`` runs; see :func:`agents.app.main`)."""

from agents.app import main

main()
