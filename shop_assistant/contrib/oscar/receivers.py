"""Keep the index fresh for every way django-oscar changes a product.

oscar's ``Product.save()`` sends ``post_save`` *before* it writes the attribute values,
and writes those with ``bulk_update``/``bulk_create`` (no signal); its dashboard views
are not atomic. So a product saved during a request is re-indexed when the request
ends (``request_finished``, after every form and formset of the view has saved), not
at its ``post_save``; outside a request, when the transaction commits (an atomic block
holds the attribute writes too). The periodic reconciliation catches what is left
(``Product.date_updated`` marks the recently saved ones). The deferral is tested with
WSGI requests (Django's test client), not under an ASGI server; should a request's
context not reach the view there, a product is indexed at its save and the
reconciliation brings in the attribute values written after it.

Followed besides the product itself: stock records (a child's reach its parent, the
product served), images, approved reviews, category links, attribute values saved one
by one, and categories (a rename or move re-indexes the products of the category and
of every category below it).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from functools import partial
from typing import Any

from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from ...conf import app_settings
from ...indexing.freshness import request_index

#: Products changed during the current request, indexed when it ends (None: no request).
_pending: ContextVar[set[Any] | None] = ContextVar("shop_assistant_oscar_pending", default=None)


def request_products(ids: Iterable[Any], using: str | None = None) -> None:
    """Re-index these products once the request ends (or the transaction commits)."""
    wanted = {pk for pk in ids if pk is not None}
    if not wanted or not app_settings.AUTO_INDEX:
        return
    pending = _pending.get()
    if pending is not None:
        pending.update(wanted)
        return
    transaction.on_commit(partial(request_index, sorted(wanted)), using=using, robust=True)


def request_began(**kwargs: Any) -> None:
    _pending.set(set())


def request_ended(**kwargs: Any) -> None:
    pending = _pending.get()
    _pending.set(None)
    if pending:
        # robust: a database or broker problem is logged, never breaks the response.
        transaction.on_commit(partial(request_index, sorted(pending)), robust=True)


def _with_parent(product: Any) -> list[Any]:
    """A product and, for a child variant, its parent (the product served)."""
    return [product.pk, getattr(product, "parent_id", None)]


def product_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        request_products(_with_parent(instance), kwargs.get("using"))


def child_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    """A deleted variant changes its parent (the core receiver removes the child)."""
    if getattr(instance, "parent_id", None):
        request_products([instance.parent_id], kwargs.get("using"))


def product_row_changed(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A row with a ``product`` foreign key: stock record, image, review, attribute value,
    category link."""
    if raw or not instance.product_id:
        return
    product_model = apps.get_model("catalogue", "Product")
    parents = product_model._default_manager.filter(pk=instance.product_id).values_list(
        "parent_id", flat=True
    )  # a query, not instance.product: on a cascade delete the product may be gone
    request_products([instance.product_id, *parents], kwargs.get("using"))


def categories_changed(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    """``product.categories.add/remove/set`` (the through model sends no post_save)."""
    if not action.startswith("post_"):
        return
    product_model = apps.get_model("catalogue", "Product")
    if isinstance(instance, product_model):
        request_products([instance.pk], kwargs.get("using"))
    else:  # category.product_set.add(...)
        request_products(kwargs.get("pk_set") or (), kwargs.get("using"))


def category_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A renamed or moved category changes the path of every product below it."""
    if raw or instance.pk is None:
        return
    product_model = apps.get_model("catalogue", "Product")
    # treebeard's materialized path: the category and every category below it.
    categories = type(instance)._default_manager.filter(path__startswith=instance.path)
    ids = (
        product_model._default_manager.filter(categories__in=categories)
        .values_list("pk", flat=True)
        .distinct()
    )
    request_products(list(ids), kwargs.get("using"))


def connect() -> None:
    """Replace the core product receiver (it would index before oscar writes the
    attribute values) and follow oscar's related models (idempotent)."""
    from ...receivers import product_saved as core_product_saved

    product = apps.get_model("catalogue", "Product")
    post_save.disconnect(
        core_product_saved, sender=product, dispatch_uid="shop_assistant.product_saved"
    )
    uid = "shop_assistant.oscar"
    post_save.connect(product_saved, sender=product, dispatch_uid=f"{uid}.product_saved")
    post_delete.connect(child_deleted, sender=product, dispatch_uid=f"{uid}.child_deleted")
    request_started.connect(request_began, dispatch_uid=f"{uid}.request_began")
    request_finished.connect(request_ended, dispatch_uid=f"{uid}.request_ended")
    related = [
        ("partner", "StockRecord"),
        ("catalogue", "ProductImage"),
        ("catalogue", "ProductAttributeValue"),
        ("catalogue", "ProductCategory"),
        ("reviews", "ProductReview"),
    ]
    for app_label, name in related:
        try:
            model = apps.get_model(app_label, name)
        except LookupError:  # an oscar app the shop left out (e.g. reviews)
            continue
        key = f"{uid}.{app_label}.{name.lower()}"
        post_save.connect(product_row_changed, sender=model, dispatch_uid=f"{key}.saved")
        post_delete.connect(product_row_changed, sender=model, dispatch_uid=f"{key}.deleted")
    m2m_changed.connect(
        categories_changed, sender=product.categories.through, dispatch_uid=f"{uid}.categories"
    )
    category = apps.get_model("catalogue", "Category")
    post_save.connect(category_saved, sender=category, dispatch_uid=f"{uid}.category_saved")
