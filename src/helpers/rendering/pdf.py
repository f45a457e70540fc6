"""Print briefing pages to A4 PDF with one headless Chromium for the whole run.

Route (see "Rendering" in docs/contributing.md): the system's Chromium (Debian's
``chromium``, or ``$BRIEFINGS_CHROMIUM``) driven by playwright, whose own browser download
needs a network the project does not assume. For each page: load the HTML file with every
non-file request aborted, wait until every plotly figure has drawn, relayout the figures
to the printable width, emulate print media, print.

Evaluating plotly.js (4.8 MB) costs about 0.9 s of a page load, more than everything else
in a print. So :meth:`PdfPrinter.prepare` opens one *print page* in the staging folder
that loads plotly.js once, while the kernels still work. Each briefing whose plotly.js
sits between the exporter's ``<!-- plotly.js begin/end -->`` markers is then written into
that page without its copy of plotly.js (``document.open``/``write`` keeps the window, so
``Plotly`` stays defined; plotly's load-time stylesheet is carried over), and printed.
Any other page, or any trouble with the print page, falls back to loading the file.
"""

from __future__ import annotations

import contextlib
import html
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from helpers.errors import BriefingsError

#: Environment variable naming the Chromium executable to use.
CHROMIUM_ENV = "BRIEFINGS_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
INSTALL_HINT = (
    "no Chromium found for printing PDFs: install one (Debian/Ubuntu: "
    "`sudo apt-get install chromium`) or set $BRIEFINGS_CHROMIUM to a Chromium/Chrome "
    "executable; the HTML briefings were still written"
)

