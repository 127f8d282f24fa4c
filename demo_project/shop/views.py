"""The demo storefront: search (through shop_assistant's search service), product pages
with a question box (through its Q&A service). The API serves the same to any frontend."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from shop_assistant.core.errors import ShopAssistantError
from shop_assistant.qa import ask
from shop_assistant.search import search

from .models import Product


def storefront(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    context: dict = {"query": query}
    if query:
        try:
            context["result"] = search(
                query,
                lang=request.GET.get("lang") or None,
                accept_language=request.headers.get("Accept-Language"),
                page_size=24,
            )
        except ShopAssistantError as exc:
            context["error"] = str(exc)
    else:
        context["products"] = Product.objects.filter(is_published=True).select_related(
            "brand", "category"
        )[:48]
    return render(request, "shop/storefront.html", context)


def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(
        Product.objects.select_related("brand", "category"), pk=pk, is_published=True
    )
    question = request.GET.get("question", "").strip()
    context: dict = {"product": product, "question": question}
    if question:
        try:
            context["answer"] = ask(
                question,
                product_id=product.pk,
                accept_language=request.headers.get("Accept-Language"),
            )
        except ShopAssistantError as exc:
            context["error"] = str(exc)
    return render(request, "shop/product.html", context)
