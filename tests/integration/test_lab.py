"""The analyst's path: JupyterLab started by ``make lab``'s command (``scripts/lab``) on
127.0.0.1, as root when the tests run as root, with ``explore`` opened in headless Chromium
and run as an analyst would: Run All, filter, click a point, add a cell, Run All again.

The project is the synthetic one of ``support.frames`` (11 events, 6 of them crackdown
acts), so the expected counts are known. Every wait is bounded; the server (and its
kernel) is stopped whatever happens.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from support.frames import make_project

from helpers.rendering.pdf import CHROMIUM_ARGS, find_chromium

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
TOKEN = "lab-test-token"
WAIT_MS = 90_000
N_EVENTS, N_CRACKDOWN = 11, 6


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[tuple[str, Path, str]]:
    """A running JupyterLab on a synthetic project: (base URL, project root, its log)."""
    folder = tmp_path_factory.mktemp("lab")
    root = make_project(folder / "project")
    port = free_port()
    env = {
        **os.environ,
        "BRIEFINGS_ROOT": str(root),
        "LAB_PORT": str(port),
        "LAB_TOKEN": TOKEN,
        "JUPYTER_CONFIG_DIR": str(folder / "config"),
        "JUPYTER_RUNTIME_DIR": str(folder / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces"),
        "IPYTHONDIR": str(folder / "ipython"),
    }
    log_path = folder / "lab.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(REPO / "scripts" / "lab"), str(root / "notebooks")],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{log_path.read_text()[-3000:]}")
                time.sleep(0.5)
        yield base, root, log_path.read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def test_make_lab_prints_the_url_and_listens_on_the_loopback_only(lab):
    base, _root, log = lab
    assert f"Open {base}/lab?token={TOKEN}" in log
    assert "Jupyter Server" in log and "is running at" in log
    assert f"{base}/lab" in log and "0.0.0.0" not in log
    assert "Running as root is not recommended" not in log  # started, root or not


# ------------------------------------------------------------------------ in Chromium


def _only_local(route) -> None:
    if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def _kernel_ready(page) -> None:
    """Wait until the notebook's kernel is connected and idle, answering JupyterLab's
    kernel chooser (shown on a first start) with its default, Python 3."""
    deadline = time.monotonic() + WAIT_MS / 1000
    idle_checks = 0
    while time.monotonic() < deadline:
        dialog = page.locator(".jp-Dialog")
        if dialog.count() and dialog.first.is_visible():
            dialog.first.locator(".jp-Dialog-button.jp-mod-accept").click()
            idle_checks = 0
        elif "| Idle" in page.locator(".jp-StatusBar-Widget").all_inner_texts().__str__():
            idle_checks += 1
            if idle_checks >= 3:
                return
        time.sleep(0.5)
    pytest.fail("the notebook's kernel never became idle")


def _prompts(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-CodeCell .jp-InputArea-prompt", "els => els.map(e => e.textContent.trim())"
    )


def _run_all(page, n_code_cells: int) -> list[int]:
    """Run All, wait until every code cell has run, and return their execution counts."""
    before = _prompts(page)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        prompts = _prompts(page)
        counts = [int(m[1]) for p in prompts if (m := re.fullmatch(r"\[(\d+)\]:", p))]
        if prompts != before and len(counts) == n_code_cells and "[*]:" not in prompts:
            return counts
        time.sleep(0.5)
    page.screenshot(path=str(Path(os.environ.get("TMPDIR", "/tmp")) / "lab-test-failure.png"))
    pytest.fail(f"the cells did not all run: {_prompts(page)}")


def _errors(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
        "els => els.map(e => e.textContent.slice(0, 300))",
    )


def _plot_heights(page) -> list[float]:
    return page.eval_on_selector_all(
        ".js-plotly-plot", "els => els.map(g => g._fullLayout ? g._fullLayout._size.h : 0)"
    )


def _counts(page) -> tuple[int, int]:
    """(points drawn on the workbench chart, rows in its table)."""
    points = page.locator(".js-plotly-plot .scatterlayer .points path").count()
    rows = page.locator(".widget-html table.events-table tbody tr").count()
    return points, rows


def _wait_for(page, check, what: str) -> None:
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


def test_explore_workbench_in_jupyterlab(lab, tmp_path):
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium (scripts/ensure-chromium installs Debian's when root)")
    base, root, _log = lab
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(WAIT_MS)
            page.route("**/*", _only_local)
            page.goto(f"{base}/lab/tree/explore.ipynb?token={TOKEN}")
            page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell")
            _kernel_ready(page)
            n_code = len(
                [
                    c
                    for c in nbformat.read(root / "notebooks" / "explore.ipynb", 4).cells
                    if c.cell_type == "code"
                ]
            )

            first = _run_all(page, n_code)
            assert _errors(page) == []
            _wait_for(page, lambda: _counts(page) == (N_EVENTS, N_EVENTS), "the workbench")
            heights = _plot_heights(page)
            assert heights and min(heights) >= 260, heights

            # A filter narrows the chart and the table alike.
            category = page.locator(".widget-select-multiple", has_text="Category")
            category.locator("select").select_option(label="crackdown")
            _wait_for(page, lambda: _counts(page) == (N_CRACKDOWN, N_CRACKDOWN), "the filter")
            count = page.locator(".widget-html", has_text="match the filters").first
            assert f"{N_CRACKDOWN} of {N_EVENTS} events" in count.inner_text()
            assert min(_plot_heights(page)) >= 260

            # Clicking a point shows its card.
            point = page.locator(".js-plotly-plot .scatterlayer .points path").first
            point.scroll_into_view_if_needed()
            box = point.bounding_box()
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            card = page.locator(".event-card")
            card.wait_for()
            assert "Reported by" in card.inner_text() and "“" in card.inner_text()
            page.locator(".jp-NotebookPanel").screenshot(path=str(tmp_path / "explore.png"))

            # An analyst adds a variable of their own and runs everything again.
            page.locator(".jp-NotebookPanel .jp-CodeCell").last.click()
            page.keyboard.press("Escape")
            page.keyboard.press("b")
            page.keyboard.press("Enter")
            page.keyboard.type("n_top = 3")
            page.keyboard.press("Escape")
            again = _run_all(page, n_code + 1)
            assert min(again) > max(first)
            assert _errors(page) == []
            _wait_for(page, lambda: _counts(page) == (N_EVENTS, N_EVENTS), "the re-run")
        finally:
            browser.close()
