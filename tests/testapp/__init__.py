"""The host shop of the library's tests: a small catalog app, as a typical Django shop has.

Products with a base language, a ``translations`` JSON field, a category tree with names
per language, brands, attribute columns plus an ``attributes`` JSON field, variant
groups and orders. ``tests/settings.py`` points ``SHOP_ASSISTANT_PRODUCT_MODEL`` at
``testapp.Product`` and the default adapter's ``ADAPTER_FIELDS`` at these fields.
"""
