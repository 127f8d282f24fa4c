"""Multilingual semantic search, recommendations and grounded Q&A for Django shops."""

__version__ = "0.1.0"
