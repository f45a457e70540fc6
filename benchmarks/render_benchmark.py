"""Time `briefings render` against the naive chain and against executing the notebooks alone.

Not a test: run it by hand (``make benchmark`` or ``.venv/bin/python
benchmarks/render_benchmark.py``) on a project whose data is built. It copies the
project's data, notebooks and suite into a temporary folder (the real reports/ is not
touched) and measures, for the default suite:

* execute only: the papermill CLI on each notebook, one after another;
* naive chain: per notebook, the papermill CLI, then ``jupyter nbconvert --to html
  --no-input``, then ``chromium --headless --print-to-pdf``, one process each;
* render, cold: the first ``briefings render --force`` in the fresh copy (per-step times
  from its manifest);
* render, warm: ``briefings render --force`` again (same work, warm OS caches);
* render, unchanged: the same again without ``--force`` (every job skipped).

Per-step columns are sums over jobs (execute includes papermill; for the render,
"kernel" is the time jobs waited for a warm kernel: start-up and imports, overlapping
with the browser start). With --jobs > 1 steps overlap, so they add up to more than the
wall time. Each route is run ``--repeat`` times and the run with the median wall time is
shown.

Issue target on 2 cores: render cold >= 5x faster than the naive chain, and within 1.5x
of executing the notebooks alone.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from helpers.paths import Project, find_root
from helpers.rendering.pdf import find_chromium
from helpers.rendering.render import RenderOptions, plan_jobs
from helpers.rendering.suite import load_suite

BIN = Path(sys.executable).parent
AS_OF = "2018-12-31"


def copy_project(root: Path, target: Path) -> Project:
    """A scratch copy of what a render reads (data, notebooks, suite)."""
    for name in ("data", "notebooks"):
        shutil.copytree(root / name, target / name)
    shutil.copy2(root / "suite.yaml", target / "suite.yaml")
    return Project(target)


def timed(command: list[str], cwd: Path) -> float:
    """Run a command (output discarded), fail loudly, return wall seconds."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def job_parameters(project: Project) -> list[tuple[Path, dict]]:
    """Each job's notebook and validated parameters (as the render injects them)."""
    suite = load_suite(project.root / "suite.yaml")
    options = RenderOptions(project=project, suite_path=suite.path, as_of=AS_OF)
    planned = plan_jobs(suite, suite.briefings(suite.jobs), options)
    return [(p.job.notebook, p.parameters) for p in planned]


def execute_only(project: Project, jobs: list[tuple[Path, dict]], out: Path) -> float:
    """The papermill CLI on every notebook, sequentially."""
    total = 0.0
    for notebook, params in jobs:
        params_file = out / f"{notebook.stem}.params.yaml"
        params_file.write_text(yaml.safe_dump(params))
        total += timed(
            [
                str(BIN / "papermill"),
                str(notebook),
                str(out / f"{notebook.stem}.ipynb"),
                "-f",
                str(params_file),
                "--cwd",
                str(notebook.parent),
                "--no-progress-bar",
            ],
            project.root,
        )
    return total


def naive_chain(project: Project, jobs: list[tuple[Path, dict]], out: Path) -> dict[str, float]:
    """papermill CLI, nbconvert CLI, Chromium CLI: one process per step, job after job."""
    steps = {"execute": 0.0, "html": 0.0, "pdf": 0.0}
    chromium = find_chromium() or "chromium"
    for notebook, params in jobs:
        stem = notebook.stem
        params_file = out / f"{stem}.params.yaml"
        params_file.write_text(yaml.safe_dump(params))
        executed = out / f"{stem}.ipynb"
        steps["execute"] += timed(
            [
                str(BIN / "papermill"),
                str(notebook),
                str(executed),
                "-f",
                str(params_file),
                "--cwd",
                str(notebook.parent),
                "--no-progress-bar",
            ],
            project.root,
        )
        steps["html"] += timed(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            out,
        )
        steps["pdf"] += timed(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out / (stem + '.pdf')}",
                (out / f"{stem}.html").as_uri(),
            ],
            out,
        )
    return steps


