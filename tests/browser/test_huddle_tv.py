"""TV mode on a 1920x1080 meeting-room screen: dark, no sidebar, headlines in one view."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import AppServer
from tests.browser.helpers import EXCEPTION, METRIC, SETTLE_TIMEOUT_MS, log_in, wait_for_app

WIDTH, HEIGHT = 1920, 1080
HEADLINES = ".st-key-huddle_headlines"


@pytest.fixture
def tv_page(browser: Browser) -> Iterator[Page]:
    """A new context the size of the room's screen."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    context.set_default_timeout(SETTLE_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _luminance(css_colour: str) -> float:
    """Relative luminance (0 black to 1 white) of an ``rgb()``/``rgba()`` colour."""
    red, green, blue = (int(c) / 255 for c in re.findall(r"[\d.]+", css_colour)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.browser
def test_tv_mode_fits_the_headlines_on_a_dark_screen(
    app_server: AppServer, tv_page: Page, tmp_path
) -> None:
    page = tv_page
    # The room's screen opens its bookmark and signs in there (no cookie to rely on).
    log_in(page, app_server.url, "huddle", "huddle?tv=1")
    assert page.url.endswith("/huddle?tv=1"), page.url
    expect(page.locator("h1").first).to_have_text("Huddle")
    block = page.locator(HEADLINES)
    expect(block.locator(METRIC)).to_have_count(10)
    wait_for_app(page)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()

    box = block.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["x"] >= 0, box
    assert box["y"] + box["height"] <= HEIGHT, f"headlines end at {box['y'] + box['height']}"
    assert box["x"] + box["width"] <= WIDTH, box
    sizes = block.evaluate("b => [b.scrollWidth, b.clientWidth, b.scrollHeight, b.clientHeight]")
    assert sizes[0] <= sizes[1] and sizes[2] <= sizes[3], f"headline block scrolls: {sizes}"
    document = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert document[0] <= document[1], f"the page scrolls sideways: {document}"

    background = page.locator("[data-testid='stAppViewContainer']").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert _luminance(background) < 0.2, f"app background {background} is not dark"

    shot = tmp_path / "huddle-tv.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 0
