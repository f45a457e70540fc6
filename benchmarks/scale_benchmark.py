"""How the suite scales with the size of the event store: 10 thousand to 1 million events.

Not a test: run it by hand (``.venv/bin/python benchmarks/scale_benchmark.py``; about
ten minutes on 2 cores for the three sizes). For each size it writes a synthetic
ACLED-shaped export (the current layout) into a temporary folder, never into the
repository (ACLED's terms aside, these files are large and made up), copies the
project's data, notebooks and suite next to it, and measures:

* **import**: ``briefings import-acled`` of the export (read and check, merge into the
  store, rebuild the dataset), its wall time and its peak memory (the largest resident
  set of the process, DuckDB included);
* **load and aggregate**: reading one country's events from the store and computing the
  window's measures (:func:`helpers.analysis.context.load_context`, the escalation index,
  the monthly verdicts, the summarised timeline's bins);
* **render**: ``briefings render --force`` of that country's ``01_briefing`` (execute,
  HTML, PDF), and the size of the HTML page and of the CSV that travels with it.

The synthetic exports follow ACLED's global mix of event types (protests about two
fifths, battles, remote violence, violence against civilians, riots and strategic
developments the rest), its date precisions (mostly the day, some weeks and months),
actor naming and note lengths (one to several sentences). Rows are spread over 150
countries, more to some than others. The **briefed country** (Myanmar, 1 February 2021
to 31 December 2023) holds the same :data:`FOCUS_EVENTS` events at every size: what
grows is the store around it, so the figures show whether a briefing's cost follows the
question asked (one country, one window) or the size of the store.

Targets on a 2-core machine: importing 1 million rows within 2 GB of peak memory; the
briefing with a 1-million-row store within 1.5 times its time with a 10-thousand-row
store. Each figure is printed next to its ratio to the smallest size.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pycountry

from helpers.acled.vintages import CURRENT

BIN = Path(sys.executable).parent
SIZES = (10_000, 100_000, 1_000_000)
FOCUS = "Myanmar"
FOCUS_START, FOCUS_END = dt.date(2021, 2, 1), dt.date(2023, 12, 31)
#: Events of the briefed country in its window, at every size (a country in crisis has
#: thousands a year).
FOCUS_EVENTS = 3_000
#: Dates of the other countries' events.
STORE_START, STORE_END = dt.date(2016, 1, 1), dt.date(2024, 6, 30)
AS_OF = "2024-06-30"
N_COUNTRIES = 150

# ACLED's event types and sub-types with rough global shares: (type, sub-type, share,
# acting side, its category, other side, its category, disorder type).
STATE, REBEL, MILITIA = "State forces", "Rebel group", "Political militia"
PROTESTERS, RIOTERS, CIVILIANS = "Protesters", "Rioters", "Civilians"
POLICE, MILITARY = "Police Forces of {c} ({y}-)", "Military Forces of {c} ({y}-)"
ARMED = "Unidentified Armed Group ({c})"
POLITICAL, DEMONSTRATIONS = "Political violence", "Demonstrations"
MIX: tuple[tuple[str, str, float, str, str, str, str, str], ...] = (
    ("Protests", "Peaceful protest", 0.33, "Protesters ({c})", PROTESTERS, "", "", DEMONSTRATIONS),
    ("Protests", "Protest with intervention", 0.04, "Protesters ({c})", PROTESTERS, POLICE,
     STATE, DEMONSTRATIONS),
    ("Protests", "Excessive force against protesters", 0.01, POLICE, STATE, "Protesters ({c})",
     PROTESTERS, POLITICAL),
    ("Riots", "Violent demonstration", 0.04, "Rioters ({c})", RIOTERS, POLICE, STATE,
     DEMONSTRATIONS),
    ("Riots", "Mob violence", 0.03, "Rioters ({c})", RIOTERS, "Civilians ({c})", CIVILIANS,
     POLITICAL),
    ("Battles", "Armed clash", 0.16, MILITARY, STATE, ARMED, REBEL, POLITICAL),
    ("Battles", "Non-state actor overtakes territory", 0.01, ARMED, REBEL, MILITARY, STATE,
     POLITICAL),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0.07, MILITARY, STATE,
     ARMED, REBEL, POLITICAL),
    ("Explosions/Remote violence", "Air/drone strike", 0.05, MILITARY, STATE, "Civilians ({c})",
     CIVILIANS, POLITICAL),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0.04, ARMED, MILITIA,
     MILITARY, STATE, POLITICAL),
    ("Violence against civilians", "Attack", 0.08, ARMED, MILITIA, "Civilians ({c})", CIVILIANS,
     POLITICAL),
    ("Violence against civilians", "Attack", 0.04, MILITARY, STATE, "Civilians ({c})",
     CIVILIANS, POLITICAL),
    ("Violence against civilians", "Abduction/forced disappearance", 0.03, POLICE, STATE,
     "Civilians ({c})", CIVILIANS, POLITICAL),
    ("Strategic developments", "Arrests", 0.03, POLICE, STATE, "Journalists ({c})", CIVILIANS,
     "Strategic developments"),
    ("Strategic developments", "Looting/property destruction", 0.02, ARMED, MILITIA,
     "Civilians ({c})", CIVILIANS, "Strategic developments"),
    ("Strategic developments", "Change to group/activity", 0.01, MILITARY, STATE, "", "",
     "Strategic developments"),
    ("Strategic developments", "Agreement", 0.01, MILITARY, STATE, ARMED, REBEL,
     "Strategic developments"),
)  # fmt: skip
PRECISIONS = ((1, 0.85), (2, 0.12), (3, 0.03))
FILLER = (
    "According to local sources, {n} people were detained and later released.",
    "Residents said the area had seen similar incidents in the previous weeks.",
    "The group had announced the action on social media two days earlier.",
    "Security forces set up checkpoints on the roads leading to the town.",
    "Local media reported damage to {n} houses and a market.",
    "Fatalities are coded as reported; the number of wounded is unknown.",
    "The protesters demanded the release of detained activists and an end to the curfew.",
    "Authorities said the operation targeted members of an armed group.",
    "Witnesses described gunfire lasting around {n} hours.",
    "Around {n} villagers fled to a nearby monastery.",
)


def countries(rng: random.Random) -> list[tuple[str, str, str]]:
    """(name, ISO3, ISO numeric) of the countries of the synthetic store, the briefed
    country first."""
    others = [c for c in pycountry.countries if c.name != FOCUS]
    rng.shuffle(others)
    focus = pycountry.countries.get(name=FOCUS)
    chosen = [focus, *others[: N_COUNTRIES - 1]]
    return [(c.name, c.alpha_3, str(int(c.numeric))) for c in chosen]


def _notes(rng: random.Random, day: dt.date, sub: str, actor: str, place: str) -> str:
    lead = f"On {day.day} {day:%B %Y}, {sub.lower()} involving {actor} in {place}."
    extra = [rng.choice(FILLER).format(n=rng.randint(2, 40)) for _ in range(rng.randint(0, 4))]
    return " ".join([lead, *extra])


def rows(n_rows: int, seed: int = 11) -> Iterator[list[str]]:
    """``n_rows`` rows of a current-layout ACLED export (see the module docstring)."""
    rng = random.Random(seed)
    places = countries(rng)
    weights = [1 / (rank + 2) for rank in range(len(places) - 1)]  # a few countries hold most
    kinds = [m for m in MIX]
    shares = [m[2] for m in MIX]
    store_days = (STORE_END - STORE_START).days
    focus_days = (FOCUS_END - FOCUS_START).days
    n_focus = min(FOCUS_EVENTS, n_rows)
    for number in range(n_rows):
        if number < n_focus:
            name, iso3, iso = places[0]
            day = FOCUS_START + dt.timedelta(days=rng.randint(0, focus_days))
        else:
            name, iso3, iso = rng.choices(places[1:], weights)[0]
            day = STORE_START + dt.timedelta(days=rng.randint(0, store_days))
        etype, sub, _, actor1, inter1, actor2, inter2, disorder = rng.choices(kinds, shares)[0]
        precision = rng.choices([p for p, _ in PRECISIONS], [w for _, w in PRECISIONS])[0]
        actor1, actor2 = (a.format(c=name, y=2010) for a in (actor1, actor2))
        admin1 = f"{name} Region {rng.randint(1, 12)}"
        place = f"Town {rng.randint(1, 400)}"
        stamp = dt.datetime.combine(day + dt.timedelta(days=rng.randint(1, 21)), dt.time())
        fatalities = rng.choice((0, 0, 0, 0, 1, 2, 5)) if disorder == POLITICAL else 0
        cells = {
            "event_id_cnty": f"{iso3}{number + 1}",
            "event_date": day.isoformat(),
            "year": str(day.year),
            "time_precision": str(precision),
            "disorder_type": disorder,
            "event_type": etype,
            "sub_event_type": sub,
            "actor1": actor1,
            "assoc_actor_1": "",
            "inter1": inter1,
            "actor2": actor2,
            "assoc_actor_2": "",
            "inter2": inter2 if actor2 else "",
            "interaction": f"{inter1}-{inter2}" if actor2 else f"{inter1} only",
            "civilian_targeting": "Civilian targeting" if inter2 == CIVILIANS else "",
            "iso": iso,
            "region": "Synthetic region",
            "country": name,
            "admin1": admin1,
            "admin2": "",
            "admin3": "",
            "location": place,
            "latitude": f"{rng.uniform(-40, 60):.4f}",
            "longitude": f"{rng.uniform(-120, 150):.4f}",
            "geo_precision": "1",
            "source": rng.choice(("Radio Free Asia", "Reuters", f"Local outlet {iso3}")),
            "source_scale": "National",
            "notes": _notes(rng, day, sub, actor1, place),
            "fatalities": str(fatalities),
            "tags": "crowd size=no report" if etype == "Protests" else "",
            "timestamp": str(int(stamp.replace(tzinfo=dt.UTC).timestamp())),
        }
        yield [cells[name] for name in CURRENT.columns]


def write_export(path: Path, n_rows: int) -> Path:
    """Write a synthetic export of ``n_rows`` rows to ``path``."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CURRENT.columns)
        writer.writerows(rows(n_rows))
    return path


