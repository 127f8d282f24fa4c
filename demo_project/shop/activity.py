"""Generated shop activity for the demo: browsing sessions, carts and orders.

Visitors each have 2–3 interests (leaf categories). A session is a run of product views
over the last weeks, mostly within the visitor's interests (popular products more
often), sometimes elsewhere; some views lead to an add-to-cart and some carts to an
order. Products have *companions* (mostly in a related category, sometimes in their
own) that tend to be bought with them, which gives "bought together" real pairs to find.
On top of the sessions, orders of customers who never browsed exercise the adapter's
``get_orders`` hook (they exist only as ``Order`` rows), and one huge wholesale order
shows that a single basket cannot make pairs on its own.

:func:`plan_activity` is pure (seeded, no database) so the offline evaluation can use
the same generator; :func:`generate_demo_activity` writes a plan idempotently (fixed
visitor, event and order ids) and refreshes trending and co-purchase scores.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from shop_assistant.models import Interaction
from shop_assistant.recommend.copurchase import refresh_bought_together
from shop_assistant.recommend.trending import refresh_trending

from .models import Order, OrderLine, Product

DEMO_SEED = 20241128
ORDER_PREFIX = "DEMO-"
VISITOR_PREFIX = "demo-visitor-"


@dataclass(frozen=True)
class ProductRef:
    """What the generator needs to know about a product."""

    pk: Any
    category: str  # leaf category slug
    parent: str = ""  # parent category slug
    key: str = ""  # stable sort key (the SKU), so a plan does not depend on pk values


@dataclass(frozen=True)
class PlannedEvent:
    visitor: str
    event_id: str
    type: str
    product: Any
    timestamp: datetime
    order: str = ""


@dataclass(frozen=True)
class PlannedOrder:
    number: str
    visitor: str  # "" for customers who never browsed
    products: tuple[Any, ...]
    created_at: datetime
    tracked: bool  # also reported as purchase events


@dataclass
class Activity:
    events: list[PlannedEvent] = field(default_factory=list)
    orders: list[PlannedOrder] = field(default_factory=list)
    interests: dict[str, tuple[str, ...]] = field(default_factory=dict)
    companions: dict[Any, tuple[Any, ...]] = field(default_factory=dict)


class _World:
    """Seeded popularity and companion structure over a catalog."""

    def __init__(self, products: Sequence[ProductRef], rng: random.Random) -> None:
        self.rng = rng
        self.by_category: dict[str, list[ProductRef]] = {}
        for product in sorted(products, key=lambda p: (p.key, str(p.pk))):
            self.by_category.setdefault(product.category, []).append(product)
        self.categories = sorted(c for c, items in self.by_category.items() if len(items) >= 3)
        if len(self.categories) < 3:
            raise ValueError("The generator needs at least 3 categories of 3+ products.")
        shuffled = self.categories[:]
        rng.shuffle(shuffled)
        self.category_weight = {c: 1.0 / (rank + 1) ** 0.6 for rank, c in enumerate(shuffled)}
        self.product_weight: dict[Any, float] = {}
        for items in self.by_category.values():
            order = items[:]
            rng.shuffle(order)
            for rank, product in enumerate(order):
                self.product_weight[product.pk] = 1.0 / (rank + 1)
        self.related = {c: self._related_categories(c) for c in self.categories}
        self.companions = {
            p.pk: self._companions(p) for c in self.categories for p in self.by_category[c]
        }
        self.all = [p for c in self.categories for p in self.by_category[c]]

    def _related_categories(self, category: str) -> list[str]:
        parent = self.by_category[category][0].parent
        siblings = [
            c
            for c in self.categories
            if c != category and parent and self.by_category[c][0].parent == parent
        ]
        others = [c for c in self.categories if c != category and c not in siblings]
        related = siblings[:1] if siblings else []
        related += self.rng.sample(others, 2 - len(related))
        return related

    def _companions(self, product: ProductRef) -> tuple[Any, ...]:
        chosen: list[Any] = []
        pools = [*self.related[product.category], product.category]
        for category in pools:
            candidates = [p for p in self.by_category[category] if p.pk != product.pk]
            chosen.append(self.popular(candidates).pk)
        return tuple(dict.fromkeys(chosen))

    def popular(self, items: Sequence[ProductRef]) -> ProductRef:
        weights = [self.product_weight[p.pk] for p in items]
        return self.rng.choices(list(items), weights=weights)[0]

    def pick_categories(self, count: int) -> tuple[str, ...]:
        pool = self.categories[:]
        picked: list[str] = []
        while len(picked) < count:
            category = self.rng.choices(pool, weights=[self.category_weight[c] for c in pool])[0]
            pool.remove(category)
            picked.append(category)
        return tuple(picked)

    def basket(self, anchor: Any) -> tuple[Any, ...]:
        items = [anchor]
        for companion in self.companions[anchor]:
            if self.rng.random() < 0.6:
                items.append(companion)
        if self.rng.random() < 0.15:
            items.append(self.rng.choice(self.all).pk)
        return tuple(dict.fromkeys(items))


def plan_activity(
    products: Sequence[ProductRef],
    *,
    visitors: int = 300,
    offline_orders: int = 2500,
    seed: int = DEMO_SEED,
    now: datetime | None = None,
    days: int = 30,
    prefix: str = "",
) -> Activity:
    """A reproducible plan of sessions and orders (no database access)."""
    rng = random.Random(seed)
    world = _World(products, rng)
    now = now or timezone.now()
    activity = Activity(companions=dict(world.companions))
    order_number = 0

    def next_order() -> str:
        nonlocal order_number
        order_number += 1
        return f"{ORDER_PREFIX}{prefix}{order_number:06d}"

    for index in range(1, visitors + 1):
        visitor = f"{VISITOR_PREFIX}{prefix}{index:05d}"
        interests = world.pick_categories(rng.choice((2, 2, 3)))
        shares = [rng.uniform(0.5, 1.5) for _ in interests]
        activity.interests[visitor] = interests
        moment = now - timedelta(days=rng.uniform(0.5, days))
        seen: set[Any] = set()
        sequence = 0
        for _view in range(rng.randint(6, 14)):
            if rng.random() < 0.9:
                category = rng.choices(interests, weights=shares)[0]
                pool = [p for p in world.by_category[category] if p.pk not in seen]
            else:
                pool = [p for p in world.all if p.pk not in seen]
            if not pool:
                continue
            product = world.popular(pool).pk
            seen.add(product)
            moment += timedelta(minutes=rng.uniform(1, 90))
            sequence += 1
            activity.events.append(
                PlannedEvent(visitor, f"{visitor}-{sequence}", "view", product, moment)
            )
            if rng.random() >= 0.15:
                continue
            moment += timedelta(minutes=rng.uniform(0.5, 5))
            sequence += 1
            activity.events.append(
                PlannedEvent(visitor, f"{visitor}-{sequence}", "add_to_cart", product, moment)
            )
            if rng.random() >= 0.5:
                continue
            moment += timedelta(minutes=rng.uniform(1, 20))
            order = PlannedOrder(
                next_order(), visitor, world.basket(product), moment, rng.random() < 0.5
            )
            activity.orders.append(order)
            if order.tracked:
                for item in order.products:
                    sequence += 1
                    activity.events.append(
                        PlannedEvent(
                            visitor, f"{visitor}-{sequence}", "purchase", item, moment, order.number
                        )
                    )
    for _order in range(offline_orders):
        category = rng.choices(
            world.categories, weights=[world.category_weight[c] for c in world.categories]
        )[0]
        anchor = world.popular(world.by_category[category]).pk
        moment = now - timedelta(days=rng.uniform(0, days * 3))
        activity.orders.append(PlannedOrder(next_order(), "", world.basket(anchor), moment, False))
    wholesale = tuple(p.pk for p in rng.sample(world.all, min(40, len(world.all))))
    activity.orders.append(
        PlannedOrder(next_order(), "", wholesale, now - timedelta(days=2), False)
    )
    return activity


def catalog_refs() -> list[ProductRef]:
    """The published demo products, with their leaf and parent category."""
    rows = Product.objects.filter(is_published=True, category__isnull=False).values_list(
        "pk", "category__slug", "category__parent__slug", "sku"
    )
    return [ProductRef(pk, leaf, parent or "", sku) for pk, leaf, parent, sku in rows]


@transaction.atomic
def load_activity(activity: Activity) -> tuple[int, int]:
    """Write a plan; rows that already exist (same ids) are kept. Returns (events, orders)."""
    known = set(
        Order.objects.filter(number__in=[o.number for o in activity.orders]).values_list(
            "number", flat=True
        )
    )
    new_orders = [o for o in activity.orders if o.number not in known]
    created = {
        o.number: o for o in Order.objects.bulk_create([Order(number=o.number) for o in new_orders])
    }
    prices = dict(Product.objects.values_list("pk", "price"))
    OrderLine.objects.bulk_create(
        [
            OrderLine(order=created[o.number], product_id=pk, price=prices.get(pk) or Decimal(0))
            for o in new_orders
            for pk in o.products
        ]
    )
    for planned in new_orders:  # created_at is auto_now_add: set the planned time after
        created[planned.number].created_at = planned.created_at
    Order.objects.bulk_update(list(created.values()), ["created_at"], batch_size=500)
    before = Interaction.objects.filter(visitor_id__startswith=VISITOR_PREFIX).count()
    Interaction.objects.bulk_create(
        [
            Interaction(
                event_id=e.event_id,
                type=e.type,
                product_id=e.product,
                visitor_id=e.visitor,
                order_id=e.order,
                timestamp=e.timestamp,
            )
            for e in activity.events
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    after = Interaction.objects.filter(visitor_id__startswith=VISITOR_PREFIX).count()
    return after - before, len(new_orders)


def generate_demo_activity(*, seed: int = DEMO_SEED) -> str:
    """Plan, write and score the demo's activity (idempotent); return a summary line."""
    refs = catalog_refs()
    if not refs:
        return "Demo activity: no products."
    events, orders = load_activity(plan_activity(refs, seed=seed))
    trending = refresh_trending()
    report = refresh_bought_together()
    return (
        f"Demo activity: {events} new events, {orders} new orders; {trending} trending "
        f"products, {report.pairs} bought-together pairs from {report.baskets} orders."
    )
