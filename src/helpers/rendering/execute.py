"""Execute one notebook with papermill, in-process (safe to call from worker threads).

:func:`execute_in_kernel` runs the notebook in a warm kernel of the render's pool
(:mod:`.kernels`) through papermill itself (a registered engine that borrows the pool's
kernel instead of starting one), so the executed notebook looks exactly as papermill
makes it: the ``injected-parameters`` cell, ``metadata.papermill`` with per-cell
durations, and on failure ``metadata.papermill.exception``, the failing cell's error
output and papermill's error marker at the top. A kernel that dies (or a cell that times
out) is reported the same way: the cell gets an error output naming what happened.

A failing cell does not raise here: the result says which cell failed and why, and the
executed notebook (with the failing cell's traceback) is still written for diagnosis.
"""

from __future__ import annotations

import logging
import queue
import threading
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
    notebook: Any = None  # the executed NotebookNode when available (saves a re-read)
    kernel_lost: bool = False  # the kernel died or was left busy: replace it

    @property
    def ok(self) -> bool:
        return self.failure is None


def _quiet_papermill() -> None:
    """Papermill logs every cell at INFO; the render has its own progress display."""
    for name in ("papermill", "traitlets", "nbclient"):
        logging.getLogger(name).setLevel(logging.WARNING)


ENGINE_NAME = "briefings-pool"
_engine_lock = threading.Lock()


def _register_engine() -> None:
    """Register the papermill engine that runs in a kernel it is given (once)."""
    from jupyter_core.utils import run_sync
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from nbformat.v4 import new_output
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    with _engine_lock:
        if ENGINE_NAME in papermill_engines._engines:
            return

        class PoolClient(PapermillNotebookClient):
            """papermill's client, but a lost kernel becomes the failing cell's error."""

            lost: BaseException | None = None

            async def async_start_new_kernel_client(self):
                """An async client on the pool's kernel, checked by one round trip.

                nbclient's own ``wait_for_ready`` then idles 0.2 s draining IOPub; here
                the kernel_info request's IOPub status proves the subscription is live.
                """
                from jupyter_client.asynchronous import AsyncKernelClient

                info = self.km.get_connection_info(session=True)
                self.kc = AsyncKernelClient(
                    **info, connection_file=self.km.connection_file, parent=self.km
                )
                self.kc.start_channels()
                msg_id = self.kc.kernel_info()
                deadline = time.monotonic() + self.startup_timeout
                for get in (self.kc.get_shell_msg, self.kc.get_iopub_msg):
                    while True:
                        left = deadline - time.monotonic()
                        if left <= 0 or not await self.kc.is_alive():
                            raise DeadKernelError("the kernel did not answer")
                        try:
                            msg = await get(timeout=min(left, 1.0))
                        except queue.Empty:
                            continue
                        if msg["parent_header"].get("msg_id") == msg_id:
                            break
                self.kc.allow_stdin = False
                return self.kc

            start_new_kernel_client = run_sync(async_start_new_kernel_client)

            def execute(self, **kwargs):
                self.reset_execution_trackers()
                with self.setup_kernel(**kwargs):
                    self.papermill_execute_cells()
                    if self.lost is None:
                        info = self.wait_for_reply(self.kc.kernel_info())
                        self.nb.metadata["language_info"] = info["content"]["language_info"]
                        self.set_widgets_metadata()
                return self.nb

            def papermill_execute_cells(self):
                for index, cell in enumerate(self.nb.cells):
                    try:
                        self.nb_man.cell_start(cell, index)
                        self.execute_cell(cell, index)
                    except CellExecutionError as ex:
                        self.nb_man.cell_exception(cell, cell_index=index, exception=ex)
                        break
                    except (DeadKernelError, CellTimeoutError) as ex:
                        self.lost = ex
                        text = _first_line(str(ex)) or type(ex).__name__
                        if isinstance(ex, DeadKernelError):
                            text = f"the kernel died while running this cell ({text})"
                        cell.outputs.append(
                            new_output(
                                "error",
                                ename=type(ex).__name__,
                                evalue=text,
                                traceback=[f"{type(ex).__name__}: {text}"],
                            )
                        )
                        self.nb_man.cell_exception(cell, cell_index=index, exception=ex)
                        break
                    finally:
                        self.nb_man.cell_complete(cell, cell_index=index)

        class PoolEngine(NBClientEngine):
            """Executes in the ``km`` it is given and closes its own client afterwards."""

            @classmethod
            def execute_managed_notebook(
                cls, nb_man, kernel_name, log_output=False, start_timeout=60, **kwargs
            ):
                kwargs.pop("input_path", None)
                kwargs.pop("stdout_file", None)
                kwargs.pop("stderr_file", None)
                timeout = kwargs.pop("execution_timeout", None)
                km = kwargs.pop("km")
                holder = kwargs.pop("holder")
                client = PoolClient(
                    nb_man,
                    km=km,
                    timeout=timeout,
                    startup_timeout=start_timeout,
                    kernel_name=kernel_name,
                    log=logging.getLogger("papermill"),
                    log_output=log_output,
                )
                try:
                    return client.execute()
                finally:
                    holder["lost"] = client.lost is not None
                    if client.kc is not None:
                        client.kc.stop_channels()

        papermill_engines.register(ENGINE_NAME, PoolEngine)


def execute_in_kernel(
    notebook: Path,
    output: Path,
    parameters: dict[str, Any],
    km: Any,
    timeout: int = 600,
    kernel_name: str = DEFAULT_KERNEL,
) -> ExecutionResult:
    """Run ``notebook`` with ``parameters`` in the running kernel ``km`` into ``output``.

    The caller has already reset the kernel and set its working directory. Never raises
    for a cell error; ``kernel_lost`` says the kernel must be replaced.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    _quiet_papermill()
    _register_engine()
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    failure, nb, holder = None, None, {"lost": False}
    try:
        nb = papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            engine_name=ENGINE_NAME,
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            km=km,
            holder=holder,
        )
    except PapermillExecutionError as exc:
        failure = CellFailure(exc.cell_index, exc.ename, _first_line(exc.evalue))
    except Exception as exc:  # unreadable notebook, kernel gone before the first cell...
        failure = CellFailure(None, type(exc).__name__, _first_line(str(exc)))
        holder["lost"] = True
    return ExecutionResult(
        output, time.perf_counter() - started, failure, nb, kernel_lost=holder["lost"]
    )


def _first_line(text: str) -> str:
    """The first non-empty line of an error message (tracebacks can be long)."""
    lines = [line for line in str(text).splitlines() if line.strip()]
    return lines[0][:500] if lines else ""
