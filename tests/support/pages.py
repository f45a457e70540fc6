"""Pages opened offline in headless Chromium, as a reader opens a briefing from disk: the
browser the render itself launches, and a page on which any request that would leave the
machine is aborted and recorded, and any JavaScript dialog is recorded."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.rendering.pdf import CHROMIUM_ARGS, find_chromium

#: Requests that stay on the machine: the page's own file and what it embeds.
LOCAL_SCHEMES = ("file:", "data:", "blob:")


@contextmanager
def chromium() -> Iterator:
    """Debian's Chromium, launched with the flags the render uses (for a module-scoped
    ``browser`` fixture: ``with chromium() as browser: yield browser``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def offline_page(browser, path: Path, width: int = 1200, height: int = 900):
    """Open ``path`` with every non-file request aborted and recorded; every JavaScript
    dialog recorded (and dismissed). Returns (page, requests, dialogs)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []
    dialogs: list[str] = []

    def route(r):
        if r.request.url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    return page, requests, dialogs
