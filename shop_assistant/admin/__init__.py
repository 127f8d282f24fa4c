"""Django admin: one module per area, imported here so ``admin.autodiscover`` finds them."""
