"""Integrations with shop frameworks, each an installable sub-app (``contrib.oscar``)."""
