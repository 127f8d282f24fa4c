"""The only code that knows the host's product model.

A product adapter turns one host product into a :class:`ProductDocument`: texts per
language plus the facets search filters on. The default :class:`ProductAdapter` is
driven by ``SHOP_ASSISTANT["ADAPTER_FIELDS"]`` and understands translated fields in
three shapes:

* a JSON field per text field, ``{"en": "...", "es": "..."}``;
* one JSON field holding all translations, ``{"es": {"title": "...", ...}, ...}``
  (``"translations"`` key of the field map, django-parler's shape in one column);
* django-modeltranslation's ``title_es`` / ``description_de`` columns.

Shops with anything else subclass it and point ``SHOP_ASSISTANT["ADAPTER"]`` at theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings

from .conf import app_settings
from .core.html import html_to_text
from .core.loading import instantiate
from .language import detect, primary_code, shop_languages


@dataclass
class LocalizedText:
    """The texts of one product in one language."""

    title: str = ""
    description: str = ""
    bullets: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.title.strip() or self.description.strip() or any(self.bullets))


@dataclass
class ProductDocument:
    """What shop_assistant knows about one product, independent of the host's schema."""

    product_id: Any
    texts: dict[str, LocalizedText]
    price: Decimal | None = None
    currency: str = ""
    in_stock: bool = True
    category_path: list[str] = field(default_factory=list)  # slugs, root first
    category_names: dict[str, str] = field(default_factory=dict)  # language -> leaf name
    brand: str = ""
    attributes: dict[str, str] = field(default_factory=dict)  # filterable facets
    url: str = ""
    image: str = ""
    group: str = ""  # variant family: products sharing it are variants of one model
    is_published: bool = True
    rebuyable: bool = False  # a consumable that may be recommended again after purchase

    @property
    def languages(self) -> list[str]:
        return sorted(lang for lang, text in self.texts.items() if not text.is_empty())

    def facets(self) -> dict[str, Any]:
        """Everything that is filtered on but never embedded."""
        return {
            "price": self.price,
            "currency": self.currency,
            "in_stock": self.in_stock,
            "category_path": list(self.category_path),
            "brand": self.brand,
            "attributes": dict(self.attributes),
            "url": self.url,
            "image": self.image,
            "group": self.group,
            "is_published": self.is_published,
            "rebuyable": self.rebuyable,
        }


@dataclass
class Review:
    """A customer review of a product, exposed by the adapter as Q&A evidence."""

    text: str
    language: str
    rating: int | None = None  # 1..5 when known
    author: str = ""
    id: Any = None


#: Keys of ``ADAPTER_FIELDS`` and their defaults. Values are attribute paths on the
#: product (``"brand.name"``); a callable attribute is called without arguments.
DEFAULT_FIELDS: dict[str, Any] = {
    "title": "title",
    "description": "description",
    "bullets": None,  # text with one bullet per line, or a list
    "translations": None,  # one JSON field: {lang: {"title": ..., "description": ...}}
    "language": None,  # field holding the language of the untranslated fields
    "price": "price",
    "currency": "currency",
    "default_currency": "EUR",
    "in_stock": None,  # a boolean field; else derived from "stock"
    "stock": "stock",
    "brand": "brand",
    "category": "category",  # an object with "slug", "name" and "parent"
    "category_slug": "slug",
    "category_name": "name",
    "category_parent": "parent",
    "attributes": (),  # attribute paths copied into the facets
    "attributes_field": None,  # a JSON dict field merged into the facets
    "url": "get_absolute_url",
    "image": None,
    "group": None,
    "published": None,  # a boolean field; unpublished products are never served
    "rebuyable": None,  # a boolean field marking consumables
    "updated_at": "updated_at",  # a datetime field the host updates on every save, if any
    "attribute_labels": None,  # {key: {language: label}}, see get_attribute_labels
    "value_labels": None,  # {key: {value: {language: label}}}, see get_value_labels
}


def resolve(obj: Any, path: str | None, default: Any = None) -> Any:
    """Follow a dotted attribute path, calling callables; ``default`` on any gap."""
    if not path:
        return default
    value = obj
    for part in path.split("."):
        if value is None:
            return default
        value = getattr(value, part, None)
        if callable(value) and not hasattr(value, "all"):
            value = value()
    return default if value is None else value


