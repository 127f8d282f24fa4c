"""The test shop's admin: saving a product here fires the receivers like any shop's admin."""

from django.contrib import admin

from .models import Product

admin.site.register(Product)
