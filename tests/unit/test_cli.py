"""The ``briefings`` command line: subcommands, help, and error reporting."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers.cli import build_parser, main


def test_help_lists_every_subcommand(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in ("ingest", "validate", "build", "data", "render", "suggest", "accept"):
        assert name in out


def test_unknown_subcommand_is_an_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_console_script_runs():
    proc = subprocess.run(
        [sys.executable, "-m", "helpers.cli", "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert "briefings" in proc.stdout


def test_missing_root_is_reported_without_traceback(tmp_path, capsys):
    code = main(["--root", str(tmp_path), "validate"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: ")
    assert "Traceback" not in err


def test_parser_has_root_option():
    args = build_parser().parse_args(["--root", "/x", "ingest"])
    assert args.root == "/x"
