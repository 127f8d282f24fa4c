from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from .models import Product


def product(request: HttpRequest, pk: int) -> HttpResponse:
    """The product page the catalog entries link to (its title is enough for the tests)."""
    return HttpResponse(get_object_or_404(Product, pk=pk).title, content_type="text/plain")
