"""The admin in a real browser: re-indexing through the live worker, the playground and
the search analytics."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db


def log_in(open_page, staff_user, path: str):
    username, password = staff_user
    page = open_page(f"/admin/login/?next={path}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    return page


def test_staff_reindexes_selected_products_and_watches_the_job_finish(open_page, staff_user):
    from shop_assistant.models import IndexJob

    page = log_in(open_page, staff_user, "/admin/shop_assistant/catalogentry/")
    boxes = page.locator("input.action-select")
    for index in range(3):
        boxes.nth(index).check()
    page.locator("select[name=action]").select_option("reindex_selected")
    with page.expect_navigation():
        page.locator("button[name=index]").click()
    link = page.locator(".messagelist a").first
    expect(link).to_contain_text("job #")
    with page.expect_navigation():
        link.click()
    job_id = int(page.url.rstrip("/").split("/")[-2])
    # The page polls the job's status and reloads when the worker has finished it.
    expect(page.locator('[data-field="percent"]')).to_have_text(
        re.compile(r"^100(\.0)?$"), timeout=180_000
    )
    job = IndexJob.objects.get(pk=job_id)
    assert job.status == IndexJob.Status.SUCCEEDED and job.done == job.total == 3


def test_the_search_playground_compares_hybrid_keywords_and_vectors(open_page, staff_user):
    page = log_in(open_page, staff_user, "/admin/shop_assistant/catalogentry/playground/")
    page.locator("#id_q").fill("wasserdichte Jacke")
    with page.expect_navigation():
        page.locator("#playground-form input[type=submit]").click()
    for mode in ("hybrid", "lexical", "vector"):
        expect(page.locator(f"#results-{mode} li").first).to_be_visible()
    expect(page.locator("#playground-language")).to_contain_text("de")


def test_search_analytics_chart_the_storefronts_searches_and_clicks(open_page, staff_user):
    shopper = open_page("/")
    for query in ("wasserdichte Jacke", "chaqueta impermeable", "cafetera italiana"):
        shopper.locator("#q").fill(query)
        expect(shopper.locator("#summary")).to_contain_text(query)
    # A click on a result is attributed to the search it came from (its query_id).
    with shopper.expect_response(lambda r: r.url.endswith("/events/")):
        shopper.locator("#results article.card a").first.click()
    expect(shopper.locator("#product")).to_be_visible()

    page = log_in(open_page, staff_user, "/admin/shop_assistant/searchlog/")
    expect(page.locator("#search-analytics svg").first).to_be_visible()
    stats = page.locator("#query-stats")
    for query in ("wasserdichte Jacke", "chaqueta impermeable", "cafetera italiana"):
        expect(stats).to_contain_text(query, ignore_case=True)
    clicked = stats.locator("tr", has_text="cafetera italiana").locator("td").nth(2)
    expect(clicked).not_to_have_text("0 %")
