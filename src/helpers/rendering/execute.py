"""Execute one notebook with papermill, in-process (safe to call from worker threads).

Each call starts its own kernel (a separate process), so several jobs can run at once.
A failing cell does not raise here: the result says which cell failed and why, and the
executed notebook (with the failing cell's traceback) is still written for diagnosis.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Kernel used when a notebook names none (the venv's ``python3`` kernelspec).
DEFAULT_KERNEL = "python3"


@dataclass(frozen=True)
class CellFailure:
    """Where and how a notebook failed."""

    cell_index: int | None
    ename: str
    evalue: str

    def describe(self, notebook: str) -> str:
        """One line for people: notebook, cell and error."""
        where = f"cell {self.cell_index}" if self.cell_index is not None else "before any cell"
        return f"{notebook}: {where} raised {self.ename}: {self.evalue}"

    def as_dict(self) -> dict[str, Any]:
        """For the manifest."""
        return {"cell_index": self.cell_index, "ename": self.ename, "evalue": self.evalue}


@dataclass(frozen=True)
class ExecutionResult:
    """The executed notebook's path, how long it took, and the failure if any."""

    output: Path
    seconds: float
    failure: CellFailure | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None


def _quiet_papermill() -> None:
    """Papermill logs every cell at INFO; the render has its own progress display."""
    for name in ("papermill", "traitlets", "nbclient"):
        logging.getLogger(name).setLevel(logging.WARNING)


def execute_notebook(
    notebook: Path, output: Path, parameters: dict[str, Any], cwd: Path, timeout: int = 600
) -> ExecutionResult:
    """Run ``notebook`` with ``parameters`` into ``output``; never raises for a cell error."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    _quiet_papermill()
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    failure = None
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            cwd=str(cwd),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
        )
    except PapermillExecutionError as exc:
        failure = CellFailure(exc.cell_index, exc.ename, _first_line(exc.evalue))
    except Exception as exc:  # kernel died, timeout, unreadable notebook...
        failure = CellFailure(None, type(exc).__name__, _first_line(str(exc)))
    return ExecutionResult(output, time.perf_counter() - started, failure)


def _first_line(text: str) -> str:
    """The first non-empty line of an error message (tracebacks can be long)."""
    lines = [line for line in str(text).splitlines() if line.strip()]
    return lines[0][:500] if lines else ""
