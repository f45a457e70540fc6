"""Fingerprints of folders, to show that a failed command changed nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path


def snapshot(*folders: Path) -> dict[str, str]:
    """Every file under ``folders`` (path -> SHA-256 of its bytes)."""
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
