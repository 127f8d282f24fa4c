"""The demo shop's own admin, as an existing shop would have it.

Nothing here knows about shop_assistant: saving a product fires ``post_save`` and
shop_assistant's receivers queue its re-indexing after the commit.
"""

from __future__ import annotations

from django.contrib import admin

from .models import Brand, Category, Order, OrderLine, Product


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("slug", "__str__", "parent")
    list_select_related = ("parent",)
    search_fields = ("slug",)


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = (
        "sku",
        "title",
        "language",
        "price",
        "currency",
        "stock",
        "category",
        "brand",
        "is_published",
    )
    list_filter = ("language", "is_published", "category")
    list_select_related = ("category", "brand")
    search_fields = ("sku", "title")
    autocomplete_fields = ("category", "brand")


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    raw_id_fields = ("product",)
    extra = 0


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ("number", "user", "created_at")
    inlines = (OrderLineInline,)