STEPS = ("kernel", "execute", "html", "pdf")


def render(project: Project, jobs: int, force: bool) -> tuple[float, dict[str, float]]:
    """``briefings render`` as a user runs it; returns wall time and summed step times."""
    command = [
        str(BIN / "briefings"),
        "--root",
        str(project.root),
        "render",
        "--as-of",
        AS_OF,
        "--jobs",
        str(jobs),
    ] + (["--force"] if force else [])
    wall = timed(command, project.root)
    manifests = (project.reports / AS_OF).glob("*/manifest.json")  # one per country
    entries = [e for m in manifests for e in json.loads(m.read_text())["jobs"].values()]
    steps = dict.fromkeys(STEPS, 0.0)
    if force:
        for entry in entries:
            for step in steps:
                steps[step] += entry.get("timings", {}).get(step, 0.0)
    return wall, steps


def median_run(runs: list[tuple[float, dict[str, float] | None]]):
    """The run with the median wall time."""
    return sorted(runs, key=lambda r: r[0])[len(runs) // 2]


def report(results: dict[str, tuple[float, dict[str, float] | None]]) -> None:
    """Print the table and the ratios against the issue's targets."""
    header = "".join(f"{s:>9}" for s in STEPS)
    print(f"\n{'route':<34}{'wall s':>8}{header}")
    for name, (wall, steps) in results.items():
        cells = "".join(f"{steps[s]:>9.1f}" if steps and s in steps else f"{'-':>9}" for s in STEPS)
        print(f"{name:<34}{wall:>8.1f}{cells}")
    print("(step columns are sums over jobs; with --jobs > 1 they overlap in wall time)")
    naive = results["naive chain"][0]
    execute = results["execute only (papermill CLI)"][0]
    cold = results["briefings render, cold"][0]
    warm = results["briefings render, warm"][0]
    unchanged = results["briefings render, unchanged"][0]
    print(f"\nnaive / render cold         = {naive / cold:5.1f}x  (target >= 5x)")
    print(f"naive / render warm         = {naive / warm:5.1f}x")
    print(f"render cold / execute only  = {cold / execute:5.2f}x (target <= 1.5x)")
    print(f"render warm / execute only  = {warm / execute:5.2f}x")
    print(f"naive / render unchanged    = {naive / unchanged:5.1f}x (nothing to do)")
    print(f"naive / execute only        = {naive / execute:5.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for briefings render")
    parser.add_argument("--repeat", type=int, default=3, help="runs per render route")
    parser.add_argument("--skip-naive", action="store_true", help="skip the slow naive chain")
    args = parser.parse_args()
    root = find_root()
    if not Project(root).events_table.is_file():
        sys.exit("data/processed/events.csv is missing: run `make data` first")
    with tempfile.TemporaryDirectory(prefix="render-bench-") as tmp:
        project = copy_project(root, Path(tmp) / "project")
        jobs = job_parameters(project)
        print(f"{len(jobs)} notebooks: {', '.join(n.stem for n, _ in jobs)}")
        results: dict[str, tuple[float, dict[str, float] | None]] = {}
        results["briefings render, cold"] = render(project, args.jobs, force=True)
        out = Path(tmp) / "execute"
        out.mkdir()
        results["execute only (papermill CLI)"] = (execute_only(project, jobs, out), None)
        if not args.skip_naive:
            out = Path(tmp) / "naive"
            out.mkdir()
            steps = naive_chain(project, jobs, out)
            results["naive chain"] = (sum(steps.values()), steps)
        else:
            results["naive chain"] = (float("nan"), None)
        results["briefings render, warm"] = median_run(
            [render(project, args.jobs, force=True) for _ in range(args.repeat)]
        )
        results["briefings render, unchanged"] = median_run(
            [render(project, args.jobs, force=False) for _ in range(args.repeat)]
        )
        report(results)


if __name__ == "__main__":
    main()
