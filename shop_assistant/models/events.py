"""Visitor events (views, clicks, carts, purchases), trending scores and merchandising rules."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .search import SearchLog


class Interaction(models.Model):
    """One event of one visitor (anonymous id and/or user) on one product."""

    class Type(models.TextChoices):
        VIEW = "view", _("view")
        CLICK = "click", _("click")
        ADD_TO_CART = "add_to_cart", _("add to cart")
        PURCHASE = "purchase", _("purchase")
        SEARCH_CLICK = "search_click", _("search click")

    event_id = models.CharField(_("event id"), max_length=64)
    type = models.CharField(_("type"), max_length=16, choices=Type.choices)
    product = models.ForeignKey(
        settings.SHOP_ASSISTANT_PRODUCT_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("product"),
    )
    visitor_id = models.CharField(_("visitor id"), max_length=64, blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    search = models.ForeignKey(
        SearchLog,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
        verbose_name=_("search"),
    )
    order_id = models.CharField(_("order id"), max_length=64, blank=True, db_index=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    timestamp = models.DateTimeField(_("time"), db_index=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("interaction")
        constraints = [
            models.UniqueConstraint(
                fields=["visitor_id", "event_id"],
                condition=Q(user__isnull=True),
                name="sa_interaction_unique_anon_event",
            ),
            models.UniqueConstraint(
                fields=["user", "event_id"],
                condition=Q(user__isnull=False),
                name="sa_interaction_unique_user_event",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-timestamp"], name="sa_interaction_user_time"),
            models.Index(fields=["visitor_id", "-timestamp"], name="sa_interaction_visitor_time"),
            models.Index(fields=["type", "product"], name="sa_interaction_type_product"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.product_id} by {self.user_id or self.visitor_id}"


class TrendingScore(models.Model):
    """Popularity of a product, refreshed by periodic tasks and cheap to serve.

    ``score`` is the time-decayed, type-weighted count of recent events (trending);
    ``orders`` is how many orders ever contained the product (popular overall).
    """

    product = models.OneToOneField(
        settings.SHOP_ASSISTANT_PRODUCT_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("product"),
    )
    score = models.FloatField(_("score"), default=0, db_index=True)
    orders = models.PositiveIntegerField(
        _("orders"),
        default=0,
        db_index=True,
        help_text=_("Orders containing the product, from events and the host's orders."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("trending score")

    def __str__(self) -> str:
        return f"{self.product_id}: {self.score:.2f}"


class CoPurchase(models.Model):
    """How often two products are bought in one order, and the lift of that pair.

    Rebuilt by the periodic co-purchase refresh from purchase events grouped by
    ``order_id`` and the host's orders (``ProductAdapter.get_orders``); only pairs
    bought together in at least ``BOUGHT_TOGETHER_MIN_SUPPORT`` orders are kept.
    Each pair is stored in both directions.
    """

    product = models.ForeignKey(
        settings.SHOP_ASSISTANT_PRODUCT_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("product"),
    )
    other = models.ForeignKey(
        settings.SHOP_ASSISTANT_PRODUCT_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("bought with"),
    )
    support = models.PositiveIntegerField(_("orders with both"))
    lift = models.FloatField(
        _("lift"), help_text=_("P(both) / (P(product) × P(other)); above 1 means affinity.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("co-purchase")
        constraints = [
            models.UniqueConstraint(fields=["product", "other"], name="sa_copurchase_unique_pair")
        ]
        indexes = [models.Index(fields=["product", "-lift"], name="sa_copurchase_product_lift")]

    def __str__(self) -> str:
        return f"{self.product_id} + {self.other_id}: lift {self.lift:.2f} ({self.support})"


class MerchandisingRule(models.Model):
    """Pin, boost, bury or exclude products, categories or brands in search and recommendations.

    A rule *targets* the products matching all of its product, category (a slug; its
    subcategories included) and brand (case-insensitive) that are set; at least one must
    be set. It *applies* to a list when its languages (if any) include the list's language
    and its queries (if any) include the search query, compared as search matches words
    (case, accents and inflections aside); a
    rule with queries therefore only ever applies to search. On every list (search,
    similar, bought together, personalized, trending), in this order:

    1. **exclude** removes the targeted products (an excluded product is never pinned);
    2. **boost** multiplies a targeted product's score by ``1 + weight`` and **bury**
       divides it by ``1 + weight`` (several rules multiply); the list is re-sorted;
    3. **pin** puts the rule's product at position ``int(weight)`` (1-based), fetching it
       when it is not in the list but matches the list's filters.

    Each affected result names its rules in ``explanation["rules"]``.
    """

    class Action(models.TextChoices):
        PIN = "pin", _("pin")
        BOOST = "boost", _("boost")
        BURY = "bury", _("bury")
        EXCLUDE = "exclude", _("exclude")

    name = models.CharField(_("name"), max_length=120)
    action = models.CharField(
        _("action"),
        max_length=16,
        choices=Action.choices,
        help_text=_(
            "exclude: remove; boost: score × (1 + weight); bury: score ÷ (1 + weight); "
            "pin: the product at position `weight` (1 = first)."
        ),
    )
    product = models.ForeignKey(
        settings.SHOP_ASSISTANT_PRODUCT_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("product"),
    )
    category = models.CharField(
        _("category slug"), max_length=255, blank=True, help_text=_("Includes subcategories.")
    )
    brand = models.CharField(_("brand"), max_length=255, blank=True)
    queries = ArrayField(
        models.CharField(max_length=255),
        default=list,
        blank=True,
        help_text=_(
            "Only for these searches, one per line (case, accents and plurals aside); "
            "empty means always."
        ),
    )
    languages = ArrayField(
        models.CharField(max_length=16),
        default=list,
        blank=True,
        help_text=_("Only for these languages; empty means all."),
    )
    weight = models.FloatField(
        _("weight"),
        default=1.0,
        help_text=_(
            "Boost/bury strength (1 doubles or halves the score); for pins, the 1-based position."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("merchandising rule")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.name}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.product_id is None and not self.category.strip() and not self.brand.strip():
            errors["product"] = _("Choose a product, a category or a brand to apply the rule to.")
        if self.action == self.Action.PIN:
            if self.product_id is None:
                errors["product"] = _("A pin needs the product to pin.")
            if self.weight is not None and self.weight < 1:
                errors["weight"] = _("A pin position is 1 or more (1 = first).")
        elif self.action in (self.Action.BOOST, self.Action.BURY) and (
            self.weight is not None and self.weight <= 0
        ):
            errors["weight"] = _("Boost and bury strengths are above 0.")
        if errors:
            raise ValidationError(errors)


class FAQEntry(models.Model):
    """A merchant FAQ entry, for one product or the whole shop, used as Q&A evidence."""

    question = models.CharField(_("question"), max_length=500)
    answer = models.TextField(_("answer"))
    language = models.CharField(_("language"), max_length=16)
    product = models.ForeignKey(
        settings.SHOP_ASSISTANT_PRODUCT_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("product"),
    )
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self) -> str:
        return self.question
