"""End-to-end renders of the fixture notebooks (tests/fixtures/notebooks): real kernels,
nbconvert, and Debian's Chromium for PDFs and for checking the HTML offline."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.faults import refused_writes
from support.pages import chromium, offline_page
from support.render_project import (
    AS_OF,
    EVIL_NOTE,
    EVIL_TITLE,
    FOLDER,
    RENDER_SCRIPT,
    make_project,
    passthrough,
)
from support.snapshots import snapshot

from helpers.cli import main
from helpers.paths import Project
from helpers.rendering import cache
from helpers.rendering import render as render_module
from helpers.rendering.pdf import find_chromium
from helpers.rendering.render import RenderOptions, render

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(find_chromium() is None, reason="needs Chromium (apt-get install chromium)"),
]


def run_render(project: Project, suite: str = "suite.yaml", **kwargs) -> render_module.RenderReport:
    options = RenderOptions(
        project=project,
        suite_path=project.root / suite,
        as_of=kwargs.pop("as_of", AS_OF),
        validator=passthrough,
        jobs=2,
        rich=False,
        **kwargs,
    )
    return render(options)


@pytest.fixture(scope="module")
def stable_code():
    """Other contributors edit src/helpers while tests run: pin the code fingerprint."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cache, "code_fingerprint", lambda: "pinned-code")
        mp.setattr(render_module, "default_validator", lambda project: passthrough)
        yield


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, stable_code):
    """The fixture suite rendered once; shared by the read-only tests."""
    project = make_project(tmp_path_factory.mktemp("render"))
    report = run_render(project)
    assert report.ok, [o.message for o in report.outcomes]
    return project


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def test_outputs_and_manifest(rendered: Project) -> None:
    folder = rendered.reports / FOLDER
    for name in ("fixture_briefing", "second"):
        assert (folder / f"{name}.html").stat().st_size > 1_000_000  # plotly.js inline
        assert (folder / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    data = json.loads((folder / "manifest.json").read_text())
    entry = data["jobs"]["fixture_briefing"]
    assert entry["status"] == "ok" and entry["error"] is None
    assert entry["parameters"]["as_of"] == AS_OF and entry["parameters"]["title"] == EVIL_TITLE
    assert entry["dataset"]["files"].keys() >= {
        "data/processed/events.parquet",
        "data/codebook.yaml",
    }
    assert set(entry["timings"]) >= {"execute", "html", "pdf"}
    assert entry["versions"]["chromium"] and entry["versions"]["papermill"]
    assert "git_commit" in entry and entry["outputs"] == {
        "html": "fixture_briefing.html",
        "pdf": "fixture_briefing.pdf",
    }
    assert not list(rendered.reports.glob(".tmp-*"))  # staging cleaned up


def test_html_is_self_contained_and_shows_no_code(rendered: Project, browser) -> None:
    path = rendered.reports / FOLDER / "fixture_briefing.html"
    html = path.read_text()
    assert html.count("plotly.js v") == 1
    assert "<script src=" not in html
    page, attempts, dialogs = offline_page(browser, path)
    page.wait_for_function(
        "() => document.querySelectorAll('.plotly-graph-div .main-svg').length >= 2"
    )
    assert page.locator(".plotly-graph-div").count() == 2
    assert page.locator("img").count() >= 1  # the matplotlib chart
    text = page.inner_text("body")
    assert attempts == [] and dialogs == []
    for leak in (
        "stdout noise",
        "stderr noise",
        "must not leak",
        "pio.renderers",
        "In [",
        "fail = ",
        "Parameters",
        "display(HTML",
    ):
        assert leak not in text
    assert EVIL_TITLE in text  # shown as text, not run
    assert EVIL_NOTE in text
    assert (
        "Events in Cambodia from 1 January 2016 to 31 December 2018, as known on "
        "31 October 2017" in text
    )
    assert "<b>not bold</b>" in text  # the notebook's own escaping survives
    page.close()


def test_index_opens_offline(rendered: Project, browser) -> None:
    page, attempts, dialogs = offline_page(browser, rendered.reports / "index.html")
    text = page.inner_text("body")
    assert EVIL_TITLE in text and "31 October 2017" in text
    hrefs = page.eval_on_selector_all("a[href$='.pdf']", "els => els.map(e => e.href)")
    assert len(hrefs) == 2
    assert attempts == [] and dialogs == []
    page.close()


def test_pdf_is_a4_with_page_numbers_and_drawn_charts(rendered: Project, tmp_path: Path) -> None:
    from PIL import Image
    from pypdf import PdfReader

    pdf = rendered.reports / FOLDER / "fixture_briefing.pdf"
    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 4
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Crackdown <script>alert(1)</script> briefing" in " ".join(text.split())
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "Month of event" in text and "Event type" in text  # plotly axes, as vector text
    assert "stdout noise" not in text and "must not leak" not in text
    images = [img for page in reader.pages for img in page.images]
    assert images, "the matplotlib chart should be embedded as an image"
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    png = next(tmp_path.glob("p*.png"))
    gray = Image.open(png).convert("L")
    dark = sum(gray.histogram()[:200]) / (gray.width * gray.height)
    assert dark > 0.01, "page 1 looks blank"


def test_rerun_is_skipped(rendered: Project) -> None:
    folder = rendered.reports / FOLDER
    before = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.*")}
    report = run_render(rendered)
    assert [o.status for o in report.outcomes] == ["skipped", "skipped"]
    assert "unchanged" in report.outcomes[0].message
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.*")} == before


def test_failing_notebook_keeps_previous_briefing(rendered: Project, capsys) -> None:
    folder = rendered.reports / FOLDER
    previous = {
        n: (folder / n).read_bytes() for n in ("fixture_briefing.html", "fixture_briefing.pdf")
    }
    code = main(
        [
            "--root",
            str(rendered.root),
            "render",
            "--as-of",
            AS_OF,
            "--suite",
            str(rendered.root / "failing.yaml"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "fixture_briefing" in err and "RuntimeError" in err
    assert "fixture failure requested" in err and "cell 4" in err
    for name, content in previous.items():
        assert (folder / name).read_bytes() == content
    kept = folder / "failed" / "fixture_briefing.ipynb"
    nb = json.loads(kept.read_text())
    assert nb["metadata"]["papermill"]["exception"] is True
    entry = json.loads((folder / "manifest.json").read_text())["jobs"]["fixture_briefing"]
    assert entry["outputs"]["html"] == "fixture_briefing.html"
    assert entry["error"]["ename"] == "RuntimeError" and entry["error"]["cell_index"] == 4
    assert "previous version" in (rendered.reports / "index.html").read_text()


def test_missing_chromium_still_writes_html(stable_code, tmp_path: Path, monkeypatch) -> None:
    project = make_project(tmp_path)
    monkeypatch.delenv("BRIEFINGS_CHROMIUM", raising=False)
    monkeypatch.setattr("helpers.rendering.pdf.find_chromium", lambda: None)  # a machine without
    report = run_render(project, only=["second"])
    assert not report.ok
    outcome = report.outcomes[0]
    assert outcome.status == "partial" and "apt-get install chromium" in outcome.message
    folder = project.reports / FOLDER
    assert (folder / "second.html").is_file() and not (folder / "second.pdf").exists()


def test_two_renders_at_once_leave_a_consistent_manifest(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    script = tmp_path / "render_one.py"
    script.write_text(RENDER_SCRIPT)
    env = {**os.environ, "BRIEFINGS_ROOT": str(project.root)}
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(project.root), "suite.yaml", "2017-11-30", "", only],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for only in ("fixture_briefing", "second")
    ]
    for proc in procs:
        out, _ = proc.communicate(timeout=240)
        assert proc.returncode == 0, out.decode()[-2000:]
    folder = project.reports / "2017-11-30" / "cambodia"
    data = json.loads((folder / "manifest.json").read_text())
    assert set(data["jobs"]) == {"fixture_briefing", "second"}
    index = (project.reports / "index.html").read_text()
    assert "2017-11-30/cambodia/fixture_briefing.html" in index
    assert "2017-11-30/cambodia/second.pdf" in index
    assert not list(project.reports.glob(".tmp-*"))


KERNEL_SUITE = """
jobs:
  - notebook: nb/fixture_leak_set.ipynb
  - notebook: nb/fixture_kill.ipynb
  - notebook: nb/fixture_leak_check.ipynb
  - notebook: nb/fixture_second.ipynb
"""


@pytest.fixture(scope="module")
def kernel_run(tmp_path_factory, stable_code):
    """Four jobs through ONE warm kernel: state setter, kernel killer, checker, chart."""
    project = make_project(tmp_path_factory.mktemp("kernels"))
    (project.root / "kernels.yaml").write_text(KERNEL_SUITE)
    options = RenderOptions(
        project=project,
        suite_path=project.root / "kernels.yaml",
        as_of=AS_OF,
        validator=passthrough,
        jobs=1,
        rich=False,
    )
    return project, render(options)


def test_kernel_reuse_does_not_leak_state(kernel_run) -> None:
    project, report = kernel_run
    status = {o.name: o.status for o in report.outcomes}
    assert status["fixture_leak_set"] == "rendered"
    # the checker asserts no variable, plotly renderer, environment or cwd leaked
    assert status["fixture_leak_check"] == "rendered", report.outcomes[2].message
    html = (project.reports / AS_OF / "fixture_leak_check.html").read_text()
    assert "No state leaked" in html


def test_a_notebook_that_kills_its_kernel_fails_cleanly(kernel_run) -> None:
    project, report = kernel_run
    outcome = next(o for o in report.outcomes if o.name == "fixture_kill")
    assert outcome.status == "failed"
    # cell 4: parameters, injected parameters, markdown, `x = 1`, then `os._exit(1)`
    assert "fixture_kill" in outcome.message and "cell 4" in outcome.message
    assert "DeadKernelError" in outcome.message
    folder = project.reports / AS_OF
    kept = json.loads((folder / "failed" / "fixture_kill.ipynb").read_text())
    assert kept["metadata"]["papermill"]["exception"] is True
    failed = [c for c in kept["cells"] if c["metadata"].get("papermill", {}).get("exception")]
    assert len(failed) == 1 and "os._exit(1)" in failed[0]["source"]
    cell = failed[0]
    assert cell["outputs"][-1]["ename"] == "DeadKernelError"
    assert "An Exception was encountered" in "".join(kept["cells"][0]["source"])  # papermill
    entry = json.loads((folder / "manifest.json").read_text())["jobs"]["fixture_kill"]
    assert entry["error"]["cell_index"] == 4 and entry["error"]["ename"] == "DeadKernelError"
    # the jobs after it still rendered, in a fresh kernel
    later = {o.name: o.status for o in report.outcomes}
    assert later["fixture_leak_check"] == "rendered" and later["fixture_second"] == "rendered"
    assert (folder / "fixture_second.pdf").read_bytes().startswith(b"%PDF")


def test_kernel_logs_stay_off_the_terminal(stable_code, tmp_path: Path, capfd) -> None:
    project = make_project(tmp_path)
    report = run_render(project, only=["second"])
    assert report.ok
    out, err = capfd.readouterr()
    assert "IPKernelApp" not in out + err and "without encryption" not in out + err


def test_html_hides_tagged_cells_and_groups_sections(rendered: Project) -> None:
    html = (rendered.reports / FOLDER / "fixture_briefing.html").read_text()
    assert "A small notebook for the rendering tests" not in html  # tagged hide-in-briefing
    keep = html.index('<div class="briefing-keep">')
    heading = html.index("Summary for Cambodia")
    chart = html.index('class="plotly-graph-div"')
    assert keep < heading < chart


def test_a_full_disk_keeps_the_previous_briefing(stable_code, tmp_path: Path, capsys) -> None:
    """The executed notebook, the pages, the manifest and the index cannot be written: the
    job fails with one sentence naming the place, and every previous file stays as it was
    (no empty notebook in failed/, no staging folder, no temporary file)."""
    project = make_project(tmp_path)
    render_args = ["--root", str(project.root), "render", "--as-of", AS_OF, "--only", "second"]
    assert main(render_args) == 0
    before = snapshot(project.reports)
    capsys.readouterr()

    with refused_writes(project.reports, "full"):
        code = main([*render_args, "--force"])

    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    assert re.search(r"^error: .*reports.*: no space left on device", err, re.MULTILINE), err
    assert snapshot(project.reports) == before
