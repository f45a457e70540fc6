"""A table of bad inputs thrown at every command: each must exit non-zero with a message that
names the place (file and line, parameter or folder) on one line, print no traceback, and
leave ``data/`` and ``reports/`` byte-identical.

The cases run in-process on a copy of one complete project (see
``support.complete_project``); none gets as far as starting a kernel. File-system faults
(a read-only folder, a full disk) are simulated by ``support.faults``.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from support.complete_project import SUGGESTIONS, make_complete_project
from support.faults import refused_writes
from support.snapshots import snapshot

from helpers import cli


def write(relative: str, text: str | bytes) -> Callable[[Path], None]:
    """A set-up step writing ``text`` to ``relative`` (under the project root)."""

    def step(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return step


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    """A set-up step replacing the first ``old`` with ``new`` in ``relative``."""

    def step(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return step


def remove(relative: str) -> Callable[[Path], None]:
    return lambda root: (root / relative).unlink()


def link_outside(root: Path) -> None:
    outside = root.parent / f"{root.name}-elsewhere.txt"
    outside.write_text("Far Away\nBy: A\n\nPHNOM PENH, Cambodia – Text.\n", encoding="utf-8")
    (root / "data/raw/cambodia/zz.txt").symlink_to(outside)


def accept_row_2(root: Path) -> None:
    assert cli.main(["--root", str(root), "accept", SUGGESTIONS, "--rows", "2"]) == 0


@dataclass(frozen=True)
class Case:
    """One bad input: the command line, what to break first, and the place to be named."""

    argv: tuple[str, ...]
    place: str  # a regular expression one line of the message must match ("error: " aside)
    setup: tuple[Callable[[Path], None], ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    fault: tuple[str, str] | None = None  # (folder under the root, "read-only" or "full")
    root_option: bool = True
    code: int = 1


EVENTS = "data/curated/events.csv"
RAW = "data/raw/cambodia/zz.txt"
NOT_UTF8 = "Title\nBy: Jane Doe\n\xe9t\xe9\n".encode("latin-1")

CASES: dict[str, Case] = {
    # ingest
    "ingest: raw file not UTF-8": Case(
        ("ingest",), rf"^{RAW} line 3: byte 0xe9 cannot be read as UTF-8", (write(RAW, NOT_UTF8),)
    ),
    "ingest: raw file without a byline": Case(
        ("ingest",), rf"^{RAW} line 1: no byline found", (write(RAW, "A title\nJust text.\n"),)
    ),
    "ingest: empty raw file": Case(
        ("ingest",), rf"^{RAW} line 1: the file is empty", (write(RAW, ""),)
    ),
    "ingest: link to a file outside the project": Case(
        ("ingest",), rf"^{RAW}: a link to .*, outside the project", (link_outside,)
    ),
    "ingest: one spelling for two outlets": Case(
        ("ingest",),
        r"^data/curated/outlets\.csv line 3 column 'aliases': 'R' is already a spelling of",
        (write("data/curated/outlets.csv", "outlet,aliases\nReuters,R\nRoyters,R\n"),),
    ),
    "ingest: data/processed read-only": Case(
        ("ingest",),
        r"^cannot write data/processed/articles\.csv: read-only file system",
        fault=("data/processed", "read-only"),
    ),
    "ingest: disk full": Case(
        ("ingest",),
        r"^cannot write data/processed/articles\.csv: no space left on device",
        fault=("data/processed", "full"),
    ),
    "ingest: BRIEFINGS_ROOT pointing nowhere": Case(
        ("ingest",),
        r"^\$BRIEFINGS_ROOT is .*/nowhere, which is not a folder",
        env={"BRIEFINGS_ROOT": "{root}/nowhere"},
        root_option=False,
    ),
    # validate
    "validate: impossible date": Case(
        ("validate",),
        rf"^{EVENTS} line 2 column 'date': '2017-02-30' is not a real date",
        (edit(EVENTS, "KHM-001,2017-09,month", "KHM-001,2017-02-30,day"),),
    ),
    "validate: unknown event type": Case(
        ("validate",),
        rf"^{EVENTS} line 2 column 'event_type': got 'arestt'.*'crackdown' types: .*arrest, ",
        (edit(EVENTS, ",arrest,", ",arestt,"),),
    ),
    "validate: actors not UTF-8": Case(
        ("validate",),
        r"^data/curated/actors\.csv line 2: byte 0xe9",
        (write("data/curated/actors.csv", "actor,kind\nH\xe9,person\n".encode("latin-1")),),
    ),
    "validate: codebook not YAML": Case(
        ("validate",),
        r"^data/codebook\.yaml line \d+: not valid YAML at column \d+",
        (edit("data/codebook.yaml", "types:", "types: [\n  - : ["),),
    ),
    "validate: a row with an extra comma": Case(
        ("validate",),
        rf"^{EVENTS} line 2: row has 13 values but the header has 12 columns",
        (edit(EVENTS, "Kem Sokha was arrested.,,\n", "Kem Sokha was arrested.,,,\n"),),
    ),
    "validate: --root pointing nowhere": Case(
        ("--root", "{root}/nowhere", "validate"),
        r"^--root is .*/nowhere, which is not a folder",
        root_option=False,
    ),
    # build and data
    "build: articles table missing": Case(
        ("build",),
        r"data/processed/articles\.csv: not found; run `briefings ingest`",
        (remove("data/processed/articles.csv"),),
    ),
    "build: responds_to pointing nowhere": Case(
        ("build",),
        rf"^{EVENTS} line 2 column 'responds_to': got 'KHM-999'",
        (edit(EVENTS, "arrested.,,\n", "arrested.,KHM-999,\n"),),
    ),
    "build: data/processed read-only": Case(
        ("build",),
        r"^cannot write data/processed/events\.csv: read-only file system",
        fault=("data/processed", "read-only"),
    ),
    "data: a new article, then a bad event": Case(
        ("data",),
        rf"^{EVENTS} line 2 column 'date_precision'",
        (
            write(RAW, "New Story\nBy: A\n\nPHNOM PENH, Cambodia – Text.\n\nR – H – 2 May 2018\n"),
            edit(EVENTS, "2017-09,month", "2017-09,day"),
        ),
    ),
    "data: disk full": Case(
        ("data",),
        r"^cannot (write|back up) data/processed/articles\.csv: no space left on device",
        fault=("data/processed", "full"),
    ),
    # suggest
    "suggest: unknown article id": Case(
        ("suggest", "no-such-article"), r"^data/raw: no article with id 'no-such-article'"
    ),
    "suggest: confidence out of range": Case(
        ("suggest", "--min-confidence", "7"),
        r"argument --min-confidence: got '7'; expected a number from 0 to 1",
        code=2,
    ),
    "suggest: data/suggested read-only": Case(
        ("suggest", "opposition-leader-arrested-in-cambodia"),
        rf"^cannot write {SUGGESTIONS}: read-only file system",
        fault=("data/suggested", "read-only"),
    ),
    # accept
    "accept: no such suggestion file": Case(
        ("accept", "data/suggested/nope.csv"),
        r"^data/suggested/nope\.csv: suggestion file not found",
    ),
    "accept: reversed range": Case(
        ("accept", SUGGESTIONS, "--rows", "3-1"),
        r"^--rows: got '3-1', a range that ends before it starts",
    ),
    "accept: empty selection": Case(
        ("accept", SUGGESTIONS, "--rows", ""), r"^--rows: got ''; expected row numbers"
    ),
    "accept: row out of range": Case(
        ("accept", SUGGESTIONS, "--rows", "9"),
        rf"^--rows: {SUGGESTIONS} has rows 1-3 \(SUG-1 to SUG-3\); got 9",
    ),
    "accept: a row that does not validate": Case(
        ("accept", SUGGESTIONS, "--rows", "2"),
        rf"^{SUGGESTIONS} row 2: event_type: got 'arestt'",
        (edit(SUGGESTIONS, ",party_dissolution,", ",arestt,"),),
    ),
    "accept: suggestion file not UTF-8": Case(
        ("accept", SUGGESTIONS),
        rf"^{SUGGESTIONS} line 1: byte 0xe9",
        (write(SUGGESTIONS, "\xe9vent_id\n".encode("latin-1")),),
    ),
    "accept: the same row twice": Case(
        ("accept", SUGGESTIONS, "--rows", "2"),
        rf"^{SUGGESTIONS} row 2: SUG-2 was already accepted as KHM-002",
        (accept_row_2,),
    ),
    "accept: data/curated read-only": Case(
        ("accept", SUGGESTIONS, "--rows", "2"),
        rf"^cannot write ({EVENTS}|{SUGGESTIONS}): read-only file system",
        fault=("data/curated", "read-only"),
    ),
    # render (every one stops before a kernel starts)
    "render: impossible --as-of": Case(
        ("render", "--as-of", "2017-02-30"),
        r"^--as-of '2017-02-30' is not a date like 2017-10-31",
    ),
    "render: no suite file": Case(
        ("render", "--suite", "nope.yaml"), r"^nope\.yaml: suite config not found"
    ),
    "render: unknown key in the suite": Case(
        ("render",),
        r"suite\.yaml line \d+: unknown key 'jbos'",
        (edit("suite.yaml", "jobs:", "jbos:"),),
    ),
    "render: a parameter of the wrong type": Case(
        ("render", "--as-of", "2018-06-30"),
        r"^job 01_briefing for Cambodia \(notebooks/01_briefing\.ipynb\): .*start_date",
        (edit("suite.yaml", 'start_date: "2016-01-01"', "start_date: 2016"),),
    ),
    "render: dataset not built": Case(
        ("render",),
        r"^data/processed/events\.parquet is missing: build the data first",
        (remove("data/processed/events.parquet"),),
    ),
    "render: BRIEFINGS_CHROMIUM pointing nowhere": Case(
        ("render", "--as-of", "2018-06-30", "--only", "01_briefing"),
        r"^\$BRIEFINGS_CHROMIUM is .*/no-chrome, which is neither a file nor a command",
        env={"BRIEFINGS_CHROMIUM": "{root}/no-chrome"},
    ),
    "render: reports read-only": Case(
        ("render", "--as-of", "2018-06-30", "--only", "01_briefing"),
        r"^cannot write reports: read-only file system; nothing was rendered",
        fault=("reports", "read-only"),
    ),
}


@pytest.fixture(scope="module")
def complete(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("complete") / "project"
    root.mkdir()
    make_complete_project(root)
    return root


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_named_in_one_line_and_changes_nothing(
    name: str,
    complete: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = CASES[name]
    root = tmp_path / "project"
    shutil.copytree(complete, root, symlinks=True)
    for step in case.setup:
        step(root)
    monkeypatch.chdir(root)
    for key, value in case.env.items():
        monkeypatch.setenv(key, value.format(root=root))
    argv = [a.format(root=root) for a in case.argv]
    argv = ["--root", str(root), *argv] if case.root_option else argv
    before = snapshot(root / "data", root / "reports")
    capsys.readouterr()

    fault = refused_writes(root / case.fault[0], case.fault[1]) if case.fault else None
    with fault or contextlib.nullcontext():
        try:
            code = cli.main(argv)
        except SystemExit as exc:  # argparse's own usage errors
            code = int(exc.code or 0)

    out, err = capsys.readouterr()
    assert code == case.code, out + err
    assert "Traceback" not in out + err
    lines = [line.removeprefix("error: ") for line in err.splitlines()]
    named = [line for line in lines if re.search(case.place, line)]
    assert named, f"no line of the message matches {case.place!r}:\n{err}"
    assert snapshot(root / "data", root / "reports") == before
