"""crackdown-briefings: coded crackdown events and dated briefings.

The entry point for a script or a notebook of one's own is :func:`load` (the parameters
every notebook takes, checked the same way); the notebooks' facade is
:mod:`helpers.notebook`::

    import helpers
    ctx = helpers.load(country="Cambodia", start_date="2017-01-01", as_of="2017-10-31")
    ctx.events  # the events of the window known by 31 October 2017
"""

from __future__ import annotations

from typing import Any

__all__ = ["load"]


def __getattr__(name: str) -> Any:
    # ``load`` is imported on first use: the command-line tools import this package too
    # and should not pay for pandas and plotly.
    if name == "load":
        from helpers.notebook import load

        return load
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
