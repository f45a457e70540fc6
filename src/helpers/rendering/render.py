"""A render run: check everything, then execute, convert, print and publish each job.

Order of work:

1. Parse the suite, check the data is built, expand the jobs for every country to render
   (the suite's ``countries``, or ``--country``), validate every job's parameters (with
   ``as_of`` injected). Any problem stops the run here, before a kernel starts. Each
   briefing is published in ``reports/<date>/<country>/`` (:mod:`.layout`).
2. Skip jobs whose cache key matches the published briefing (unless ``force``).
3. Start ``jobs`` warm kernels at once (:mod:`.kernels`: each pre-imports pandas, plotly
   and the helpers) and the browser, which loads plotly.js once (:mod:`.pdf`), while the
   kernels warm up. Execute the notebooks in worker threads, each job in a warm kernel
   reset for it, and export each to HTML in the same worker, in-process, from the
   executed notebook in memory.
4. In the main thread, print each page to PDF with the shared browser as soon as its
   HTML is ready, then publish the job atomically.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from helpers.rendering.kernelside import skip_slow_imports

skip_slow_imports()  # before nbformat: see kernelside.SLOW_UNUSED (saves ~0.8 s per run)

import nbformat  # noqa: E402

from helpers.dates import plain_date  # noqa: E402
from helpers.errors import (  # noqa: E402
    BriefingsError,
    FileSystemError,
    ParameterError,
    os_error_message,
    relative,
)
from helpers.paths import ROOT_ENV, Project  # noqa: E402
from helpers.presenting.attachments import ATTACHMENTS_ENV  # noqa: E402
from helpers.presenting.params import (  # noqa: E402
    known_countries,
    resolve_country,
    validate_parameters,
)
from helpers.rendering import cache, layout, publish  # noqa: E402
from helpers.rendering import manifest as mf  # noqa: E402
from helpers.rendering.describe import describe_period, other_parameters  # noqa: E402
from helpers.rendering.execute import CellFailure, execute_in_kernel  # noqa: E402
from helpers.rendering.html_export import (  # noqa: E402
    PageInfo,
    export_html_file,
    notebook_title,
)
from helpers.rendering.index import INDEX_NAME  # noqa: E402
from helpers.rendering.kernels import KernelError, KernelPool  # noqa: E402
from helpers.rendering.pdf import PdfError, PdfPrinter  # noqa: E402
from helpers.rendering.progress import Progress  # noqa: E402
from helpers.rendering.suite import (  # noqa: E402
    Job,
    Scope,
    Suite,
    fill_country,
    load_suite,
    plain_values,
)

Validator = Callable[[str, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class RenderOptions:
    """Everything a render needs to know (the CLI fills it from its arguments)."""

    project: Project
    suite_path: Path
    as_of: str
    jobs: int = 1
    force: bool = False
    only: list[str] | None = None
    scope: Scope | None = None
    validator: Validator | None = None
    chromium: str | None = None
    stream: TextIO | None = None
    rich: bool | None = None


@dataclass
class JobOutcome:
    """How one job ended."""

    name: str
    status: str  # rendered | skipped | failed | partial
    message: str
    timings: dict[str, float] = field(default_factory=dict)
    failed_notebook: Path | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("rendered", "skipped")


@dataclass
class RenderReport:
    """The outcome of a run: the folders it published into and what happened to each job."""

    folders: list[Path]
    outcomes: list[JobOutcome]
    seconds: float
    index: Path

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes)


@dataclass
class PlannedJob:
    """A job with its validated parameters, cache key and published folder.

    ``published`` is the folder relative to ``reports/`` (``2017-10-31/cambodia``);
    ``label`` names the job in progress lines and messages (``cambodia/01_briefing`` when
    a run covers several countries, else the job's name).
    """

    job: Job
    parameters: dict[str, Any]
    key: str
    code: str = ""
    published: str = ""
    label: str = ""
    latest_source: str = ""

    @property
    def country(self) -> str | None:
        return self.parameters.get("country") or None

    @property
    def staged(self) -> str:
        """The file stem of the job's outputs in the (shared, flat) staging folder."""
        return self.published.replace("/", ".") + "." + self.job.name


@dataclass
class Converted:
    """A job after execution and HTML export (in a worker thread)."""

    planned: PlannedJob
    executed: Path
    html: Path | None
    page: PageInfo | None
    timings: dict[str, float]
    failure: CellFailure | None = None
    kernel_log: Path | None = None
    attachments: dict[str, Path] = field(default_factory=dict)  # suffix -> staged file


def parse_as_of(text: str | None) -> str:
    """``--as-of`` as an ISO date (today when not given); a :class:`ParameterError` if bad."""
    if not text:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise ParameterError(f"--as-of {text!r} is not a date like 2017-10-31") from exc


def default_validator(project: Project) -> Validator:
    """``helpers.presenting.params.validate_parameters`` (the notebooks' own parameter
    checks), with the countries of ``project``'s dataset (not of the working directory's)."""
    return functools.partial(validate_parameters, countries=known_countries(project.root))


def check_countries(suite: Suite, scope: Scope | None, project: Project) -> None:
    """Stop early, once per country, when ``--country`` or a country the suite declares
    is not in the dataset (the message lists the known ones)."""
    known = known_countries(project.root)
    problems = []
    if scope is not None and scope.country:
        try:
            resolve_country(scope.country, known)
        except ParameterError as exc:
            problems.append(f"--country was given {exc}")
    else:
        for index, entry in enumerate(suite.config.countries):
            try:
                resolve_country(entry.country, known)
            except ParameterError as exc:
                line = suite.line_of("countries", index)
                where = relative(suite.path) + (f" line {line}" if line else "")
                problems.append(f"{where}: country {index + 1} was given {exc}")
    if problems:
        raise ParameterError("\n".join(problems))


def check_data(project: Project) -> None:
    """Stop early when the dataset has not been built."""
    if not project.events_parquet.is_file():
        raise BriefingsError(
            f"{relative(project.events_parquet, project.root)} is missing: build the data "
            "first (`make data`, or `briefings build`)"
        )


def latest_sources(
    project: Project, countries: set[str | None], as_of: str
) -> dict[str | None, str]:
    """The data cut-off in words for each country, as of the render's date: what the page
    header shows next to the briefing date ("latest source 8 April 2018")."""
    from helpers.analysis.coverage import cutoff_for

    out = {}
    for country in countries:
        cutoff = cutoff_for(project, country, as_of) if country else None
        out[country] = plain_date(cutoff.date()) if cutoff is not None else ""
    return out


def other_window(folder: Path, name: str, params: dict[str, Any]) -> str | None:
    """The window (``'2016-01-01 to 2018-12-31'``) of the briefing ``name`` already
    published in ``folder`` when it differs from ``params``' window, else ``None``."""
    try:
        entry = mf.read_manifest(folder)["jobs"].get(name) or {}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    before = entry.get("parameters") or {}
    keys = ("start_date", "end_date")
    if not all(k in before and k in params for k in keys):
        return None
    if all(str(before[k]) == str(params[k]) for k in keys):
        return None
    return f"{before['start_date']} to {before['end_date']}"


def plan_jobs(suite: Suite, jobs: tuple[Job, ...], options: RenderOptions) -> list[PlannedJob]:
    """Validate the parameters of every job (``jobs`` as :meth:`Suite.briefings` expands
    them for each country), fill ``{country}`` into titles, and compute each job's cache
    key and published folder; all problems at once."""
    validate = options.validator or default_validator(options.project)
    problems, validated = [], []
    for job in jobs:
        params = {**job.parameters, "as_of": options.as_of}
        try:
            params = plain_values(dict(validate(job.stem, params)))
        except ParameterError as exc:
            where = f" for {job.parameters['country']}" if job.parameters.get("country") else ""
            problems.append(f"job {job.name}{where} ({relative(job.notebook)}): {exc}")
            continue
        country = params.get("country") or None
        if isinstance(params.get("title"), str):
            params["title"] = fill_country(params["title"], country)
        job = dataclasses.replace(job, title=job.title and fill_country(job.title, country))
        validated.append((job, params, layout.folder_name(options.as_of, country)))
    seen: set[tuple[str, str]] = set()
    for job, params, published in validated:
        if (published, job.name) in seen:
            problems.append(f"job {job.name} would be published twice in reports/{published}/")
        seen.add((published, job.name))
        other = other_window(options.project.reports / published, job.name, params)
        if other:
            problems.append(
                f"job {job.name}: reports/{published}/ already holds it for the window {other}; "
                "a briefing of another window on the same date would replace it (render that "
                "window with another --as-of, or remove the folder first)"
            )
    if problems:
        raise ParameterError(
            f"{relative(suite.path)}: bad parameters, nothing was rendered:\n" + "\n".join(problems)
        )
    dataset = cache.dataset_fingerprint(options.project)["sha256"]
    code = cache.code_fingerprint()
    several = len({published for _, _, published in validated}) > 1
    countries = {p.get("country") for _, p, _ in validated}
    cutoffs = latest_sources(options.project, countries, options.as_of)
    return [
        PlannedJob(
            job,
            params,
            job_key(options.project, job, {**params, "_page": page_settings(suite)}, dataset, code),
            code,
            published,
            f"{Path(published).name}/{job.name}" if several else job.name,
            cutoffs.get(params.get("country")) or "",
        )
        for job, params, published in validated
    ]


def page_settings(suite: Suite) -> dict[str, Any]:
    """The suite's project settings that appear on every page (name, source, links): a
    change to them must re-render the briefings, so they enter the cache key."""
    return suite.project.model_dump(mode="json")


def job_key(project: Project, job: Job, params: dict[str, Any], dataset: str, code: str) -> str:
    """The job's cache key, which also covers the last briefing of its series: a briefing
    says what changed since that one (:mod:`helpers.analysis.changes`)."""
    key = cache.cache_key(job.notebook, params, dataset, code)
    previous = mf.previous_briefing(
        project.reports,
        job.stem,
        params.get("country"),
        params.get("start_date", ""),
        params.get("end_date", ""),
        params["as_of"],
    )
    return cache.combined({"job": key, "previous": previous.digest()}) if previous else key


#: The parameters a briefing's context is built from (notebooks outside the suite may lack them).
CONTEXT_PARAMETERS = frozenset({"country", "start_date", "end_date", "as_of"})


def job_snapshot(project: Project, planned: PlannedJob) -> dict[str, Any] | None:
    """What the job's briefing used (:func:`helpers.analysis.changes.snapshot`), computed
    by the same context code the notebook runs, for the manifest; ``None`` for a notebook
    whose parameters select no events."""
    if not planned.parameters.keys() >= CONTEXT_PARAMETERS:
        return None
    from helpers.analysis.changes import snapshot
    from helpers.analysis.context import load_context

    return snapshot(load_context(planned.job.stem, planned.parameters, project))


def snapshot_scope(planned: PlannedJob) -> tuple[str, ...]:
    """The parameters a snapshot depends on: jobs that share them share one snapshot."""
    return tuple(str(planned.parameters.get(k, "")) for k in sorted(CONTEXT_PARAMETERS))


def is_current(reports: Path, planned: PlannedJob) -> bool:
    """Whether the published briefing was made from exactly these inputs."""
    folder = reports / planned.published
    entry = mf.read_manifest(folder)["jobs"].get(planned.job.name) or {}
    outputs = entry.get("outputs") or {}
    return (
        entry.get("cache_key") == planned.key
        and entry.get("status") == "ok"
        and all(outputs.get(k) and (folder / outputs[k]).is_file() for k in ("html", "pdf"))
    )


def page_info(
    suite: Suite, planned: PlannedJob, executed: Path | nbformat.NotebookNode
) -> PageInfo:
    """The header and footer texts of a job's page."""
    params = planned.parameters
    nb = executed if isinstance(executed, dict) else nbformat.read(executed, as_version=4)
    title = (
        planned.job.title
        or (str(params["title"]) if params.get("title") else None)
        or notebook_title(nb)
        or planned.job.name.replace("_", " ").strip().capitalize()
    )
    now = dt.datetime.now(dt.UTC)
    return PageInfo(
        title=title,
        as_of_words=plain_date(params["as_of"]),
        latest_source_words=planned.latest_source,
        description=describe_period(params),
        other_parameters=other_parameters(
            {k: v for k, v in params.items() if k in planned.job.parameters}
        ),
        project_name=suite.project.name,
        source=suite.project.source_for(planned.country),
        source_url=suite.project.source_url,
        method_url=suite.project.method_url,
        generated_words=f"{plain_date(now.date())}, {now:%H:%M} UTC",
        index_href=layout.index_href(planned.published),
        files_stem=planned.job.name,
    )


def convert(
    suite: Suite, planned: PlannedJob, staging: Path, progress: Progress, pool: KernelPool
) -> Converted:
    """Execute the notebook in a warm kernel and export its HTML (in a worker thread)."""
    name = planned.label
    executed = staging / f"{planned.staged}.ipynb"
    started = time.perf_counter()
    try:
        kernel = pool.acquire(planned.job.notebook.parent)
    except KernelError as exc:
        failure = CellFailure(None, type(exc).__name__, str(exc))
        return Converted(planned, executed, None, None, {}, failure)
    waited = time.perf_counter() - started
    progress.step(name, "execute")
    try:
        result = execute_in_kernel(planned.job.notebook, executed, planned.parameters, kernel.km)
    except BaseException:
        pool.release(kernel, healthy=False)
        raise
    pool.release(kernel, healthy=not result.kernel_lost)
    timings = {"kernel": round(waited, 3), "execute": round(result.seconds, 3)}
    if not result.ok:
        return Converted(planned, executed, None, None, timings, result.failure, kernel.log_path)
    progress.step(name, "html")
    started = time.perf_counter()
    nb = result.notebook if result.notebook is not None else executed
    page = page_info(suite, planned, nb)
    html = staging / f"{planned.staged}.html"
    attachments = export_html_file(nb, html, page)
    timings["html"] = round(time.perf_counter() - started, 3)
    return Converted(planned, executed, html, page, timings, attachments=attachments)


def manifest_entry(options: RenderOptions, done: Converted, printer: PdfPrinter) -> dict:
    """The manifest entry for a job (outputs and status filled in by the caller)."""
    job = done.planned.job
    return {
        "name": job.name,
        "notebook": relative(job.notebook, options.project.root),
        "title": done.page.title if done.page else job.title or job.name,
        "country": done.planned.country,
        "description": describe_period(done.planned.parameters),
        "parameters": done.planned.parameters,
        "status": "ok",
        "outputs": {},
        "cache_key": done.planned.key,
        "dataset": cache.dataset_fingerprint(options.project),
        "code": done.planned.code,
        "versions": {**mf.package_versions(), "chromium": printer.version},
        "git_commit": mf.git_commit(options.project.root),
        "timings": done.timings,
        "rendered_at": mf.now_iso(),
        "error": None,
    }


class Runner:
    """Finishes converted jobs in the main thread: PDF with the shared browser, publish."""

    def __init__(self, options: RenderOptions, suite: Suite, printer: PdfPrinter):
        self.options = options
        self.suite = suite
        self.printer = printer
        self.reports = options.project.reports
        self.browser_error: str | None = None
        self.snapshots: dict[tuple[str, ...], dict[str, Any] | None] = {}

    def snapshot(self, planned: PlannedJob) -> dict[str, Any] | None:
        """:func:`job_snapshot`, computed once per country, window and date."""
        scope = snapshot_scope(planned)
        if scope not in self.snapshots:
            self.snapshots[scope] = job_snapshot(self.options.project, planned)
        return self.snapshots[scope]

    def finish(self, done: Converted, progress: Progress) -> JobOutcome:
        """Publish a converted job, or record its failure."""
        if done.failure is not None:
            return self._failed(done, progress)
        label, name = done.planned.label, done.planned.job.name
        progress.step(label, "pdf")
        pdf, pdf_error = self._print(done)
        progress.step(label, "publish")
        entry = manifest_entry(self.options, done, self.printer)
        files = {f"{name}.html": done.html}
        snap = self.snapshot(done.planned)
        if snap is not None:
            staged = done.html.with_name(f"{done.html.stem}.{mf.SNAPSHOT_SUFFIX}")
            published = f"{name}.{mf.SNAPSHOT_SUFFIX}"
            entry["snapshot"] = mf.kept_snapshot(staged, snap, published)
            files[published] = staged
        entry["outputs"]["html"] = f"{name}.html"
        if pdf is not None:
            files[f"{name}.pdf"] = pdf
            entry["outputs"]["pdf"] = f"{name}.pdf"
        else:
            entry.update(status="partial", error={"step": "pdf", "message": pdf_error})
        for suffix, staged in done.attachments.items():  # files the page links to
            files[f"{name}.{suffix}"] = staged
            entry["outputs"][suffix] = f"{name}.{suffix}"
        started = time.perf_counter()
        publish.publish_success(
            self.reports, done.planned.published, files, entry, self.suite.project.name
        )
        done.timings["publish"] = round(time.perf_counter() - started, 3)
        if pdf is None:
            message = f"HTML only; PDF failed: {pdf_error}"
            return JobOutcome(label, "partial", message, done.timings)
        total = sum(done.timings.values())
        return JobOutcome(label, "rendered", f"rendered in {total:.1f} s", done.timings)

    def _print(self, done: Converted) -> tuple[Path | None, str | None]:
        """Print the page; returns (pdf path, None) or (None, error message)."""
        if self.browser_error:
            return None, self.browser_error
        target = done.html.with_suffix(".pdf")
        started = time.perf_counter()
        try:
            self.printer.print_pdf(done.html, target, done.page.title, done.page.as_of_words)
        except PdfError as exc:
            if not self.printer.version:
                self.browser_error = str(exc)
            return None, str(exc)
        except OSError:  # a full disk: fail the job, keeping the previous HTML and PDF
            raise
        except Exception as exc:  # playwright errors: keep going with the other jobs
            return None, f"{type(exc).__name__}: {exc}"
        done.timings["pdf"] = round(time.perf_counter() - started, 3)
        return target, None

    def _failed(self, done: Converted, progress: Progress) -> JobOutcome:
        """Keep the failed notebook, note the error, leave the previous briefing alone."""
        name = done.planned.label
        message = done.failure.describe(relative(done.planned.job.notebook))
        entry = manifest_entry(self.options, done, self.printer)
        entry["error"] = {"step": "execute", **done.failure.as_dict(), "message": message}
        kept = publish.publish_failure(
            self.reports, done.planned.published, done.executed, entry, self.suite.project.name
        )
        if kept is not None:
            message += f" (executed notebook kept in {relative(kept, self.options.project.root)})"
            log = done.kernel_log
            if log is not None and log.is_file() and log.stat().st_size:
                shutil.copyfile(log, kept.with_suffix(".kernel.log"))
        return JobOutcome(name, "failed", message, done.timings, kept)


def kernel_environment(project: Project) -> contextlib.AbstractContextManager[None]:
    """Kernels inherit the render's environment: point them at the project being rendered."""
    return _environment(ROOT_ENV, str(project.root))


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """``name`` set to ``value`` in this process's environment (which kernels started
    meanwhile inherit), and restored afterwards."""
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


def attachments_folder(folder: Path) -> contextlib.AbstractContextManager[None]:
    """Kernels started here write the files a page links to into ``folder`` (see
    :mod:`helpers.presenting.attachments`)."""
    return _environment(ATTACHMENTS_ENV, str(folder))


def _run_jobs(
    todo: list[PlannedJob], runner: Runner, staging: Path, progress: Progress
) -> list[JobOutcome]:
    """Execute and convert in worker threads (one warm kernel each); print and publish in
    this thread."""
    outcomes = []
    workers = max(1, min(runner.options.jobs, len(todo)))
    with (
        attachments_folder(staging / "attachments"),
        KernelPool(workers, staging / "kernels") as pool,
        ThreadPoolExecutor(max_workers=workers, thread_name_prefix="render") as threads,
    ):
        futures: dict[Future, PlannedJob] = {
            threads.submit(convert, runner.suite, p, staging, progress, pool): p for p in todo
        }
        _start_browser(runner, progress, staging)
        for future in as_completed(futures):
            planned = futures[future]
            try:
                outcome = runner.finish(future.result(), progress)
            except FileSystemError as exc:
                outcome = JobOutcome(planned.job.name, "failed", str(exc))
            except OSError as exc:  # a full disk or a read-only folder: say where and why
                where = relative(runner.reports, runner.options.project.root) + "/"
                message = f"{os_error_message(exc, where)}; the previous briefing is kept"
                outcome = JobOutcome(planned.job.name, "failed", message)
            except Exception as exc:  # an HTML or publish bug must not stop the other jobs
                outcome = JobOutcome(planned.label, "failed", f"{type(exc).__name__}: {exc}")
            progress.done(outcome.name, outcome.message, outcome.ok)
            outcomes.append(outcome)
    return outcomes


def _start_browser(runner: Runner, progress: Progress, staging: Path) -> None:
    """Start Chromium (and load plotly.js into its print page) while the kernels work;
    remember why if it cannot start."""
    try:
        runner.printer.start()
        runner.printer.prepare(staging)
    except PdfError as exc:
        runner.browser_error = str(exc)
        progress.note(f"PDF: {exc}")


def render(options: RenderOptions) -> RenderReport:
    """Run a whole render; returns what happened to each job (never raises for a job)."""
    started = time.perf_counter()
    suite = load_suite(options.suite_path)
    jobs = suite.briefings(suite.select(options.only), options.scope)
    check_data(options.project)
    check_countries(suite, options.scope, options.project)
    planned = plan_jobs(suite, jobs, options)
    reports = options.project.reports
    outcomes: list[JobOutcome] = []
    todo = []
    names = [p.label for p in planned]
    with Progress(names, stream=options.stream, rich=options.rich) as progress:
        for p in planned:
            if not options.force and is_current(reports, p):
                publish.clear_error(reports, p.published, p.job.name, suite.project.name)
                message = "unchanged since the last render, skipped (--force renders it again)"
                progress.done(p.label, message)
                outcomes.append(JobOutcome(p.label, "skipped", message))
            else:
                todo.append(p)
        if todo:
            with (
                kernel_environment(options.project),
                publish.staging_dir(options.project.reports, options.as_of) as staging,
                PdfPrinter(options.chromium) as printer,
            ):
                outcomes += _run_jobs(todo, Runner(options, suite, printer), staging, progress)
        publish.refresh_index(options.project.reports, suite.project.name)
    order = {name: i for i, name in enumerate(names)}
    outcomes.sort(key=lambda o: order.get(o.name, len(order)))
    folders = [reports / published for published in dict.fromkeys(p.published for p in planned)]
    index = reports / INDEX_NAME
    return RenderReport(folders, outcomes, time.perf_counter() - started, index)
