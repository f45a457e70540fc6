"""Code that runs *inside* a warm kernel of the render's pool (see :mod:`.kernels`).

The pool calls :func:`warm_up` once per kernel (imports the notebooks' stack while the
render does other work) and :func:`reset` before every notebook, so a notebook never sees
what the previous one left behind: its variables (the user namespace is emptied as
``%reset -f`` does), the working directory, the execution counter, plotly's default
renderer and template, pandas options, open matplotlib figures, warning filters and
environment variables. Imported modules stay loaded: that is the point of a warm kernel.

Both functions are called as ``importlib.import_module(...).fn(...)`` in silent requests,
so they bind no name in the notebook's namespace.
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from typing import Any

#: What every briefing imports. matplotlib.pyplot is not preloaded: only some notebooks
#: use it and it costs ~0.5 s per kernel; once imported it stays loaded.
PRELOAD = ("pandas", "nbformat", "plotly.graph_objects", "plotly.io", "helpers.notebook")

#: jsonschema imports rfc3987_syntax (a lark grammar, ~0.8 s) only to check the "iri"
#: format, which no notebook schema uses; nbformat (imported by plotly's mimetype
#: renderer) pulls jsonschema in. Blocking it changes no validation result.
SLOW_UNUSED = ("rfc3987_syntax",)

_saved: dict[str, Any] = {}


def skip_slow_imports() -> None:
    """Make ``import rfc3987_syntax`` fail fast (jsonschema then skips the "iri" checks)."""
    for name in SLOW_UNUSED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def warm_up(preload: tuple[str, ...] = PRELOAD) -> list[str]:
    """Import ``preload`` (missing modules are skipped) and remember the clean state."""
    skip_slow_imports()
    missing = []
    for name in preload:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    _saved["environ"] = dict(os.environ)
    _saved["filters"] = list(warnings.filters)
    if "plotly.io" in sys.modules:
        pio = sys.modules["plotly.io"]
        _saved["plotly"] = (pio.renderers.default, pio.templates.default)
    if "pandas" in sys.modules:
        _saved["pandas"] = True
    return missing


def reset(cwd: str) -> None:
    """Give the next notebook a fresh namespace and the state :func:`warm_up` saw."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=False)
        shell.execution_count = 1
    if "environ" in _saved:
        os.environ.clear()
        os.environ.update(_saved["environ"])
    if "filters" in _saved:
        warnings.filters[:] = _saved["filters"]
    if "plotly" in _saved:
        pio = sys.modules["plotly.io"]
        pio.renderers.default, pio.templates.default = _saved["plotly"]
    if "pandas" in _saved:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sys.modules["pandas"].reset_option("all")
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
    os.chdir(cwd)
