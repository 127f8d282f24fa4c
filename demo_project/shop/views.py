"""A minimal storefront: product list and product pages (the search UI calls the API)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Product


def storefront(request: HttpRequest) -> HttpResponse:
    products = Product.objects.filter(is_published=True).select_related("brand", "category")[:48]
    return render(request, "shop/storefront.html", {"products": products})


def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(Product.objects.select_related("brand", "category"), pk=pk)
    return render(request, "shop/product.html", {"product": product})
