"""The demo shop's own catalog: what an existing Django shop typically has."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class Category(models.Model):
    slug = models.SlugField(unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    names = models.JSONField(default=dict, help_text="Name per language: {'en': ..., 'es': ...}")

    class Meta:
        verbose_name_plural = "categories"
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.names.get("en") or self.slug


class Brand(models.Model):
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    sku = models.CharField(max_length=64, unique=True)
    language = models.CharField(
        max_length=8, default="en", help_text="Language of title/description"
    )
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    bullet_points = models.TextField(blank=True, help_text="One bullet per line")
    translations = models.JSONField(
        default=dict, blank=True, help_text="{'es': {'title': ..., 'description': ...}, ...}"
    )
    price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    stock = models.IntegerField(default=0)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    brand = models.ForeignKey(
        Brand, null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    color = models.CharField(max_length=60, blank=True)
    material = models.CharField(max_length=60, blank=True)
    size = models.CharField(max_length=30, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    group = models.CharField(max_length=64, blank=True, help_text="Variant family")
    is_published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sku"]

    def __str__(self) -> str:
        return f"{self.sku} {self.title[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("shop:product", args=[self.pk])

    def image_url(self) -> str:
        """The generated picture (see ``images.py``): every product has one."""
        return reverse("shop:product-image", args=[self.pk])

    def text_in(self, language: str) -> tuple[str, str, str]:
        """``(title, description, language)`` in ``language`` when translated, else the
        product's own."""
        primary = language.split("-", 1)[0]
        if primary == self.language:
            return self.title, self.description, self.language
        translated = (self.translations or {}).get(primary) or {}
        if translated.get("title"):
            return translated["title"], translated.get("description", ""), primary
        return self.title, self.description, self.language


class Order(models.Model):
    number = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.number


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="order_lines")
    quantity = models.PositiveIntegerField(default=1)
    price = models.DecimalField(max_digits=10, decimal_places=2)

    def __str__(self) -> str:
        return f"{self.order} × {self.product}"
