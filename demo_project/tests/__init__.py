"""The demo project's own tests: ``pytest demo_project/tests --ds demo_project.tests.settings``
(``make test`` runs them after the library's suite in ``tests/``)."""
