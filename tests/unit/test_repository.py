"""Repository hygiene that CI enforces: ruff-clean code and notebooks, notebooks committed
without outputs, the pre-commit hooks declared, no machine paths."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
#: What ruff checks and formats (``make lint``): the code and the notebooks.
LINTED = ["src", "tests", "benchmarks", "notebooks"]


def _ruff() -> list[str]:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("ruff is not installed in the test environment (it is a dev dependency)")
    return [exe]


def test_ruff_lint_is_clean():
    proc = subprocess.run([*_ruff(), "check", *LINTED], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_is_clean():
    proc = subprocess.run(
        [*_ruff(), "format", "--check", *LINTED],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_notebooks_are_committed_without_outputs():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks, "no notebooks found"
    for path in notebooks:
        nb = json.loads(path.read_text())
        for index, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code":
                assert not cell.get("outputs"), f"{path.name} cell {index} has outputs"
                assert cell.get("execution_count") is None, f"{path.name} cell {index} was run"


def test_ruff_reads_the_notebooks():
    """The notebooks are not excluded: ruff reports a problem planted in a copy of one (read
    from standard input under a notebook's name, so the project's settings apply)."""
    notebook = json.loads((ROOT / "notebooks" / "01_briefing.ipynb").read_text())
    notebook["cells"].append(
        {"cell_type": "code", "metadata": {}, "source": "import os", "outputs": [],
         "execution_count": None}
    )  # fmt: skip
    proc = subprocess.run(
        [*_ruff(), "check", "--force-exclude", "--output-format", "concise",
         "--stdin-filename", "notebooks/planted.ipynb", "-"],
        input=json.dumps(notebook), cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 1 and "F401" in proc.stdout, proc.stdout + proc.stderr


def test_pre_commit_runs_ruff_ruff_format_and_nbstripout():
    config = ROOT / ".pre-commit-config.yaml"
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert exe is not None, "pre-commit is a dev dependency"
    proc = subprocess.run([exe, "validate-config", str(config)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    hooks = {
        h["id"]: h for repo in yaml.safe_load(config.read_text())["repos"] for h in repo["hooks"]
    }
    assert set(hooks) == {"ruff", "ruff-format", "nbstripout"}
    assert hooks["ruff"]["entry"].startswith("ruff check")
    assert hooks["ruff-format"]["entry"].startswith("ruff format")
    assert "jupyter" in hooks["ruff"]["types_or"]


MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|tmp|root|home/\w+)/")


def test_the_repository_names_no_machine_path():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    offenders = []
    for name in tracked:
        path = ROOT / name
        if path.suffix in {".pdf", ".png"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [f"{name}: {m.group(0)}" for m in MACHINE_PATH.finditer(text)]
    assert offenders == []


def test_citation_file_matches_the_package():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert {"cff-version", "message", "title", "authors"} <= set(citation)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert citation["version"] == project["version"]
    assert citation["license"] == project["license"]
    assert "LICENSE-data" in citation["message"]


def test_the_coded_data_has_a_stated_licence():
    notice = (ROOT / "LICENSE-data").read_text()
    assert "CC BY 4.0" in notice and "data/curated/" in notice and "data/codebook.yaml" in notice
    assert "keeps its own" in notice  # third-party data keeps its own terms
    readme = (ROOT / "README.md").read_text()
    assert "LICENSE-data" in readme and "CC BY 4.0" in readme


def test_ci_runs_the_tests_on_push_and_pull_request():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "make test" in steps