# ---------------------------------------------------------------------- the figures


def copy_project(root: Path, target: Path) -> Path:
    """A scratch copy of what import and render read (data, notebooks, suite), without
    anything imported before."""
    shutil.copytree(root / "data", target / "data", ignore=shutil.ignore_patterns("external"))
    shutil.copytree(root / "notebooks", target / "notebooks")
    shutil.copy2(root / "suite.yaml", target / "suite.yaml")
    return target


def run_measured(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run ``command``; return (wall seconds, peak resident memory of the process, MB)."""
    probe = (
        "import resource, runpy, sys; sys.argv = sys.argv[1:]; "
        "code = 0\ntry:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit as exc:\n    code = exc.code or 0\n"
        "print('PEAK_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(code)"
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", probe, *command], cwd=cwd, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    peak = next(
        int(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("PEAK_KB")
    )
    return seconds, peak / 1024


#: Times the load and aggregation of the briefed country's window in a fresh process
#: (modules imported first, not timed): the reading of its events from the store, the
#: briefing context, the escalation index, the monthly verdicts and the timeline's bins.
AGGREGATE = """
import json, statistics, sys, time
from helpers.analysis import escalation, summary
from helpers.analysis.context import load_context
from helpers.paths import Project
from helpers.presenting.params import validate_parameters
root, country, start, end, as_of = sys.argv[1:6]
project = Project(__import__("pathlib").Path(root))
params = validate_parameters("01_briefing", {"country": country, "start_date": start,
    "end_date": end, "as_of": as_of}, countries=[country])
times = []
for _ in range(3):
    started = time.perf_counter()
    ctx = load_context("01_briefing", params, project)
    escalation.daily_index(ctx.events, ctx.start, ctx.measured_end, 90)
    escalation.monthly_verdicts(ctx.events, ctx.start, ctx.covered_end, ctx.cutoff)
    summary.binned(ctx.events, ctx.start, ctx.end)
    times.append(time.perf_counter() - started)
print(json.dumps({"seconds": statistics.median(times), "events": len(ctx.events)}))
"""


def aggregate(root: Path) -> tuple[float, int]:
    """Median seconds to load and aggregate the briefed country's window, and its events."""
    args = [str(root), FOCUS, FOCUS_START.isoformat(), FOCUS_END.isoformat(), AS_OF]
    result = subprocess.run(
        [sys.executable, "-c", AGGREGATE, *args], cwd=root, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"failed: load and aggregate\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return figures["seconds"], figures["events"]


def render(root: Path) -> tuple[float, dict[str, float], int, int]:
    """``briefings render`` of the briefed country's 01_briefing: wall seconds, the
    manifest's per-step timings, the HTML page's and the CSV's bytes."""
    args = ["--country", FOCUS, "--start-date", FOCUS_START.isoformat()]
    args += ["--end-date", FOCUS_END.isoformat(), "--only", "01_briefing", "--force"]
    started = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "briefings"), "--root", str(root), "render", "--as-of", AS_OF, *args],
        cwd=root,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"failed: render\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    folder = root / "reports" / AS_OF / FOCUS.lower()
    entry = json.loads((folder / "manifest.json").read_text())["jobs"]["01_briefing"]
    html = (folder / "01_briefing.html").stat().st_size
    csv_file = folder / "01_briefing.events.csv"
    return seconds, entry["timings"], html, csv_file.stat().st_size if csv_file.is_file() else 0


