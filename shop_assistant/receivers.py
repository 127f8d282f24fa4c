"""Signal receivers that keep the index fresh; connected by ``AppConfig.ready()``.

* Saving a host product queues its re-indexing once the transaction commits, coalesced
  (see :mod:`shop_assistant.indexing.freshness`); a price or stock change updates the
  entry's facets without encoding anything (unchanged passages are skipped).
* Deleting a product removes its entry, passages and vectors.
* Saving or deleting a row of a model listed in ``SHOP_ASSISTANT["RELATED_MODELS"]``
  (translations kept in their own table, ...) re-indexes the product(s) it belongs to.

``queryset.update()`` and ``bulk_create()`` send no signals: after such bulk writes run
``shop_assistant_reindex`` (or let the periodic full re-index catch up).
Set ``SHOP_ASSISTANT["AUTO_INDEX"] = False`` to turn all of this off.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from .conf import app_settings, product_model_label

logger = logging.getLogger(__name__)


def _after_commit(using: str | None, func: Callable[[], Any]) -> None:
    # robust: a broker or worker problem is logged, never breaks the host's save.
    transaction.on_commit(func, using=using, robust=True)


def _request(ids: list[Any]) -> Callable[[], Any]:
    def queue() -> None:
        from .indexing.freshness import request_index

        request_index(ids)

    return queue


def product_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not app_settings.AUTO_INDEX or instance.pk is None:
        return
    _after_commit(kwargs.get("using"), _request([instance.pk]))


def product_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    if not app_settings.AUTO_INDEX or instance.pk is None:
        return
    pk = instance.pk

    def queue() -> None:
        from .tasks import remove_products

        remove_products.delay([pk])

    _after_commit(kwargs.get("using"), queue)


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


def _related_path(sender: type) -> str | None:
    related = app_settings.RELATED_MODELS
    if not related:
        return None
    return related.get(sender._meta.label) or related.get(sender._meta.label_lower)


def related_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    path = _related_path(sender)
    if raw or path is None or not app_settings.AUTO_INDEX:
        return
    ids = related_product_ids(instance, path)
    if ids:
        _after_commit(kwargs.get("using"), _request(ids))


def related_deleting(sender: type, instance: Any, **kwargs: Any) -> None:
    """Before the row goes, while its products can still be reached through it."""
    related_saved(sender, instance, **kwargs)


def connect() -> None:
    """Connect the receivers (idempotent: fixed ``dispatch_uid``)."""
    try:
        label = product_model_label()
    except ImproperlyConfigured:  # reported by system check shop_assistant.E001
        return
    post_save.connect(product_saved, sender=label, dispatch_uid="shop_assistant.product_saved")
    post_delete.connect(
        product_deleted, sender=label, dispatch_uid="shop_assistant.product_deleted"
    )
    post_save.connect(related_saved, dispatch_uid="shop_assistant.related_saved")
    pre_delete.connect(related_deleting, dispatch_uid="shop_assistant.related_deleting")
