"""Plumbing shared by every layer: errors, pluggable classes, pk coercion, the per-process
memo and the queue of Celery messages. Nothing here knows the catalog or the features."""
