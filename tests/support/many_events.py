"""A large synthetic events table, as the build writes it for a country whose events come
from ACLED: for the tests of the summarised forms (charts, tables, the CSV that travels
with a briefing) and of a briefing's size with many events.

Made up, row by row, from a seeded random generator (no ACLED data): mostly context
(protests, armed violence), about a sixth crackdown acts across the codebook's severity
scale, a few domestic and international responses; dates mostly to the day, some to the
week (written as the range of its seven days) or the month; one outlet or
two per event; summaries and quotes of a few sentences. A handful of quotes start like
spreadsheet formulas, to check that the CSV neutralises them.
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd

from helpers.dataset.codebook import load_codebook
from helpers.dataset.tables import EVENTS
from helpers.dates import date_span, enclosing_date, midpoint
from support.frames import CODEBOOK

COUNTRY = "Ruritania"
#: (event type, share): crackdown types along the severity scale, responses, context.
MIX = (
    ("violent_repression", 0.05),
    ("arrest", 0.06),
    ("prosecution", 0.02),
    ("threat", 0.02),
    ("release", 0.01),
    ("protest", 0.03),
    ("foreign_statement", 0.007),
    ("media_restriction", 0.01),
    ("sanctions", 0.003),
    ("unrest", 0.50),
    ("armed_violence", 0.28),
    ("other_development", 0.02),
)
OUTLETS = ("Radio Free Asia", "Reuters", "Ruritania Daily", "The Ruritanian Post")
FORMULAS = ("=HYPERLINK(1)", "+1 dead", "-5 protesters", "@risk")


def many_events(
    n: int,
    start: str = "2019-01-01",
    end: str = "2021-12-31",
    country: str = COUNTRY,
    seed: int = 3,
) -> pd.DataFrame:
    """``n`` events of ``country`` dated between ``start`` and ``end``, as the text cells
    of ``data/processed/events.csv`` (every contract column)."""
    rng = random.Random(seed)
    types = load_codebook(CODEBOOK).table.set_index("event_type").to_dict("index")
    kinds, shares = zip(*MIX, strict=True)
    first, days = dt.date.fromisoformat(start), (pd.Timestamp(end) - pd.Timestamp(start)).days
    rows = []
    for number in range(n):
        kind = rng.choices(kinds, shares)[0]
        info = types[kind]
        day = first + dt.timedelta(days=rng.randint(0, days))
        precision = rng.choices((1, 2, 3), (0.85, 0.12, 0.03))[0]
        if precision == 1:
            span = (day, day)
        elif precision == 2:
            span = (day - dt.timedelta(days=3), day + dt.timedelta(days=3))
        else:
            span = date_span(day.strftime("%Y-%m"), "month")
        date, date_precision = enclosing_date(*span)
        outlets = sorted(set(rng.sample(OUTLETS, rng.choice((1, 1, 2)))))
        quote = f"On {day:%d %B %Y}, " + " ".join(
            rng.choice(SENTENCES) for _ in range(rng.randint(1, 4))
        )
        if number % 997 == 0:
            quote = f"{FORMULAS[number % len(FORMULAS)]} {quote}"
        reported = span[1] + dt.timedelta(days=rng.randint(1, 14))
        rows.append(
            {
                "event_id": f"RUR-{number + 1:06d}",
                "date": date,
                "date_precision": date_precision,
                "category": info["category"],
                "event_type": kind,
                "actor": "Ruritanian Police" if info["category"] == "crackdown" else "Protesters",
                "target": "Civilians (Ruritania)",
                "summary": f"{info['event_label']} in Town {rng.randint(1, 300)} (synthetic).",
                "evidence": quote,
                "country": country,
                "event_label": info["event_label"],
                "goldstein": str(info["goldstein"]),
                "severity": str(info["severity"]),
                "cameo_code": info["cameo_code"],
                "plover_type": info["plover_type"],
                "plover_mode": info["plover_mode"],
                "response_kind": info["response_kind"],
                "date_start": span[0].isoformat(),
                "date_end": span[1].isoformat(),
                "plot_date": midpoint(*span).isoformat(),
                "first_reported": reported.isoformat(),
                "last_reported": reported.isoformat(),
                "n_articles": "0",
                "outlets": ";".join(outlets),
                "n_outlets": str(len(outlets)),
                "source_kind": "acled",
                "acled_ids": f"RUR{number + 1}",
            }
        )
    frame = pd.DataFrame(rows)
    for name in EVENTS.names():
        if name not in frame.columns:
            frame[name] = ""
    return frame[EVENTS.names()]


SENTENCES = (
    "Police dispersed a gathering of market traders with batons.",
    "Residents said the area had seen similar incidents in the previous weeks.",
    "Local media reported damage to several houses and a market.",
    "The group had announced the action on social media two days earlier.",
    "Security forces set up checkpoints on the roads leading to the town.",
    "Witnesses described gunfire lasting around two hours.",
    "The protesters demanded the release of detained activists.",
    "Authorities said the operation targeted members of an armed group.",
)
