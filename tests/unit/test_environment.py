"""environment.yml and pyproject.toml describe the same environment."""

from __future__ import annotations

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
