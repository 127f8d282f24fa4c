"""A small oscar catalogue built with oscar's own models and test factories: stock
records, attributes, a category tree, a parent with child variants, HTML descriptions,
an approved review and orders."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from oscar.test.factories import create_basket, create_order, create_stockrecord

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductReview = get_model("reviews", "ProductReview")
StockRecord = get_model("partner", "StockRecord")

JACKET_HTML = (
    "<p>A breathable <strong>waterproof</strong> shell for hiking &amp; trekking.</p>"
    "<ul><li>Taped seams</li><li>Adjustable hood</li></ul>"
)


@dataclass
class Shop:
    jacket: Any
    moka: Any
    cafetera: Any
    tshirt: Any
    small: Any
    medium: Any
    lamp: Any
    jackets: Any

    def pks(self) -> dict[str, int]:
        return {name: getattr(self, name).pk for name in self.__dataclass_fields__}


def product(
    title: str,
    description: str = "",
    *,
    kind: Any,
    category: Any = None,
    price: str | None = None,
    stock: int = 5,
    **attributes: Any,
) -> Any:
    item = Product(product_class=kind, title=title, description=description)
    for code, value in attributes.items():
        setattr(item.attr, code, value)
    item.save()
    if category is not None:
        ProductCategory.objects.create(product=item, category=category)
    if price is not None:
        create_stockrecord(item, price=Decimal(price), num_in_stock=stock)
    return item


def child(parent: Any, *, price: str, stock: int, **attributes: Any) -> Any:
    item = Product(parent=parent, structure=Product.CHILD, title="")
    for code, value in attributes.items():
        setattr(item.attr, code, value)
    item.save()
    create_stockrecord(item, price=Decimal(price), num_in_stock=stock)
    return item


def order(*products: Any) -> Any:
    basket = create_basket(empty=True)
    for item in products:
        basket.add_product(item)
    return create_order(basket=basket)


def build_shop() -> Shop:
    clothing_class = ProductClass.objects.create(name="Clothing")
    ProductAttribute.objects.create(
        product_class=clothing_class, name="Material", code="material", type="text"
    )
    ProductAttribute.objects.create(
        product_class=clothing_class, name="Size", code="size", type="text"
    )
    kitchen_class = ProductClass.objects.create(name="Kitchen")
    home_class = ProductClass.objects.create(name="Home")
    jackets = create_from_breadcrumbs("Clothing > Jackets")
    shirts = create_from_breadcrumbs("Clothing > Shirts")
    coffee = create_from_breadcrumbs("Kitchen > Coffee")
    lamps = create_from_breadcrumbs("Home > Lamps")

    jacket = product(
        "Waterproof hiking jacket",
        JACKET_HTML,
        kind=clothing_class,
        category=jackets,
        price="120.00",
        material="Gore-Tex",
    )
    moka = product(
        "Italian moka coffee pot",
        "<p>Brews six cups of strong coffee on a gas or electric stove.</p>",
        kind=kitchen_class,
        category=coffee,
        price="35.00",
    )
    cafetera = product(
        "Cafetera de aluminio para inducción",
        "<p>Prepara seis tazas de café en cocinas de inducción, gas y vitrocerámica.</p>",
        kind=kitchen_class,
        category=coffee,
        price="42.00",
    )
    tshirt = product(
        "Organic cotton t-shirt",
        "<p>Soft <em>organic</em> cotton, regular fit.</p>",
        kind=clothing_class,
        category=shirts,
        material="Cotton",
    )
    tshirt.structure = Product.PARENT
    tshirt.save()
    small = child(tshirt, price="20.00", stock=0, size="S")
    medium = child(tshirt, price="18.00", stock=3, size="M")
    lamp = product(
        "Brass desk lamp",
        "<p>Warm light for reading.</p>",
        kind=home_class,
        category=lamps,
        price="60.00",
    )
    ProductReview.objects.create(
        product=jacket,
        score=5,
        title="Dry all day",
        name="Ana",
        body="<p>It kept me dry during six hours of heavy rain.</p>",
        status=ProductReview.APPROVED,
    )
    ProductReview.objects.create(
        product=jacket,
        score=1,
        title="Spam",
        body="Buy cheap watches",
        name="X",
        status=ProductReview.FOR_MODERATION,
    )
    for _ in range(2):
        order(jacket, medium)
    order(moka, cafetera)
    return Shop(jacket, moka, cafetera, tshirt, small, medium, lamp, jackets)
