"""Progress across jobs and steps: a rich display on a terminal, plain lines otherwise.

Under cron or CI (stdout not a TTY) every step prints one line with the job's name, so
logs show where a render stopped. Safe to call from worker threads.
"""

from __future__ import annotations

import sys
import threading
from typing import TextIO

#: The steps of one job, in order (what the progress bar counts).
STEPS = ("execute", "html", "pdf", "publish")


class Progress:
    """Reports a render's progress; use as a context manager."""

    def __init__(self, names: list[str], stream: TextIO | None = None, rich: bool | None = None):
        self.stream = stream or sys.stdout
        self.use_rich = self.stream.isatty() if rich is None else rich
        self._lock = threading.Lock()
        self._names = names
        self._bar = None
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> Progress:
        if self.use_rich:
            from rich.console import Console
            from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("[bold]{task.fields[job]:<28}"),
                BarColumn(bar_width=20),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
            )
            self._bar.start()
            for name in self._names:
                self._tasks[name] = self._bar.add_task("waiting", total=len(STEPS), job=name)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def step(self, name: str, step: str) -> None:
        """``name`` started ``step`` (one of :data:`STEPS`)."""
        if self._bar is not None:
            self._bar.update(self._tasks[name], description=step, completed=STEPS.index(step))
        else:
            self._line(f"{name}: {step}...")

    def done(self, name: str, message: str, ok: bool = True) -> None:
        """``name`` finished (rendered, skipped or failed), with a one-line message."""
        if self._bar is not None:
            style = "green" if ok else "red"
            self._bar.update(
                self._tasks[name], description=f"[{style}]{message}", completed=len(STEPS)
            )
        else:
            self._line(f"{name}: {message}")

    def note(self, message: str) -> None:
        """A line about the whole run."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            self._line(message)

    def _line(self, text: str) -> None:
        with self._lock:
            print(text, file=self.stream, flush=True)