class ProductAdapter:
    """Settings-driven adapter. Override any ``get_*`` method in a subclass."""

    def __init__(self, fields: Mapping[str, Any] | None = None) -> None:
        overrides = app_settings.ADAPTER_FIELDS if fields is None else fields
        unknown = set(overrides) - set(DEFAULT_FIELDS)
        if unknown:
            raise ValueError(f"Unknown ADAPTER_FIELDS key(s): {', '.join(sorted(unknown))}")
        self.fields = {**DEFAULT_FIELDS, **overrides}

    # -- the entry point -------------------------------------------------------------
    def to_document(self, product: Any) -> ProductDocument:
        return ProductDocument(
            product_id=product.pk,
            texts=self.get_texts(product),
            price=self.get_price(product),
            currency=self.get_currency(product),
            in_stock=self.get_in_stock(product),
            category_path=self.get_category_path(product),
            category_names=self.get_category_names(product),
            brand=str(resolve(product, self.fields["brand"], "")),
            attributes=self.get_attributes(product),
            url=str(resolve(product, self.fields["url"], "")),
            image=self.get_image(product),
            group=str(resolve(product, self.fields["group"], "")),
            is_published=self.is_published(product),
            rebuyable=bool(resolve(product, self.fields["rebuyable"], False)),
        )

    def is_published(self, product: Any) -> bool:
        """Whether ``product`` may be shown (``to_document`` uses it; Q&A asks it alone, as
        building the whole document costs milliseconds)."""
        return bool(resolve(product, self.fields["published"], True))

    def get_queryset(self, model: type) -> Any:
        """Products to index, with the relations :meth:`to_document` follows fetched up front."""
        category = self.fields["category"]
        parent = self.fields["category_parent"]
        paths = [self.fields["brand"], f"{category}.{parent}.{parent}" if category else None]
        related = {r for r in (_relation_path(model, p) for p in paths if p) if r}
        qs = model._default_manager.all()
        return qs.select_related(*sorted(related)) if related else qs

    def updated_field(self, model: type) -> str | None:
        """The product model's last-modified field (``ADAPTER_FIELDS["updated_at"]``), if it
        has one: the periodic reconciliation checks recently changed products first."""
        name = self.fields["updated_at"]
        try:
            field = model._meta.get_field(name) if name else None
        except Exception:
            return None
        return name if field is not None and field.get_internal_type() == "DateTimeField" else None

    # -- texts ------------------------------------------------------------------------
    def base_language(self, product: Any) -> str:
        """The language of the product's untranslated texts: its ``language`` field when
        one is configured, else detected from the texts among the served languages
        (:func:`~shop_assistant.language.detect`), else ``settings.LANGUAGE_CODE``."""
        if self.fields["language"]:
            value = resolve(product, self.fields["language"])
            return primary_code(str(value)) if value else primary_code(settings.LANGUAGE_CODE)
        detected = detect_language(self._plain_texts(product))
        return detected or primary_code(settings.LANGUAGE_CODE)

    def _plain_texts(self, product: Any) -> list[str]:
        """The untranslated title and description (what the base language is about)."""
        texts = []
        for name in ("title", "description"):
            value = resolve(product, self.fields[name]) if self.fields[name] else None
            if isinstance(value, str) and value.strip():
                texts.append(html_to_text(value))
        return texts

    def get_texts(self, product: Any) -> dict[str, LocalizedText]:
        languages = shop_languages()
        base = self.base_language(product)
        texts: dict[str, LocalizedText] = {}
        for lang in dict.fromkeys([base, *languages]):
            text = LocalizedText(
                title=self._text(product, "title", lang, base),
                description=self._text(product, "description", lang, base),
                bullets=self._bullets(product, lang, base),
            )
            if not text.is_empty():
                texts[lang] = text
        return texts

    def _text(self, product: Any, name: str, lang: str, base: str) -> str:
        path = self.fields[name]
        if not path:
            return ""
        value = resolve(product, path)
        if isinstance(value, Mapping):  # per-field JSON translations
            return _plain(value.get(lang))
        translations = resolve(product, self.fields["translations"])
        if isinstance(translations, Mapping) and lang in translations:
            return _plain((translations[lang] or {}).get(name))
        modeltranslation = getattr(product, f"{path}_{lang.replace('-', '_')}", None)
        if isinstance(modeltranslation, str):
            return _plain(modeltranslation)
        return _plain(value) if lang == base else ""

    def _bullets(self, product: Any, lang: str, base: str) -> list[str]:
        raw: Any = self._text(product, "bullets", lang, base) if self.fields["bullets"] else ""
        if isinstance(raw, str):
            raw = raw.splitlines()
        return [b.strip(" -•\t") for b in raw if b and b.strip(" -•\t")]

    # -- facets -----------------------------------------------------------------------
    def get_price(self, product: Any) -> Decimal | None:
        value = resolve(product, self.fields["price"])
        if value is None or value == "":
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None

    def get_currency(self, product: Any) -> str:
        return str(resolve(product, self.fields["currency"], self.fields["default_currency"]))

    def get_in_stock(self, product: Any) -> bool:
        if self.fields["in_stock"]:
            return bool(resolve(product, self.fields["in_stock"], False))
        stock = resolve(product, self.fields["stock"])
        return True if stock is None else stock > 0

    def _categories(self, product: Any) -> list[Any]:
        node = resolve(product, self.fields["category"])
        chain: list[Any] = []
        while node is not None and len(chain) < 32:
            chain.append(node)
            node = resolve(node, self.fields["category_parent"])  # "get_parent": treebeard
        return chain[::-1]

    def get_category_path(self, product: Any) -> list[str]:
        return [
            str(resolve(c, self.fields["category_slug"], "")) for c in self._categories(product)
        ]

    def get_category_names(self, product: Any) -> dict[str, str]:
        chain = self._categories(product)
        if not chain:
            return {}
        leaf = chain[-1]
        names: dict[str, str] = {}
        for lang in shop_languages():
            name = self._text(leaf, "category_name", lang, primary_code(settings.LANGUAGE_CODE))
            if name:
                names[lang] = name
        return names

    def get_attributes(self, product: Any) -> dict[str, str]:
        attributes: dict[str, str] = {}
        extra = resolve(product, self.fields["attributes_field"])
        if isinstance(extra, Mapping):
            attributes.update(
                {str(k): _facet_value(v) for k, v in extra.items() if v not in ("", None)}
            )
        for path in self.fields["attributes"]:
            value = resolve(product, path)
            if value not in ("", None):
                attributes[path.split(".")[-1]] = _facet_value(value)
        return attributes

    def get_image(self, product: Any) -> str:
        value = resolve(product, self.fields["image"], "")
        return str(getattr(value, "url", value) or "") if value else ""

    # -- labels of attributes and their values ---------------------------------------
    def get_attribute_labels(self) -> dict[str, dict[str, str]]:
        """``{attribute key: {language: label}}``: how the shop names its attributes
        ("color" → {"en": "Colour", "es": "Color"}). Search shows them on facets, Q&A
        recognises questions about an attribute by them (across languages through the
        encoder, so one language is enough). Default: ``ADAPTER_FIELDS["attribute_labels"]``."""
        return dict(self.fields["attribute_labels"] or {})

    def get_value_labels(self) -> dict[str, dict[str, dict[str, str]]]:
        """``{attribute key: {stored value: {language: label}}}``: the same value in each
        language ("color" → {"red": {"es": "rojo", "de": "rot"}}). Filters accept a value in
        any of its languages and facets show the shopper's. Default:
        ``ADAPTER_FIELDS["value_labels"]``."""
        return dict(self.fields["value_labels"] or {})

    # -- Q&A evidence -----------------------------------------------------------------
    def get_reviews(self, product: Any) -> list[Review]:
        """Customer reviews quoted as Q&A evidence; a shop with reviews overrides this."""
        return []

    # -- recommendations --------------------------------------------------------------
    def get_orders(self) -> Iterable[tuple[Any, list[Any]]]:
        """The host's past orders as ``(order_id, [product pk, ...])`` for "bought together".

        Read by the periodic co-purchase refresh, merged with purchase events that carry
        an ``order_id`` (one namespace: an order reported both ways counts once). None by
        default; a shop with an order model overrides this (the demo's adapter does).
        """
        return ()


