"""Ten people signing in at the same moment on a fresh server all get in first time.

The async API drives ten contexts of one Chromium from one event loop, so the ten
submits leave within milliseconds of each other. It runs in its own thread: the
session's sync Playwright already owns this thread's event loop.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.async_api import Page, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, AppServer
from tests.browser.helpers import FORM, METRIC, SETTLE_TIMEOUT_MS, USERS

PEOPLE = 10
LOGIN_WAIT_MS = 60_000


async def _settled(page: Page) -> None:
    await page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']",
        state="attached",
        timeout=SETTLE_TIMEOUT_MS,
    )
    await page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']",
        state="attached",
        timeout=SETTLE_TIMEOUT_MS,
    )
    await page.locator("[data-testid='stStatusWidget']").wait_for(
        state="detached", timeout=SETTLE_TIMEOUT_MS
    )


async def _logged_in_after_one_submit(page: Page) -> tuple[bool, float]:
    """Whether a metric appears after the single submit, and how long it took."""
    started = time.monotonic()
    try:
        await page.locator(METRIC).first.wait_for(state="visible", timeout=LOGIN_WAIT_MS)
    except PlaywrightTimeout:
        return False, time.monotonic() - started
    return True, time.monotonic() - started


async def _sign_in_together(url: str) -> list[tuple[str, bool, float]]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            contexts = [await browser.new_context() for _ in range(PEOPLE)]
            pages = [await context.new_page() for context in contexts]
            users = [USERS[number % len(USERS)] for number in range(PEOPLE)]
            # Start all ten loads before waiting for any ("commit" returns at once).
            await asyncio.gather(*(page.goto(url, wait_until="commit") for page in pages))
            await asyncio.gather(*(_settled(page) for page in pages))
            for page, user in zip(pages, users, strict=True):
                form = page.locator(FORM)
                await form.get_by_label("Username", exact=True).fill(user)
                await form.get_by_label("Password", exact=True).fill(f"{user}-demo")
            buttons = [page.locator(FORM).get_by_role("button", name="Sign in") for page in pages]
            await asyncio.gather(*(button.click() for button in buttons))
            outcomes = await asyncio.gather(*(_logged_in_after_one_submit(p) for p in pages))
        finally:
            await browser.close()
    return [(user, ok, took) for user, (ok, took) in zip(users, outcomes, strict=True)]


@pytest.mark.browser
def test_ten_simultaneous_form_logins_all_succeed(
    fresh_server: AppServer, record_property: pytest.RecordProperty
) -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        results = pool.submit(asyncio.run, _sign_in_together(fresh_server.url)).result()
    succeeded = sum(ok for _user, ok, _took in results)
    record_property("logged_in", f"{succeeded}/{PEOPLE}")
    summary = ", ".join(f"{u}:{'ok' if ok else 'LOST'} {took:.1f}s" for u, ok, took in results)
    print(f"{succeeded}/{PEOPLE} logged in after one submit ({summary})")
    assert succeeded == PEOPLE, f"only {succeeded}/{PEOPLE} logged in after one submit: {summary}"
