"""Executed notebook to one self-contained HTML briefing, in-process (no nbconvert CLI).

The page is built by nbconvert's :class:`~nbconvert.HTMLExporter` with the project's
template (``helpers/templates/briefing``) and :class:`BriefingPreprocessor`, which removes
everything a reader should not see: code, prompts, the parameters cells, stdout/stderr
streams, errors, bare ``text/plain`` reprs (``Text(0.5, 1.0, ...)``) and any
``<script src="http...">`` (plotly adds a MathJax CDN script to every figure) and cells
tagged ``hide-in-briefing`` or ``remove-cell`` (the page header already gives title, date
and parameters).

plotly charts: an output carrying ``application/vnd.plotly.v1+json`` (renderer
``plotly_mimetype``, alone or with ``+notebook``) is drawn from that JSON into a div here,
inside an accessible ``<figure>`` (:func:`~helpers.presenting.charts.accessible.figure_html`):
the chart's key sentence as its caption in the page text (the in-chart title is dropped),
an ``aria-label`` naming what the chart draws, and its numbers in a collapsible table.
plotly.js from the installed plotly package is put into the page's head exactly once
(between ``<!-- plotly.js begin -->`` and ``<!-- plotly.js end -->``, which the PDF
printer relies on). plotly.js bundles emitted by the ``notebook`` renderer are dropped, so
kernels need not send 5 MB per notebook: ``plotly_mimetype`` alone is enough.

Print layout: each section's lead (a heading, the markdown after it and the first output
that follows) is wrapped in ``<div class="briefing-keep">``, which the print CSS keeps on
one page, so a heading never ends a page without its chart. A long table is left out of
the block (it may break across pages); the block is then marked ``briefing-keep-next``
(``break-after: avoid``) so the heading still comes with the table's first rows.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from helpers.presenting.attachments import ATTACHMENT_MIME
from helpers.presenting.charts.accessible import (
    FIGURE_OPEN,
    chart_text,
    figure_html,
    without_title,
)
from helpers.rendering.cache import template_dir

#: Cells with these tags are never shown.
HIDDEN_TAGS = frozenset(
    {
        "parameters",
        "injected-parameters",
        "remove-cell",
        "remove_cell",
        "hide",
        "hide-cell",
        "hide-in-briefing",
    }
)
PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: A table with more rows, or a table or text with more characters, than this may break
#: across pages (it is not kept with its lead): about a third of an A4 page.
KEEP_TABLE_ROWS = 25
KEEP_CHARS = 1500
_TAGS_RE = re.compile(r"<[^>]+>")
#: ``<script src="http(s)://...">...</script>`` and ``<script src="//...">``.
REMOTE_SCRIPT_RE = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script\s*>", re.IGNORECASE
)
#: The marker of plotly.js embedded inline by plotly's ``notebook`` renderer.
PLOTLY_BUNDLE_RE = re.compile(r"\*\s*plotly\.js v\d")
_H1_RE = re.compile(r"^\s*#\s+(?P<title>[^\n]+)\n?")
_HEADING_RE = re.compile(r"#{1,3}\s+(?P<title>[^\n]+)")

_local = type("_Shared", (), {})()  # the process-wide exporter
_export_lock = threading.Lock()


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
    index_href: str = "../index.html"  # from the page's folder to reports/index.html
    latest_source_words: str = ""  # the data cut-off: what the sources reach
    files_stem: str = "briefing"  # the page's published name: files beside it are <stem>.<suffix>


def safe_link(url: str | None) -> str | None:
    """``url`` when a briefing may link to it: a relative path or an http(s) address. Any
    other scheme (``javascript:``, ``data:``...) would run or carry content when a reader
    clicks, so the page shows no link at all (the suite's checks report it).

    >>> safe_link("https://example.org/method"), safe_link("../docs/method.html")
    ('https://example.org/method', '../docs/method.html')
    >>> safe_link("javascript:alert(1)"), safe_link(" JavaScript:x"), safe_link("//evil.example")
    (None, None, None)
    """
    if not url:
        return None
    text = url.strip()
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", text)
    if scheme:
        return text if scheme[1].lower() in ("http", "https") else None
    if text.startswith(("//", "\\")) or any(ord(c) < 32 for c in text):
        return None
    return text


@cache
def plotly_js() -> str:
    """plotly.js from the installed plotly package (the version the kernels use)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def plotly_div(figure: dict[str, Any]) -> str:
    """A figure's JSON (the plotly mimetype) as a div and the script that draws it."""
    import plotly.io as pio

    figure = dict(figure)
    config = figure.pop("config", None) or {}
    return pio.to_html(
        figure,
        config=config,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        default_width="100%",
        default_height=525,
        validate=False,
    )


def _visible(output: dict[str, Any]) -> bool:
    """Whether an output belongs in a briefing."""
    if output.get("output_type") in ("stream", "error"):
        return False
    data = output.get("data", {})
    return bool(set(data) - {"text/plain"})


def _clean_html(output: dict[str, Any], state: dict[str, Any]) -> dict[str, Any] | None:
    """A plotly figure as our own div; a file for the page as a link to it (noted in
    ``state``, see :mod:`helpers.presenting.attachments`); remote scripts stripped; None
    for a plotly.js bundle (the page gets one copy of its own, see :func:`plotly_js`)."""
    data = output.get("data", {})
    if ATTACHMENT_MIME in data:
        spec = data[ATTACHMENT_MIME]
        name = f"{state['stem']}.{spec['suffix']}"
        state.setdefault("attachments", {})[spec["suffix"]] = spec["file"]
        output["data"] = {"text/html": attachment_html(name, spec["text"])}
        return output
    if PLOTLY_MIME in data:
        state["plotly"] = True
        figure = data[PLOTLY_MIME]
        chart = plotly_div(without_title(figure))
        output["data"] = {"text/html": figure_html(chart, chart_text(figure))}
        return output
    html = data.get("text/html")
    if html is None:
        return output
    if isinstance(html, list):
        html = "".join(html)
    if PLOTLY_BUNDLE_RE.search(html[:2000]):
        state["plotly"] = True
        return None
    if "plotly-graph-div" in html:
        state["plotly"] = True
    output["data"]["text/html"] = REMOTE_SCRIPT_RE.sub("", html)
    return output


def attachment_html(name: str, text: str) -> str:
    """The link to a file published beside the page (its name is shown, for print).

    >>> attachment_html("01_briefing.events.csv", "The events")
    '<p class="briefing-download">The events: <a href="01_briefing.events.csv" download>01_briefing.events.csv</a></p>'
    """  # noqa: E501
    href = escape(name, quote=True)
    return (
        f'<p class="briefing-download">{escape(text)}: '
        f'<a href="{href}" download>{escape(name)}</a></p>'
    )


def _heading_cell(cell: Any) -> bool:
    """A markdown cell, or a cell whose first output is markdown, starting with a heading."""
    if cell.cell_type == "markdown":
        return cell.source.lstrip().startswith("#")
    outputs = cell.get("outputs") or []
    text = outputs[0].get("data", {}).get("text/markdown") if outputs else None
    return bool(text) and "".join(text).lstrip().startswith("#")


def _text(output: dict[str, Any], mime: str) -> str:
    value = output.get("data", {}).get(mime) or ""
    return "".join(value) if isinstance(value, list) else value


def _chars(output: dict[str, Any]) -> int:
    """Characters of text an output shows (markup left out)."""
    text = _text(output, "text/markdown") or _TAGS_RE.sub(" ", _text(output, "text/html"))
    return len(" ".join(text.split()))


def _long_table(output: dict[str, Any]) -> bool:
    """A table long enough to break across pages (a chart's collapsed numbers are not)."""
    html = _text(output, "text/html")
    if html.lstrip().startswith(FIGURE_OPEN) or "<table" not in html:
        return False
    return html.count("<tr") > KEEP_TABLE_ROWS + 1 or _chars(output) > KEEP_CHARS


def _long(output: dict[str, Any]) -> bool:
    """An output that may break across pages: a long table or a long text."""
    return _long_table(output) or (_is_markdown_output(output) and _chars(output) > KEEP_CHARS)


def _mark(cell: Any, **flags: bool) -> None:
    cell.metadata.setdefault("briefing", {}).update(flags)


def _is_markdown_output(output: dict[str, Any]) -> bool:
    return "text/markdown" in output.get("data", {})


def _lead_outputs(outputs: list, start: int) -> int:
    """How many of ``outputs`` belong to a section's lead: markdown from ``start`` on while
    it adds up to at most :data:`KEEP_CHARS` characters (a long text may flow: its
    paragraphs keep their own orphans and widows), then, when all of that markdown was
    taken, the first other output unless it is a long table."""
    k, chars = start, 0
    while k < len(outputs) and _is_markdown_output(outputs[k]):
        chars += _chars(outputs[k])
        if chars > KEEP_CHARS:
            return k
        k += 1
    if k < len(outputs) and not _long_table(outputs[k]):
        k += 1
    return k


def _split(cell: Any, keep: int) -> Any | None:
    """Keep ``keep`` outputs in ``cell``; the others move to a new cell (returned)."""
    if keep >= len(cell.outputs):
        return None
    tail = nbformat.from_dict({**cell, "metadata": {}, "outputs": list(cell.outputs[keep:])})
    if cell.get("id"):
        tail["id"] = f"{cell['id']}-rest"[:64]
    cell.outputs = cell.outputs[:keep]
    return tail


def group_sections(cells: list) -> list:
    """Wrap each section's lead (heading, its markdown, first output) in a keep block.

    Marks cells with ``metadata.briefing.keep_start`` / ``keep_end`` (and ``keep_next``
    when a long table follows the block); a cell whose first outputs end a block is split
    so that its other outputs (a table under a chart...) may flow on.
    """
    out: list = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        i += 1
        if not _heading_cell(cell):
            out.append(cell)
            continue
        block, tail = [cell], None
        complete = False
        if cell.cell_type == "code":
            keep = _lead_outputs(cell.outputs, 1)
            complete = keep < len(cell.outputs) or not _is_markdown_output(cell.outputs[-1])
            tail = _split(cell, keep)
        if not complete and tail is None:
            while (
                i < len(cells) and cells[i].cell_type == "markdown" and not _heading_cell(cells[i])
            ):
                block.append(cells[i])
                i += 1
            if i < len(cells) and cells[i].cell_type == "code" and not _heading_cell(cells[i]):
                lead = cells[i]
                i += 1
                keep = _lead_outputs(lead.outputs, 0)
                if keep:
                    block.append(lead)
                    tail = _split(lead, keep)
                else:
                    tail = lead
        last_kept = block[-1]
        long_next = tail is not None and _long(tail.outputs[0])
        _mark(block[0], keep_start=True)
        _mark(last_kept, keep_end=True, keep_next=long_next)
        out.extend(block)
        if tail is not None:
            out.append(tail)
    return out


class BriefingPreprocessor(Preprocessor):
    """Removes code-only cells and noise; keeps markdown, charts, tables and rich text."""

    title: str | None = None

    def preprocess(self, nb, resources):
        """Filter the notebook's cells and outputs for a reader."""
        state: dict[str, Any] = {"stem": resources["briefing"].get("files_stem") or "briefing"}
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
        nb.cells = group_sections(cells)
        if state.get("plotly"):
            resources["briefing_plotlyjs"] = plotly_js()
        resources["briefing_attachments"] = state.get("attachments", {})
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
    """The configured exporter (one per process: compiling its templates costs ~0.3 s;
    it keeps state while converting, so callers hold :data:`_export_lock`)."""
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
    return _export(nb, page)[0]


def _export(nb: nbformat.NotebookNode, page: PageInfo) -> tuple[str, dict[str, str]]:
    """The page, and the files it links to (suffix -> the file the notebook wrote)."""
    nb = nbformat.from_dict(nb)  # a copy: preprocessing edits cells in place
    cleaner = BriefingPreprocessor()
    cleaner.title = page.title
    links = {name: safe_link(getattr(page, name)) for name in ("method_url", "source_url")}
    resources: dict[str, Any] = {"briefing": {**page.__dict__, **links}}
    nb, resources = cleaner.preprocess(nb, resources)
    with _export_lock:
        body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return body, resources.get("briefing_attachments", {})


def export_html_file(
    notebook: Path | nbformat.NotebookNode, target: Path, page: PageInfo
) -> dict[str, Path]:
    """Write the briefing page of an executed notebook (a path or a node) to ``target``;
    return the files the page links to, to publish beside it as ``<files_stem>.<suffix>``
    (suffix -> the file the notebook wrote)."""
    nb = notebook if isinstance(notebook, dict) else nbformat.read(notebook, as_version=4)
    body, attachments = _export(nb, page)
    target.write_text(body, encoding="utf-8")
    return {suffix: Path(name) for suffix, name in attachments.items()}