def _plain(value: Any) -> str:
    """A stored text as plain text: HTML (a shop's rich-text editor) becomes sentences."""
    return html_to_text(str(value or "")).strip()


def detect_language(texts: Iterable[str]) -> str | None:
    """The served language ``texts`` are written in, or None when they do not say."""
    text = "\n".join(t for t in texts if t)
    return detect(text) if text.strip() else None


#: Methods of a related manager that pick one object: ``"categories.first"`` follows a
#: many-to-many relation to one category.
ONE_OF_MANY = frozenset({"first", "last", "earliest", "latest"})


def _relation_path(model: type, path: str) -> str:
    """The longest prefix of ``path`` made of to-one relations, as a ``select_related``
    lookup (a to-many relation, ``categories.first``, is read per product)."""
    parts: list[str] = []
    for name in path.split("."):
        try:
            field = model._meta.get_field(name)
        except Exception:
            break
        if not field.is_relation or field.related_model is None:
            break
        if field.many_to_many or field.one_to_many:
            break
        parts.append(name)
        model = field.related_model
    return "__".join(parts)


def _facet_value(value: Any) -> str:
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping):
        return ",".join(str(v) for v in value)
    return str(value)


def get_adapter() -> ProductAdapter:
    """A fresh adapter of the configured class (resolved per call, like allauth)."""
    return instantiate('SHOP_ASSISTANT["ADAPTER"]', app_settings.ADAPTER)
