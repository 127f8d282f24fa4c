"""Django admin: one module per area, imported here so ``admin.autodiscover`` finds them."""

from . import analytics, catalog, jobs, learning, qa, rules, spaces  # noqa: E402,F401