#: A4 with 15 mm side margins leaves 180 mm, about 680 CSS pixels, for the figures.
PRINT_WIDTH_PX = 680
MARGINS = {"top": "15mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}
DRAW_TIMEOUT_MS = 30_000

_WAIT_DRAWN = """() => document.readyState === 'complete'
    && Array.from(document.images).every(i => i.complete)
    && Array.from(document.querySelectorAll('.plotly-graph-div'))
        .every(d => d.querySelector('.main-svg') !== null)"""
PLOTLY_BEGIN = "<!-- plotly.js begin -->"
PLOTLY_END = "<!-- plotly.js end -->"
SHELL_NAME = ".print-page.html"
#: plotly's rules added at load time (the SVG layers' positions...), kept for later pages.
_KEEP_PLOTLY_CSS = """() => {
    const styles = document.querySelectorAll('style[id^="plotly.js-style"]');
    window.__briefingPlotlyCss = Array.from(styles)
        .map(s => Array.from(s.sheet ? s.sheet.cssRules : []).map(r => r.cssText).join('\\n'))
        .join('\\n');
    return typeof window.Plotly;
}"""
_WRITE_PAGE = """(html) => {
    const rules = window.__briefingPlotlyCss || '';
    const css = '<style id="briefing-plotly-css">' + rules + '</style>';
    const at = html.search(/<head[^>]*>/i);
    const head = at < 0 ? 0 : html.indexOf('>', at) + 1;
    document.open();
    document.write(html.slice(0, head) + css + html.slice(head));
    document.close();
}"""
_FIT_FOR_PRINT = """async (width) => {
    // Fixed-width figures (the project's charts are 900 px) keep their designed layout and
    // are scaled down as a whole (CSS zoom; still vector); autosized ones are relaid out.
    const divs = Array.from(document.querySelectorAll('.plotly-graph-div'));
    if (!divs.length || !window.Plotly) return 0;
    await Promise.all(divs.map(d => {
        const own = Number(d.dataset.ownWidth || (d.layout && d.layout.width) || 0);
        const wrapper = d.parentElement;
        if (own && own > width) {
            if (own !== d._fullLayout.width) {
                wrapper.style.width = own + 'px';
                return window.Plotly.relayout(d, {width: own}).then(() => {
                    wrapper.style.zoom = width / own;
                });
            }
            wrapper.style.width = own + 'px';
            wrapper.style.zoom = width / own;
            return Promise.resolve();
        }
        wrapper.style.width = '100%';
        return window.Plotly.relayout(d, {width: own || width, autosize: false});
    }));
    return divs.length;
}"""


class PdfError(BriefingsError):
    """A page could not be printed (no browser, a chart that never drew, ...)."""


def find_chromium() -> str | None:
    """``$BRIEFINGS_CHROMIUM``, /usr/bin/chromium, or a Chromium/Chrome on PATH; else None.

    A ``$BRIEFINGS_CHROMIUM`` naming no file and no command is a :class:`PdfError`: the
    setting is wrong, and silently printing no PDF would hide it.
    """
    env = os.environ.get(CHROMIUM_ENV)
    if env:
        if Path(env).is_file() or shutil.which(env):
            return env
        raise PdfError(
            f"${CHROMIUM_ENV} is {env}, which is neither a file nor a command on PATH; "
            "expected a Chromium or Chrome executable (or unset it to use the system's)"
        )
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def footer_template(title: str, as_of_words: str) -> str:
    """The page footer: title and date on the left, "Page n of N" on the right (escaped)."""
    text = html.escape(f"{title} · as of {as_of_words}")
    return (
        '<div style="font-family: Arial, sans-serif; font-size: 10px; color: #5b5b60; '
        'width: 100%; margin: 0 15mm; display: flex; justify-content: space-between;">'
        f"<span>{text}</span>"
        '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
        "</div>"
    )


class PdfPrinter:
    """One browser for all PDFs of a run; use as a context manager.

    Playwright's sync API is bound to one thread and refuses to run inside an asyncio
    loop (Jupyter, tests with a browser of their own), so every browser call runs on a
    dedicated thread owned by the printer; callers may use it from any thread.
    """

    def __init__(self, executable: str | None = None) -> None:
        self.executable = executable or find_chromium()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf")
        self._playwright = None
        self._browser = None
        self._shell = None
        self._shell_folder: Path | None = None
        self.version: str | None = None
        self.shell_prints = 0

    def __enter__(self) -> PdfPrinter:
        return self

    def __exit__(
        self, kind: type | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def start(self) -> None:
        """Launch the browser (if not yet running); :class:`PdfError` when there is none."""
        self._thread.submit(self._start).result()

    def prepare(self, folder: Path) -> None:
        """Open the print page (plotly.js loaded once) for pages in ``folder``; a failure
        here only means pages are loaded one by one."""
        self._thread.submit(self._prepare, Path(folder)).result()

    def close(self) -> None:
        """Close the browser, playwright and the printer's thread."""
        self._thread.submit(self._close).result()
        self._thread.shutdown()

    def print_pdf(self, page_html: Path, target: Path, title: str, as_of_words: str) -> None:
        """Print the HTML file ``page_html`` to ``target`` (A4, page numbers in the footer)."""
        self._thread.submit(self._print, page_html, target, title, as_of_words).result()

    def _start(self) -> None:
        if self._browser is not None:
            return
        if not self.executable:
            raise PdfError(INSTALL_HINT)
        from playwright.sync_api import Error, sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=self.executable, args=CHROMIUM_ARGS
            )
        except Error as exc:
            self._close()
            raise PdfError(f"could not start Chromium ({self.executable}): {exc}") from exc
        self.version = self._browser.version

    def _prepare(self, folder: Path) -> None:
        self._start()
        from helpers.rendering.html_export import plotly_js

        shell = folder / SHELL_NAME
        try:
            shell.write_text(
                '<!DOCTYPE html><html><head><meta charset="utf-8">'
                "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>"
                f"<script>{plotly_js()}</script></head><body></body></html>",
                encoding="utf-8",
            )
        except OSError:  # a full disk: pages are loaded one by one instead
            with contextlib.suppress(OSError):
                shell.unlink(missing_ok=True)
            return
        page = self._browser.new_page(viewport={"width": 794, "height": 1123})
        try:
            page.route("**/*", _offline)
            page.goto(shell.resolve().as_uri(), wait_until="load")
            if page.evaluate(_KEEP_PLOTLY_CSS) != "object":
                raise PdfError("plotly.js did not load in the print page")
        except Exception:
            page.close()
            return
        self._shell, self._shell_folder = page, folder.resolve()

    def _close(self) -> None:
        if self._shell is not None:
            self._shell.close()
            self._shell = None
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None

    def _print(self, page_html: Path, target: Path, title: str, as_of_words: str) -> None:
        self._start()
        if self._shell is not None and Path(page_html).resolve().parent == self._shell_folder:
            text = Path(page_html).read_text(encoding="utf-8")
            begin, end = text.find(PLOTLY_BEGIN), text.find(PLOTLY_END)
            if 0 <= begin < end:
                try:
                    self._shell.emulate_media(media="screen")
                    self._shell.evaluate(_WRITE_PAGE, text[:begin] + text[end + len(PLOTLY_END) :])
                    self._finish(self._shell, page_html, target, title, as_of_words)
                    self.shell_prints += 1
                    return
                except Exception:  # fall back to a fresh page (and stop using this one)
                    self._shell.close()
                    self._shell = None
        page = self._browser.new_page(viewport={"width": 794, "height": 1123})
        try:
            page.route("**/*", _offline)
            page.goto(Path(page_html).resolve().as_uri(), wait_until="load")
            self._finish(page, page_html, target, title, as_of_words)
        finally:
            page.close()

    def _finish(self, page, page_html: Path, target: Path, title: str, as_of_words: str) -> None:
        """Wait for the charts, fit them to the printable width, print."""
        _wait_drawn(page, page_html)
        page.emulate_media(media="print")
        page.evaluate(_FIT_FOR_PRINT, PRINT_WIDTH_PX)
        page.wait_for_timeout(50)
        page.pdf(
            path=str(target),
            format="A4",
            margin=MARGINS,
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=footer_template(title, as_of_words),
        )


def _offline(route) -> None:
    """Let file:// and data: requests through; abort everything else (no network)."""
    if route.request.url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def _wait_drawn(page, page_html: Path) -> None:
    """Wait until every plotly figure on the page has its SVG."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_WAIT_DRAWN, timeout=DRAW_TIMEOUT_MS)
    except PlaywrightTimeout as exc:
        raise PdfError(f"{page_html.name}: a chart did not draw within 30 s") from exc
