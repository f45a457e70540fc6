"""pyproject.toml declares what the code uses (and nothing it does not), and
environment.yml describes the same environment."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import yaml
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[2]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_conda_python_satisfies_requires_python():
    deps = _environment()["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python="))
    version = python.split("=", 1)[1]
    assert version in SpecifierSet(_pyproject()["project"]["requires-python"])


def test_conda_pip_section_installs_the_project_with_the_dev_extra_only():
    deps = _environment()["dependencies"]
    pip_sections = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
    assert pip_sections == [["-e .[dev]"]], (
        "environment.yml must install the project itself; list dependencies in pyproject.toml"
    )
    assert "dev" in _pyproject()["project"]["optional-dependencies"]


def test_user_named_packages_are_dependencies():
    names = {
        dep.split(">")[0].split("=")[0].split("[")[0].strip().lower()
        for dep in _pyproject()["project"]["dependencies"]
    }
    assert {"jupyterlab", "pandas", "matplotlib", "plotly", "papermill"} <= names


def test_conda_env_adds_no_python_package_of_its_own():
    deps = _environment()["dependencies"]
    conda_pkgs = {d.split("=")[0] for d in deps if isinstance(d, str)}
    assert conda_pkgs == {"python", "pip"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(*extras: str) -> set[str]:
    project = _pyproject()["project"]
    specs = list(project["dependencies"])
    for extra in extras:
        specs += project["optional-dependencies"][extra]
    return {_normal(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0]) for spec in specs}


def _imported_distributions(*folders: str) -> dict[str, set[str]]:
    """Distribution -> the files under ``folders`` that import one of its modules."""
    providers = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in sys.stdlib_module_names or top == "helpers":
                        continue
                    for dist in providers.get(top, []):
                        found.setdefault(_normal(dist), set()).add(str(path.relative_to(ROOT)))
    return found


#: Declared packages that are run rather than imported.
TOOLS = {
    "jupyterlab": "make lab",
    "ipykernel": "the kernel the notebooks run in",
    "ruff": "make lint",
    "nbstripout": "make format",
    "pre-commit": ".pre-commit-config.yaml",
    "frictionless": "the tests validate the exported data package with its command",
    "jupyterlab-widgets": "JupyterLab shows the explore workbench's widgets with it",
    "anywidget": "plotly's clickable chart widget in JupyterLab needs it",
}


def test_every_package_the_code_imports_is_declared():
    undeclared = {
        dist: files
        for dist, files in _imported_distributions("src").items()
        if dist not in _declared()
    }
    assert undeclared == {}
    for_tests = {
        dist: files
        for dist, files in _imported_distributions("tests", "benchmarks").items()
        if dist not in _declared("dev")
    }
    assert for_tests == {}


def test_every_declared_package_is_used():
    used = set(_imported_distributions("src", "tests", "benchmarks")) | set(TOOLS)
    assert _declared("dev") - used == set()


def test_papermill_major_version_is_bounded():
    """The kernel pool relies on papermill's engine and client classes."""
    (spec,) = [d for d in _pyproject()["project"]["dependencies"] if d.startswith("papermill")]
    assert "3.0" not in SpecifierSet(spec.removeprefix("papermill"))
