"""On a phone (390 px wide) no university page is wider than the screen: wide tables scroll inside their card."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from edu.org.roles import Role
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import build_world
from edu.university.tests.test_pages import _pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390
# The elements that stick out of the screen without a scrolling box around them (for the failure message).
WIDEST = """() => [...document.querySelectorAll('body *')].filter(el => {
  if (el.getBoundingClientRect().right <= innerWidth + 1) return false;
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return false;
  }
  return true;
}).slice(0, 3).map(el =>
  el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))"""


@pytest.mark.parametrize("role", [Role.SUPER_ADMIN, Role.TEACHER, Role.STUDENT])
def test_no_page_is_wider_than_a_phone(browser, live_server, role):
    world = build_world()
    client = act_as(Client(), world.actors[role])
    context = browser.new_context(viewport={"width": WIDTH, "height": 844}, locale="en-US")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    too_wide, seen = [], 0
    try:
        for url in _pages(world):
            response = page.goto(live_server.url + url)
            if response is None or response.status != 200:
                continue  # pages this role may not open answer 404 (tested elsewhere)
            seen += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH + 1:
                too_wide.append((url, width, page.evaluate(WIDEST)))
    finally:
        context.close()
    assert seen >= 5, f"{role} opened only {seen} pages"
    assert too_wide == []
