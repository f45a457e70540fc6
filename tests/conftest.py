"""Shared test set-up: ``tests/support`` holds the builders that several test modules use
(tiny projects, synthetic event frames); tests import them as ``support.<module>``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
