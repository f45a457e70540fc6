"""Executed notebook to one self-contained HTML briefing, in-process (no nbconvert CLI).

The page is built by nbconvert's :class:`~nbconvert.HTMLExporter` with the project's
template (``helpers/templates/briefing``) and :class:`BriefingPreprocessor`, which removes
everything a reader should not see: code, prompts, the parameters cells, stdout/stderr
streams, errors, bare ``text/plain`` reprs (``Text(0.5, 1.0, ...)``) and any
``<script src="http...">`` (plotly adds a MathJax CDN script to every figure). plotly.js
itself is embedded by the notebooks' ``notebook`` renderer, once; a second copy is dropped.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from helpers.rendering.cache import template_dir

#: Cells with these tags are never shown.
HIDDEN_TAGS = frozenset(
    {"parameters", "injected-parameters", "remove-cell", "remove_cell", "hide", "hide-cell"}
)
#: ``<script src="http(s)://...">...</script>`` and ``<script src="//...">``.
REMOTE_SCRIPT_RE = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script\s*>", re.IGNORECASE
)
#: The marker of plotly.js embedded inline by plotly's ``notebook`` renderer.
PLOTLY_BUNDLE_RE = re.compile(r"\*\s*plotly\.js v\d")
_H1_RE = re.compile(r"^\s*#\s+(?P<title>[^\n]+)\n?")
_HEADING_RE = re.compile(r"#{1,3}\s+(?P<title>[^\n]+)")

_local = threading.local()


@dataclass(frozen=True)
class PageInfo:
    """What the template's masthead, header and footer show (plain text; escaped there)."""

    title: str
    as_of_words: str
    description: str
    project_name: str
    source: str
    generated_words: str
    other_parameters: list[str] = field(default_factory=list)
    method_url: str | None = None
    source_url: str | None = None


def _visible(output: dict[str, Any]) -> bool:
    """Whether an output belongs in a briefing."""
    if output.get("output_type") in ("stream", "error"):
        return False
    data = output.get("data", {})
    return bool(set(data) - {"text/plain"})


def _clean_html(output: dict[str, Any], state: dict[str, bool]) -> dict[str, Any] | None:
    """Strip remote scripts from an HTML output; None for a repeated plotly.js bundle."""
    html = output.get("data", {}).get("text/html")
    if html is None:
        return output
    if isinstance(html, list):
        html = "".join(html)
    if PLOTLY_BUNDLE_RE.search(html[:2000]):
        if state.get("plotly_bundle"):
            return None
        state["plotly_bundle"] = True
    output["data"]["text/html"] = REMOTE_SCRIPT_RE.sub("", html)
    return output


class BriefingPreprocessor(Preprocessor):
    """Removes code-only cells and noise; keeps markdown, charts, tables and rich text."""

    title: str | None = None

    def preprocess(self, nb, resources):
        """Filter the notebook's cells and outputs for a reader."""
        state: dict[str, bool] = {}
        cells = []
        for cell in nb.cells:
            if HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])):
                continue
            if cell.cell_type == "code":
                kept = [o for o in cell.get("outputs", []) if _visible(o)]
                kept = [c for o in kept if (c := _clean_html(o, state)) is not None]
                kept = [o for o in kept if not self._is_title(o)]
                if not kept:
                    continue
                cell.outputs = kept
            elif cell.cell_type == "markdown" and not cells:
                cell.source = self._drop_repeated_title(cell.source)
                if not cell.source.strip():
                    continue
            cells.append(cell)
        nb.cells = cells
        return nb, resources

    def _is_title(self, output: dict[str, Any]) -> bool:
        """Whether an output is only a markdown heading repeating the page title."""
        text = output.get("data", {}).get("text/markdown")
        if not text or not self.title:
            return False
        match = _HEADING_RE.fullmatch("".join(text).strip())
        return bool(match) and match["title"].strip() == self.title.strip()

    def _drop_repeated_title(self, source: str) -> str:
        """The first markdown cell without a leading ``# Title`` equal to the page title."""
        match = _H1_RE.match(source)
        if match and self.title and match["title"].strip() == self.title.strip():
            return source[match.end() :]
        return source


def _exporter() -> HTMLExporter:
    """One configured exporter per thread (exporters keep state while converting)."""
    exporter = getattr(_local, "exporter", None)
    if exporter is None:
        exporter = HTMLExporter(
            template_name=template_dir().name,
            extra_template_basedirs=[str(template_dir().parent)],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
        _local.exporter = exporter
    return exporter


def notebook_title(nb: nbformat.NotebookNode) -> str | None:
    """The text of the first ``# Heading`` of the first markdown cell, if any."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = _H1_RE.match(cell.source)
            return match["title"].strip() if match else None
    return None


def export_html(nb: nbformat.NotebookNode, page: PageInfo) -> str:
    """The briefing page for an executed notebook (the notebook is not modified)."""
    nb = nbformat.from_dict(nb)  # a copy: preprocessing edits cells in place
    cleaner = BriefingPreprocessor()
    cleaner.title = page.title
    nb, _ = cleaner.preprocess(nb, {})
    body, _ = _exporter().from_notebook_node(nb, resources={"briefing": page.__dict__})
    return body


def export_html_file(notebook: Path, target: Path, page: PageInfo) -> None:
    """Read an executed notebook and write its briefing page to ``target``."""
    nb = nbformat.read(notebook, as_version=4)
    target.write_text(export_html(nb, page), encoding="utf-8")
