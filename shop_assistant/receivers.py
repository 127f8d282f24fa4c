"""Signal receivers that keep the index fresh; connected by ``AppConfig.ready()``.

* Saving a host product queues its re-indexing once the transaction commits, coalesced
  (see :mod:`shop_assistant.indexing.freshness`); a price or stock change updates the
  entry's facets without encoding anything (unchanged passages are skipped).
* Deleting a product removes its entry, passages and vectors.
* Saving or deleting a row of a model listed in ``SHOP_ASSISTANT["RELATED_MODELS"]``
  (translations kept in their own table, ...) re-indexes the product(s) it belongs to.

Receivers are connected to exactly these senders (the product model and each related
model named in the settings), never to every model of the project.

``queryset.update()`` and ``bulk_create()`` send no signals: after such bulk writes run
``shop_assistant_reindex`` (or let the periodic reconciliation catch up).
Set ``SHOP_ASSISTANT["AUTO_INDEX"] = False`` to turn all of this off.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from .conf import app_settings, product_model_label
from .core import queue
from .core.ids import json_pk
from .indexing.freshness import request_index

logger = logging.getLogger(__name__)


def _request_on_commit(ids: list[Any], using: str | None) -> None:
    # robust: a database or broker problem is logged, never breaks the host's save.
    transaction.on_commit(partial(request_index, ids), using=using, robust=True)


def product_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not app_settings.AUTO_INDEX or instance.pk is None:
        return
    _request_on_commit([instance.pk], kwargs.get("using"))


def product_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    if not app_settings.AUTO_INDEX or instance.pk is None:
        return
    queue.send_on_commit(queue.REMOVE_PRODUCTS, [json_pk(instance.pk)], using=kwargs.get("using"))


def related_product_ids(instance: Any, path: str) -> list[Any]:
    """Pks of the products reached from ``instance`` by ``path`` (an attribute path that
    ends at a product or at a related manager of products)."""
    value: Any = instance
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return []
    if hasattr(value, "values_list"):
        return list(value.values_list("pk", flat=True))
    if hasattr(value, "all"):  # a related manager
        return list(value.all().values_list("pk", flat=True))
    return [getattr(value, "pk", value)]


def related_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    path = app_settings.RELATED_MODELS.get(sender._meta.label) or app_settings.RELATED_MODELS.get(
        sender._meta.label_lower
    )
    if raw or path is None or not app_settings.AUTO_INDEX:
        return
    ids = related_product_ids(instance, path)
    if ids:
        _request_on_commit(ids, kwargs.get("using"))


def related_deleting(sender: type, instance: Any, **kwargs: Any) -> None:
    """Before the row goes, while its products can still be reached through it."""
    related_saved(sender, instance, **kwargs)


def connect() -> None:
    """Connect the receivers to the product model and the configured related models
    (idempotent: fixed ``dispatch_uid``)."""
    try:
        label = product_model_label()
        related_models = list(app_settings.RELATED_MODELS)
    except ImproperlyConfigured:  # reported by the system checks (E001, E002)
        return
    post_save.connect(product_saved, sender=label, dispatch_uid="shop_assistant.product_saved")
    post_delete.connect(
        product_deleted, sender=label, dispatch_uid="shop_assistant.product_deleted"
    )
    for related in related_models:
        uid = f"shop_assistant.related.{related.lower()}"
        post_save.connect(related_saved, sender=related, dispatch_uid=f"{uid}.saved")
        pre_delete.connect(related_deleting, sender=related, dispatch_uid=f"{uid}.deleting")
