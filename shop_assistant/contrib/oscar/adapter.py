"""The product adapter for django-oscar's catalogue.

* **Variants**: a parent product is served for its whole family; its children are not
  indexed on their own. The parent carries its children's attribute values (``size:
  "L,M,S"``), one bullet per child, the price and availability oscar's strategy gives
  a parent (``fetch_for_parent``: the cheapest available child); a purchase of a child
  counts for the parent in "bought together".
* **Price and availability** through ``Selector().strategy()`` (the shop's own
  strategy class when it forks the partner app), without a request: the anonymous
  customer's price.
* **Categories**: the first browsable category and its treebeard ancestors.
* **Attributes**: every attribute value as a facet, keyed by its code and labelled by
  its name (Q&A answers "what is the material?" from it); rich text becomes text.
* **Texts**: title (a child's falls back to its parent's) and description, HTML turned
  into sentences, the language detected from the text (oscar has no language field).
* **Images**: the primary image's URL, not oscar's placeholder.
* **Reviews**: approved reviews as Q&A evidence. **Orders**: order lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import groupby
from typing import Any

from django.apps import apps
from django.conf import settings

from ...catalog import ProductAdapter, ProductDocument, Review, detect_language
from ...conf import app_settings
from ...core.html import html_to_text
from ...language import primary_code

#: The field map oscar's product model needs (the rest is read by the methods below).
OSCAR_FIELDS: dict[str, Any] = {
    "title": "get_title",
    "description": "description",
    "category": None,
    "brand": None,
    "price": None,
    "stock": None,
    "url": "get_absolute_url",
    "published": "is_public",
    "updated_at": "date_updated",
}

#: Order lines read per chunk for co-purchases.
ORDER_CHUNK = 2000


def _strategy() -> Any:
    from oscar.core.loading import get_class

    return get_class("partner.strategy", "Selector")().strategy()


def _default_language() -> str:
    return primary_code(settings.LANGUAGE_CODE)


class OscarProductAdapter(ProductAdapter):
    """Maps ``catalogue.Product`` (and the shop's fork of it) to a ProductDocument.

    ``ADAPTER_FIELDS`` still applies over :data:`OSCAR_FIELDS` (e.g. ``"brand":
    "attr.brand"``); override any ``get_*`` method in a subclass for more.
    """

    def __init__(self, fields: dict[str, Any] | None = None) -> None:
        super().__init__(fields)
        configured = app_settings.ADAPTER_FIELDS if fields is None else fields
        self.fields = {**self.fields, **OSCAR_FIELDS, **configured}
        self._strategy: Any = None

    @property
    def strategy(self) -> Any:
        if self._strategy is None:
            self._strategy = _strategy()
        return self._strategy

    # -- which products -----------------------------------------------------------------
    def get_queryset(self, model: type) -> Any:
        """Standalone and parent products (children are served through their parent)."""
        return (
            model._default_manager.exclude(structure=model.CHILD)
            .select_related("product_class", "parent")
            .prefetch_related(
                "stockrecords",
                "images",
                "attribute_values__attribute",
                "children__attribute_values__attribute",
                "children__stockrecords",
            )
        )

    def to_document(self, product: Any) -> ProductDocument:
        document = super().to_document(product)
        document.brand = document.brand or document.attributes.get("brand", "")
        return document

    # -- texts (the language is detected: oscar has no language field) -----------------
    def _bullets(self, product: Any, lang: str, base: str) -> list[str]:
        """One bullet per child variant (its title when it has its own, its attributes)."""
        if lang != base or not getattr(product, "is_parent", False):
            return super()._bullets(product, lang, base)
        bullets = []
        for child in _public_children(product):
            values = ", ".join(
                f"{value.attribute.name}: {_value_text(value)}"
                for value in child.attribute_values.all()
                if _value_text(value)
            )
            own = child.title.strip() if child.title else ""
            bullet = "; ".join(part for part in (own, values) if part)
            if bullet:
                bullets.append(bullet)
        return bullets

    # -- price and stock ------------------------------------------------------------------
    def _purchase_info(self, product: Any) -> Any:
        cache = getattr(product, "_shop_assistant_purchase_info", None)
        if cache is None:
            if product.is_parent:
                cache = self.strategy.fetch_for_parent(product)
            else:
                cache = self.strategy.fetch_for_product(product)
            product._shop_assistant_purchase_info = cache
        return cache

    def get_price(self, product: Any) -> Decimal | None:
        price = self._purchase_info(product).price
        if not price.exists:
            return None
        value = price.incl_tax if price.is_tax_known else price.excl_tax
        return None if value is None else Decimal(value)

    def get_currency(self, product: Any) -> str:
        price = self._purchase_info(product).price
        currency = getattr(price, "currency", None) if price.exists else None
        return str(currency or getattr(settings, "OSCAR_DEFAULT_CURRENCY", "") or "")

    def get_in_stock(self, product: Any) -> bool:
        return bool(self._purchase_info(product).availability.is_available_to_buy)

    # -- categories -----------------------------------------------------------------------
    def _category(self, product: Any) -> Any:
        owner = product.parent if product.is_child and product.parent_id else product
        return owner.categories.browsable().order_by("path").first()

    def get_category_path(self, product: Any) -> list[str]:
        category = self._category(product)
        if category is None:
            return []
        return [node.slug for node in category.get_ancestors_and_self()]

    def get_category_names(self, product: Any) -> dict[str, str]:
        category = self._category(product)
        return {_default_language(): category.name} if category is not None else {}

    # -- attributes -----------------------------------------------------------------------
    def get_attributes(self, product: Any) -> dict[str, str]:
        """The product's attribute values; a parent's also gather its children's values
        (``{"size": "L,M,S"}``: each value a filter matches)."""
        attributes = super().get_attributes(product)
        attributes.update(_attribute_texts(product.attribute_values.all()))
        if product.is_parent:
            variants: dict[str, set[str]] = {}
            for child in _public_children(product):
                for code, text in _attribute_texts(child.attribute_values.all()).items():
                    variants.setdefault(code, set()).add(text)
            for code, values in variants.items():
                if code not in attributes:
                    attributes[code] = ",".join(sorted(values))
        return attributes

    def get_attribute_labels(self) -> dict[str, dict[str, str]]:
        """Each attribute's name as its label, in the shop's default language."""
        attribute_model = apps.get_model("catalogue", "ProductAttribute")
        labels = {
            code: {_default_language(): name}
            for code, name in attribute_model.objects.values_list("code", "name")
        }
        return {**labels, **super().get_attribute_labels()}

    # -- images ---------------------------------------------------------------------------
    def get_image(self, product: Any) -> str:
        images = list(product.images.all())
        if not images and product.is_child and product.parent_id:
            images = list(product.parent.images.all())
        if not images:
            return ""  # not oscar's placeholder: no image is no image
        image = min(images, key=lambda item: item.display_order)
        return image.original.url if image.original else ""

    # -- reviews and orders -----------------------------------------------------------------
    def get_reviews(self, product: Any) -> list[Review]:
        if not apps.is_installed("oscar.apps.catalogue.reviews"):
            return []
        review_model = apps.get_model("reviews", "ProductReview")
        reviews = []
        for review in review_model.objects.filter(
            product=product, status=review_model.APPROVED
        ).order_by("pk"):
            text = html_to_text(". ".join(p for p in (review.title, review.body) if p))
            reviews.append(
                Review(
                    text=text,
                    language=detect_language([text]) or _default_language(),
                    rating=review.score,
                    author=review.name or "",
                    id=review.pk,
                )
            )
        return reviews

    def get_orders(self) -> Iterator[tuple[Any, list[Any]]]:
        """Order lines, a child variant counted as its parent (the product served)."""
        if not apps.is_installed("oscar.apps.order"):
            return
        line_model = apps.get_model("order", "Line")
        lines = (
            line_model.objects.filter(product__isnull=False)
            .order_by("order_id", "pk")
            .values_list("order__number", "product_id", "product__parent_id")
        )
        for number, group in groupby(
            lines.iterator(chunk_size=ORDER_CHUNK), key=lambda line: line[0]
        ):
            yield number, list(dict.fromkeys(parent or pk for _n, pk, parent in group))


def _public_children(product: Any) -> list[Any]:
    return [child for child in product.children.all() if child.is_public]


def _value_text(value: Any) -> str:
    try:
        text = value.value_as_text
    except Exception:  # a file or entity attribute oscar cannot render
        return ""
    if isinstance(text, bool):
        return "yes" if text else "no"
    return html_to_text(str(text)).strip() if text not in (None, "") else ""


def _attribute_texts(values: Any) -> dict[str, str]:
    texts = {}
    for value in values:
        text = _value_text(value)
        if text:
            texts[value.attribute.code] = text
    return texts