def measure(size: int, work: Path, repo: Path) -> dict[str, float]:
    """Every figure for a store of ``size`` imported rows."""
    export = write_export(work / f"acled-{size}.csv", size)
    root = copy_project(repo, work / f"project-{size}")
    import_s, peak_mb = run_measured(
        [str(BIN / "briefings"), "--root", str(root), "import-acled", str(export)], root
    )
    export.unlink()
    load_s, n_events = aggregate(root)
    render_s, timings, html, csv_bytes = render(root)
    store = (root / "data" / "processed" / "events.parquet").stat().st_size
    shutil.rmtree(root)
    return {
        "import (s)": import_s,
        "import peak memory (MB)": peak_mb,
        "events.parquet (MB)": store / 1e6,
        "events in the window": n_events,
        "load + aggregate (s)": load_s,
        "render 01_briefing (s)": render_s,
        "  of which execute (s)": timings.get("execute", 0.0),
        "HTML (MB)": html / 1e6,
        "CSV beside it (MB)": csv_bytes / 1e6,
    }


def table(results: dict[int, dict[str, float]]) -> str:
    """The figures side by side, each with its ratio to the smallest size (markdown)."""
    sizes = sorted(results)
    head = "| | " + " | ".join(f"{s:,} rows" for s in sizes) + " |"
    lines = [head, "|---" * (len(sizes) + 1) + "|"]
    for name in results[sizes[0]]:
        base = results[sizes[0]][name]
        cells = []
        for size in sizes:
            value = results[size][name]
            text = f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"
            if size != sizes[0] and base:
                text += f" ({value / base:.2f}x)"
            cells.append(text)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=list(SIZES), help="rows per synthetic export"
    )
    args = parser.parse_args(argv)
    from helpers.paths import find_root

    repo = find_root()
    results = {}
    with tempfile.TemporaryDirectory(prefix="scale-benchmark-") as folder:
        for size in sorted(args.sizes):
            print(f"{size:,} rows...", flush=True)
            results[size] = measure(size, Path(folder), repo)
            print(table(results), flush=True)
    print()
    print(f"Briefed country: {FOCUS}, {FOCUS_START} to {FOCUS_END}, {FOCUS_EVENTS:,} events at")
    print("every size; ratios are to the smallest store.")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
