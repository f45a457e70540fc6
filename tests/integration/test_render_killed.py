"""A render killed at any point: what is published stays whole, and the next render
publishes whole briefings and leaves no staging folder or temporary file behind.

Renders run in processes of their own (``support.render_project.RENDER_SCRIPT``) and are
killed with SIGKILL, kernels and browser included, at points drawn from fixed seeds, so a
failure can be replayed.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from support.render_project import AS_OF, FOLDER, RENDER_SCRIPT, make_project

from helpers.paths import Project
from helpers.rendering.pdf import find_chromium

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(find_chromium() is None, reason="needs Chromium (apt-get install chromium)"),
]

#: Seeds of the kill points; each draws a delay within a whole render of the suite.
SEEDS = (11, 23, 37)
SLOW_SUITE = """
jobs:
  - notebook: nb/fixture_second.ipynb
    name: second
  - notebook: nb/fixture_slow.ipynb
    name: slow
"""
TEMPORARY = re.compile(r"^\..+\.\d+-[^.]+\.(?:tmp|bak)$")


def start_render(project: Project, log: Path, *args: str) -> subprocess.Popen:
    script = project.root / "render_one.py"
    script.write_text(RENDER_SCRIPT)
    env = {**os.environ, "BRIEFINGS_ROOT": str(project.root)}
    with log.open("w") as out:
        return subprocess.Popen(
            [sys.executable, str(script), str(project.root), *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kernels and browser die with it
        )


def render_to_end(project: Project, log: Path, *args: str) -> None:
    proc = start_render(project, log, *args)
    assert proc.wait(timeout=300) == 0, log.read_text()[-3000:]


def kill(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):  # it may have finished already
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)


def assert_published_whole(project: Project) -> None:
    """Every briefing the manifests list is there and complete; the index is complete."""
    index = (project.reports / "index.html").read_text(encoding="utf-8")
    assert index.rstrip().endswith("</html>")
    for manifest in project.reports.glob("**/manifest.json"):
        jobs = json.loads(manifest.read_text(encoding="utf-8"))["jobs"]
        for name, job in jobs.items():
            for kind, file in (job.get("outputs") or {}).items():
                path = manifest.parent / file
                assert path.is_file(), (name, kind, path)
                if kind == "html":
                    assert path.read_text(encoding="utf-8").rstrip().endswith("</html>"), path
                else:
                    assert path.read_bytes().rstrip().endswith(b"%%EOF"), path
                    assert len(PdfReader(path).pages) >= 1


def leftovers(project: Project) -> list[str]:
    """Staging folders and temporary files in ``reports/``."""
    found = [p.name for p in project.reports.glob(".tmp-*")]
    return found + [
        str(p.relative_to(project.reports))
        for p in project.reports.rglob(".*")
        if p.is_file() and TEMPORARY.match(p.name)
    ]


def test_a_killed_render_logs_how_far_it_got_and_the_next_one_cleans_up(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    (project.root / "slow.yaml").write_text(SLOW_SUITE)
    log = tmp_path / "killed.log"
    proc = start_render(project, log, "slow.yaml", AS_OF, "force")
    deadline = time.monotonic() + 120
    while "slow: execute..." not in log.read_text() and time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        time.sleep(0.2)
    # The log, a file, already shows the step: progress lines are flushed as they go.
    assert "slow: execute..." in log.read_text()
    kill(proc)
    staging = project.reports / f".tmp-{proc.pid}-{AS_OF}"
    assert staging.is_dir()  # what the killed render left behind

    render_to_end(project, tmp_path / "next.log", "suite.yaml", AS_OF, "force")

    assert not staging.exists()
    assert leftovers(project) == []
    assert_published_whole(project)


def test_renders_killed_at_random_points_leave_whole_briefings(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    started = time.monotonic()
    render_to_end(project, tmp_path / "first.log", "suite.yaml", AS_OF, "force")
    whole_render = time.monotonic() - started
    kills = []
    for seed in SEEDS:
        delay = random.Random(seed).uniform(0.1, whole_render)
        log = tmp_path / f"killed-{seed}.log"
        proc = start_render(project, log, "suite.yaml", AS_OF, "force")
        time.sleep(delay)
        kill(proc)
        kills.append((seed, round(delay, 2), log.read_text().splitlines()[-1:]))
        assert_published_whole(project)

    render_to_end(project, tmp_path / "next.log", "suite.yaml", AS_OF, "force")

    assert leftovers(project) == [], kills
    assert_published_whole(project)
    jobs = json.loads((project.reports / FOLDER / "manifest.json").read_text())["jobs"]
    assert {name: job["status"] for name, job in jobs.items()} == {
        "fixture_briefing": "ok",
        "second": "ok",
    }, kills
