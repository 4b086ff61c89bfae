"""What the browser journeys share: logging in through the form and the axe-core check."""

import time
from pathlib import Path

from leerwerk.demo import DEMO_PASSWORD

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on the page, one line each. Injected through
    Playwright's evaluate, not as a <script>: our CSP allows none inline."""
    page.evaluate(AXE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def login(page, base_url: str, email: str, password: str = DEMO_PASSWORD, *, landing: str = "**/mijn-werk/**"):
    """Log in through the login form (a fresh session) and wait for the start page."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(landing)


def secties_geladen(page, timeout: float = 10.0) -> None:
    """Wait until htmx has swapped every lazy section (leerwerk/_lui.html) of the page in."""
    wacht_op(page, "() => document.querySelector('.leerwerk-lui') === null", timeout=timeout)


def wacht_op(page, functie: str, arg=None, timeout: float = 5.0) -> None:
    """Wait until the JavaScript function `functie` (called with `arg`) returns true, polled from
    Python. Playwright's wait_for_function evaluates a string predicate with eval, which our CSP
    refuses whenever the first evaluation is not yet true."""
    eind = time.monotonic() + timeout
    while time.monotonic() < eind:
        if page.evaluate(functie, arg):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{functie} ({arg!r}) did not become true within {timeout} s")


def axe_op_beide_breedtes(pagina) -> None:
    """axe at a desk (1280 px) and on a phone (360 px), where nothing may be wider than the screen."""
    assert axe_violations(pagina) == []
    pagina.set_viewport_size({"width": 360, "height": 800})
    assert axe_violations(pagina) == []
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 360
    pagina.set_viewport_size({"width": 1280, "height": 800})
