"""The demo's activity plan (generated visitors, events and orders): pure logic, no rows."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from demo_project.shop.activity import ProductRef, plan_activity


def _catalog() -> list[ProductRef]:
    parents = {"tents": "outdoor", "backpacks": "outdoor", "kettles": "kitchen", "mugs": "kitchen"}
    parents |= {"lamps": "home", "games": "toys"}
    return [
        ProductRef(f"{leaf}-{i}", leaf, parent)
        for leaf, parent in parents.items()
        for i in range(8)
    ]


def test_the_demo_plan_has_visitors_with_two_or_three_interests():
    now = datetime(2026, 11, 1, tzinfo=UTC)
    plan = plan_activity(_catalog(), visitors=60, offline_orders=50, seed=3, now=now)
    assert plan == plan_activity(_catalog(), visitors=60, offline_orders=50, seed=3, now=now)
    assert {len(i) for i in plan.interests.values()} == {2, 3}
    category = {p.pk: p.category for p in _catalog()}
    views = [e for e in plan.events if e.type == "view"]
    in_interest = sum(category[e.product] in plan.interests[e.visitor] for e in views)
    assert 0.8 < in_interest / len(views) < 0.98  # mostly their interests, some wandering
    assert all(e.timestamp <= now for e in plan.events)
    ids = [(e.visitor, e.event_id) for e in plan.events]
    assert len(ids) == len(set(ids))
    purchases = Counter(e.order for e in plan.events if e.type == "purchase")
    tracked = {o.number: o for o in plan.orders if o.tracked}
    assert purchases == Counter({n: len(o.products) for n, o in tracked.items()})
    # Orders pair products with their companions, and one wholesale order is huge.
    sizes = sorted(len(o.products) for o in plan.orders)
    assert sizes[-1] == 40 and sizes[-2] <= 5
    paired = sum(
        any(p in plan.companions[o.products[0]] for p in o.products[1:])
        for o in plan.orders[:-1]
        if len(o.products) > 1
    )
    assert paired / sum(len(o.products) > 1 for o in plan.orders[:-1]) > 0.8
