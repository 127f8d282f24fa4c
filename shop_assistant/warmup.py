"""Load, once per process, what a first request would otherwise wait for.

The encoder of the active space (its weights, a first forward pass) and the language
detector of the shop's languages (its n-gram models) load lazily; in a fresh web or
worker process the first search or question pays seconds for it. Call :func:`warm_up`
where the process starts: from the project's ``wsgi.py`` after
``get_wsgi_application()``, or from Celery's ``worker_process_init``. It reads the
database (the active space), so never call it at import time of an app.
"""

from __future__ import annotations

import logging
import time

from .indexing.spaces import active_space
from .language import detect, shop_languages

logger = logging.getLogger(__name__)


def warm_up() -> float:
    """Load the active encoder and the language detector; return the seconds it took."""
    started = time.perf_counter()
    space = active_space()
    if space is not None:
        space.get_encoder().encode_queries(["warm up"])
    if len(shop_languages()) > 1:
        detect("warming up the language detector")
    seconds = time.perf_counter() - started
    logger.info("shop_assistant warmed up in %.1f s", seconds)
    return seconds
