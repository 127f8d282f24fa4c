"""The demo storefront: server-rendered pages whose search, recommendations, questions and
events go through shop_assistant's public API from the browser (static/shop/storefront.js),
as any shop's frontend would; the shop's own parts (product pages, pictures, checkout) are
plain Django views."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_http_methods

from shop_assistant.core.errors import ShopAssistantError
from shop_assistant.language import normalize_language, shop_languages
from shop_assistant.tasks import refresh_bought_together_task

from .images import product_svg, top_category
from .models import Order, OrderLine, Product

#: Most lines and units per line a checkout accepts.
MAX_LINES = 50
MAX_QUANTITY = 99


def _api_language(code: str) -> str:
    """The shop's code for a Django language code ("zh-hans" → "zh"); empty if not served."""
    try:
        return normalize_language(code)
    except ShopAssistantError:
        return ""


def language_context(request: HttpRequest) -> dict[str, Any]:
    """The language selector: every served language plus "auto" (the browser's)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    served = set(shop_languages())
    languages = [(code, name) for code, name in settings.LANGUAGES if _api_language(code) in served]
    page_language = get_language() or settings.LANGUAGE_CODE
    return {
        "languages": languages,
        "chosen_language": chosen if chosen in dict(languages) else "",
        "api_language": _api_language(chosen) if chosen in dict(languages) else "",
        "page_language": page_language,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
    }


@ensure_csrf_cookie
@require_GET
def storefront(request: HttpRequest) -> HttpResponse:
    context = {**language_context(request), "query": request.GET.get("q", "").strip()[:500]}
    return render(request, "shop/storefront.html", context)


@ensure_csrf_cookie
@require_GET
def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(
        Product.objects.select_related("brand", "category", "category__parent"),
        pk=pk,
        is_published=True,
    )
    context = language_context(request)
    title, description, text_language = product.text_in(context["page_language"])
    category = product.category
    category_name = ""
    if category is not None:
        names = category.names or {}
        primary = context["page_language"].split("-", 1)[0]
        category_name = names.get(primary) or names.get("en") or category.slug
    attributes = {
        key: value
        for key, value in (
            ("color", product.color),
            ("material", product.material),
            ("size", product.size),
            *sorted((product.attributes or {}).items()),
        )
        if value not in ("", None)
    }
    context.update(
        product=product,
        title=title,
        description=description,
        text_language=text_language,
        category_name=category_name,
        attributes=attributes,
        bullets=[line for line in product.bullet_points.splitlines() if line.strip()],
    )
    return render(request, "shop/product.html", context)


@require_GET
def product_image(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(
        Product.objects.select_related("category", "category__parent"), pk=pk
    )
    svg = product_svg(top_category(product.category), product.color, product.title[:80])
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@ensure_csrf_cookie
@require_http_methods(["GET", "POST"])
def checkout(request: HttpRequest) -> HttpResponse:
    """GET: the checkout page (the cart lives in the browser). POST (JSON
    ``{"lines": [{"product_id", "quantity"}]}``): record the order and return its number;
    the browser then sends the purchase events. Co-purchases are refreshed once the order
    is committed, so "bought together" follows at once."""
    if request.method == "GET":
        return render(request, "shop/checkout.html", language_context(request))
    lines, error = _order_lines(request.body)
    if error:
        return JsonResponse({"detail": error}, status=400)
    products = Product.objects.in_bulk([product_id for product_id, _q in lines])
    missing = [pid for pid, _q in lines if pid not in products or not products[pid].is_published]
    if missing:
        return JsonResponse({"detail": f"Unknown products: {missing}."}, status=400)
    with transaction.atomic():
        order = Order.objects.create(
            number=f"D-{uuid.uuid4().hex[:12].upper()}",
            user=request.user if request.user.is_authenticated else None,
        )
        OrderLine.objects.bulk_create(
            OrderLine(
                order=order,
                product=products[product_id],
                quantity=quantity,
                price=products[product_id].price or Decimal("0"),
            )
            for product_id, quantity in lines
        )
        transaction.on_commit(refresh_bought_together_task.delay)
    total = sum((line.price * line.quantity for line in order.lines.all()), Decimal("0"))
    return JsonResponse({"order": order.number, "total": str(total)}, status=201)


def _order_lines(body: bytes) -> tuple[list[tuple[int, int]], str]:
    try:
        data = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return [], "The body must be JSON."
    items = data.get("lines") if isinstance(data, dict) else None
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_LINES:
        return [], f"lines must be a list of 1 to {MAX_LINES} items."
    lines: dict[int, int] = {}
    for item in items:
        if not isinstance(item, dict):
            return [], "Each line is {product_id, quantity}."
        product_id, quantity = item.get("product_id"), item.get("quantity", 1)
        if isinstance(product_id, str) and product_id.isdigit():
            product_id = int(product_id)
        if not isinstance(product_id, int) or isinstance(product_id, bool):
            return [], "product_id must be a whole number."
        if not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
            return [], f"quantity must be 1 to {MAX_QUANTITY}."
        lines[product_id] = min(MAX_QUANTITY, lines.get(product_id, 0) + quantity)
    return list(lines.items()), ""
