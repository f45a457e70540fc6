"""Imports and builds of one project at the same time, and what a killed import leaves:
a second writer stops at once with one sentence instead of merging into a store the
first is about to replace (which lost the first's records), and the next import clears
the scratch files of one that was killed."""

from __future__ import annotations

import pytest
from filelock import FileLock
from support.acled_project import CURRENT_EXPORT, seed_project, snapshot

from helpers.acled.command import import_exports
from helpers.acled.store import load_store
from helpers.cli import main
from helpers.errors import BriefingsError


@pytest.fixture
def project(tmp_path):
    return seed_project(tmp_path / "project")


def test_an_import_while_another_runs_stops_and_changes_nothing(project, capsys):
    with FileLock(str(project.data / ".data.lock")):  # another import holds the data
        before = snapshot(project)
        with pytest.raises(BriefingsError, match="another import or build is rewriting"):
            import_exports(project, [CURRENT_EXPORT])
        code = main(["--root", str(project.root), "import-acled", str(CURRENT_EXPORT)])
        err = capsys.readouterr().err
        assert code == 1 and "Traceback" not in err
        assert err.startswith("error: data/.data.lock: another import or build")
        assert main(["--root", str(project.root), "build"]) == 1
        assert "run the build again" in capsys.readouterr().err
        assert snapshot(project) == before
    import_exports(project, [CURRENT_EXPORT])  # once the other is done, it imports
    assert len(load_store(project)) == 6


def test_the_scratch_files_of_a_killed_import_are_cleared_by_the_next(project):
    import_exports(project, [CURRENT_EXPORT])
    killed = project.data / ".import-abc123"
    killed.mkdir()
    (killed / "export-0.parquet").write_bytes(b"half an export")
    backup = project.processed / ".events.csv.999999999-x.bak"  # no such process
    backup.write_text("an old table")
    import_exports(project, [CURRENT_EXPORT])
    assert not killed.exists() and not backup.exists()
