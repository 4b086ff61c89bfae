"""Browser journeys: Debian's chromium driven by Playwright (which cannot fetch its own).

Playwright runs per test and is stopped afterwards: its sync API keeps an event loop
running in the test thread while it lives, and Django refuses ORM calls from a thread with
a running loop. Stopping it keeps every other test under Django's normal async-safety check.
"""

import os
import shutil

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _allow_orm_next_to_playwright(monkeypatch):
    # While Playwright lives, the ORM calls of the test (and of its database teardown) are
    # ordinary synchronous calls next to Playwright's loop. Only for these tests.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page(_allow_orm_next_to_playwright):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(locale="nl-NL", viewport={"width": 1100, "height": 800})
        yield context.new_page()
        context.close()
        browser.close()


@pytest.fixture
def demo_world(transactional_db):
    call_command("demo_data")


@pytest.fixture
def csp_violations(page):
    """Console errors about the Content Security Policy seen while the test ran."""
    seen = []
    page.on("console", lambda msg: seen.append(msg.text) if "Content Security Policy" in msg.text else None)
    return seen
