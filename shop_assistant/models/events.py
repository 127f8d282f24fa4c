"""Visitor events (views, clicks, carts, purchases), trending scores and merchandising rules."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
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
    """Time-decayed event score of a product, refreshed by a periodic task."""

    product = models.OneToOneField(
        settings.SHOP_ASSISTANT_PRODUCT_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("product"),
    )
    score = models.FloatField(_("score"), default=0, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("trending score")

    def __str__(self) -> str:
        return f"{self.product_id}: {self.score:.2f}"


class MerchandisingRule(models.Model):
    """Pin, boost, bury or exclude products, categories or brands in search and recommendations."""

    class Action(models.TextChoices):
        PIN = "pin", _("pin")
        BOOST = "boost", _("boost")
        BURY = "bury", _("bury")
        EXCLUDE = "exclude", _("exclude")

    name = models.CharField(_("name"), max_length=120)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
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
        help_text=_("Only for these queries (case-insensitive); empty means always."),
    )
    languages = ArrayField(
        models.CharField(max_length=16),
        default=list,
        blank=True,
        help_text=_("Only for these languages; empty means all."),
    )
    weight = models.FloatField(
        _("weight"), default=1.0, help_text=_("Boost/bury strength; pin position for pins.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("merchandising rule")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.name}"


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
