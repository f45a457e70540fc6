"""A pool of warm kernels for one render: started once, reused for every notebook.

Starting a kernel and importing pandas, plotly and the project's helpers costs more than
running a briefing's cells, so a render starts ``size`` kernels at once (their start-up
and imports overlap with each other and with the browser start), then executes every job
in one of them (:func:`helpers.rendering.execute.execute_in_kernel`). Before each notebook
the kernel's namespace and process state are reset (:mod:`.kernelside`), so nothing leaks
from one notebook into the next. A kernel that died (or timed out) is replaced by a fresh
warm one before it is handed out again.

Kernel processes write their own log lines (``[IPKernelApp] WARNING | Kernel is running
over TCP without encryption``...) to ``kernel-<n>.log`` in the staging folder, not to the
terminal; a failed job keeps its kernel's log next to its notebook under ``failed/``.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

#: Kernel used when a notebook names none (the venv's ``python3`` kernelspec).
DEFAULT_KERNEL = "python3"
START_TIMEOUT = 60.0

_SILENT_CALL = "__import__('importlib').import_module('helpers.rendering.kernelside').{call}"


class KernelError(RuntimeError):
    """A pool kernel could not be started or prepared."""


@dataclass
class WarmKernel:
    """One kernel process with the client the pool uses for warm-up and resets."""

    index: int
    log_path: Path
    km: Any = None
    kc: Any = None
    log: IO[str] | None = None
    warm_msg: str | None = None
    jobs_run: int = 0
    started: float = field(default_factory=time.perf_counter)

    def start(self, kernel_name: str) -> None:
        """Launch the process and queue the warm-up (does not wait for it)."""
        from jupyter_client.manager import KernelManager

        if self.log is None:
            self.log = self.log_path.open("a", encoding="utf-8", buffering=1)
        self.started = time.perf_counter()
        self.km = KernelManager(kernel_name=kernel_name)
        self.km.start_kernel(stdout=self.log, stderr=self.log)
        # A client serves one purpose and is then stopped: a client kept across another
        # client's session stops getting replies (they share the manager's Session).
        self.kc = self.km.client()
        self.kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        self.warm_msg = self.kc.execute(
            _SILENT_CALL.format(call="warm_up()"), silent=True, store_history=False
        )
        self.jobs_run = 0

    def wait_ready(self, timeout: float = START_TIMEOUT) -> float:
        """Wait for the warm-up to finish; returns how long the kernel took to get ready."""
        if self.warm_msg is not None:
            try:
                self._reply(self.kc, self.warm_msg, timeout, "warm-up")
            finally:
                self.kc.stop_channels()
                self.kc = None
            self.warm_msg = None
        return time.perf_counter() - self.started

    def prepare(self, cwd: Path, timeout: float = 30.0) -> None:
        """Reset the kernel for a notebook in ``cwd`` (see :mod:`.kernelside`)."""
        kc = self.km.client()
        kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        try:
            msg = kc.execute(
                _SILENT_CALL.format(call=f"reset({str(cwd)!r})"), silent=True, store_history=False
            )
            self._reply(kc, msg, timeout, "reset")
        finally:
            kc.stop_channels()

    def is_alive(self) -> bool:
        return self.km is not None and self.km.is_alive()

    def _reply(self, kc: Any, msg_id: str, timeout: float, what: str) -> dict:
        content = self._wait(kc.get_shell_msg, msg_id, timeout, what)["content"]
        if content.get("status") != "ok":
            raise KernelError(
                f"kernel {self.index}: {what} failed: "
                f"{content.get('ename')}: {content.get('evalue')}"
            )
        return content

    def _wait(self, get: Any, msg_id: str, timeout: float, what: str) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self.km.is_alive():
                raise KernelError(f"kernel {self.index}: {what} did not finish (see kernel log)")
            try:
                msg = get(timeout=min(left, 1.0))
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def stop(self) -> None:
        """Stop the client and the kernel process (quietly; used on errors too)."""
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None:
            with contextlib.suppress(Exception):  # already dead: nothing to clean up
                self.km.shutdown_kernel(now=True)
            self.km = None

    def close(self) -> None:
        self.stop()
        if self.log is not None:
            self.log.close()
            self.log = None


class KernelPool:
    """``size`` warm kernels; :meth:`acquire` one per job and :meth:`release` it after.

    Use as a context manager: kernels start on entry (all at once, without waiting) and
    are shut down on exit.
    """

    def __init__(self, size: int, log_dir: Path, kernel_name: str = DEFAULT_KERNEL):
        self.size = max(1, size)
        self.kernel_name = kernel_name
        self.log_dir = Path(log_dir)
        self.kernels = [WarmKernel(i, self.log_dir / f"kernel-{i}.log") for i in range(self.size)]
        self._free: queue.Queue[WarmKernel] = queue.Queue()
        self._lock = threading.Lock()
        self.restarts = 0
        self.ready_seconds: list[float] = []

    def __enter__(self) -> KernelPool:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        try:
            for kernel in self.kernels:
                kernel.start(self.kernel_name)
                self._free.put(kernel)
        except Exception:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def acquire(self, cwd: Path) -> WarmKernel:
        """A ready kernel with a fresh namespace working in ``cwd`` (blocks until one is
        free); hand it back with :meth:`release`."""
        kernel = self._free.get()
        try:
            if not kernel.is_alive():
                self._restart(kernel)
            seconds = kernel.wait_ready()
            if kernel.jobs_run == 0:
                with self._lock:
                    self.ready_seconds.append(round(seconds, 3))
            kernel.prepare(cwd)
            return kernel
        except Exception:
            self.release(kernel, healthy=False)
            raise

    def release(self, kernel: WarmKernel, healthy: bool = True) -> None:
        """Hand a kernel back; one that died or is unhealthy is replaced first."""
        kernel.jobs_run += 1
        try:
            if not healthy or not kernel.is_alive():
                self._restart(kernel)
        finally:
            self._free.put(kernel)

    def _restart(self, kernel: WarmKernel) -> None:
        with self._lock:
            self.restarts += 1
        kernel.stop()
        if kernel.log is not None:
            kernel.log.write("--- kernel restarted by the render ---\n")
        kernel.start(self.kernel_name)

    def close(self) -> None:
        for kernel in self.kernels:
            kernel.close()
