"""Page facts and browser helpers shared by the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page, expect

SETTLE_TIMEOUT_MS = 60_000

#: url path → (nav title, h1 title); the order of ``auth.roles.PageId``.
PAGES: dict[str, tuple[str, str]] = {
    "overview": ("Overview", "Overview"),
    "huddle": ("Huddle", "Huddle"),
    "outreach": ("Outreach", "Outreach"),
    "food_support": ("Food support", "Food support"),
    "repairs": ("Repairs", "Repairs"),
    "respect": ("Respect (incidents)", "Service with Respect"),
    "data_quality": ("Data quality", "Data quality"),
    "access_log": ("Incident access log", "Incident access log"),
}
ROLE_PAGES: dict[str, tuple[str, ...]] = {
    "director": tuple(PAGES),
    "analyst": tuple(page for page in PAGES if page != "access_log"),
    "manager": ("overview", "huddle", "outreach", "food_support", "repairs", "respect"),
    "safety": ("overview", "huddle", "respect"),
    # The meeting-room screen lands on the Huddle (the first page is the landing page).
    "huddle": ("huddle", "overview"),
}
USERS = tuple(ROLE_PAGES)

METRIC = "[data-testid='stMetric']"
EXCEPTION = "[data-testid='stException']"
FORM = "[data-testid='stForm']"
#: Page links wherever Streamlit draws them (Doorstep uses the top bar; the sidebar list
#: is what the legacy pages/ discovery would show).
NAV_LINKS = (
    "[data-testid='stSidebarNav'] a, [data-testid='stTopNavLink'], "
    "[data-testid='stTopNavDropdownLink']"
)


def wait_for_app(page: Page, timeout_ms: int = SETTLE_TIMEOUT_MS) -> None:
    """Wait until the app is connected and its script is not running (no status widget)."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']",
        state="attached",
        timeout=timeout_ms,
    )
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']",
        state="attached",
        timeout=timeout_ms,
    )
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=timeout_ms)
    page.wait_for_timeout(100)  # let the last delta paint


def submit_login(page: Page, username: str, password: str | None = None) -> None:
    """Fill and submit the login form once (demo passwords are username + "-demo")."""
    form = page.locator(FORM)
    form.get_by_label("Username", exact=True).fill(username)
    form.get_by_label("Password", exact=True).fill(password or f"{username}-demo")
    form.get_by_role("button", name="Sign in").click()


def log_in(page: Page, base_url: str, username: str, path: str = "") -> None:
    """Open ``path``, sign in through the form and wait for the first metric."""
    page.goto(f"{base_url}/{path.lstrip('/')}")
    wait_for_app(page)
    submit_login(page, username)
    expect(page.locator(METRIC).first).to_be_visible(timeout=SETTLE_TIMEOUT_MS)
    wait_for_app(page)


def nav_titles(page: Page) -> list[str]:
    """The navigation's page titles (the last line of each link: icons come first)."""
    texts = page.locator(NAV_LINKS).all_inner_texts()
    return [[line.strip() for line in t.splitlines() if line.strip()][-1] for t in texts]


def metric_value(page: Page, label: str) -> str:
    """The shown value of the metric tile labelled ``label``."""
    tile = page.locator(METRIC).filter(
        has=page.locator("[data-testid='stMetricLabel']", has_text=label)
    )
    return tile.locator("[data-testid='stMetricValue']").inner_text().strip()


def as_number(shown: str) -> float:
    return float(shown.replace(",", "").replace("<", ""))


#: Installed before any page script: remembers whether protected content ever appeared,
#: so a flash of a page that is then rerun away still fails a test.
WATCH_SCRIPT = (
    """
(() => {
  const NAV = "NAV_SELECTOR";
  window.__doorstepSeen = {metrics: 0, navLinks: 0, exceptions: 0, titles: [], links: []};
  const look = () => {
    const seen = window.__doorstepSeen;
    seen.metrics = Math.max(seen.metrics,
      document.querySelectorAll("[data-testid='stMetric']").length);
    seen.navLinks = Math.max(seen.navLinks, document.querySelectorAll(NAV).length);
    seen.exceptions = Math.max(seen.exceptions,
      document.querySelectorAll("[data-testid='stException']").length);
    for (const a of document.querySelectorAll(NAV)) {
      const link = a.getAttribute("href");
      if (!seen.links.includes(link)) seen.links.push(link);
    }
    for (const h of document.querySelectorAll("h1")) {
      const text = h.innerText.trim();
      if (text && !seen.titles.includes(text)) seen.titles.push(text);
    }
  };
  new MutationObserver(look).observe(document, {subtree: true, childList: true,
    characterData: true});
})();
"""
).replace("NAV_SELECTOR", NAV_LINKS)


def seen_so_far(page: Page) -> dict:
    """What ``WATCH_SCRIPT`` has recorded since the page loaded."""
    return page.evaluate("window.__doorstepSeen")
