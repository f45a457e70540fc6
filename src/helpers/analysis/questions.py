"""Answers to the questions analysts ask most, as tidy frames.

* :func:`counts_by`: how many events per actor (or event type, response kind, ...) per
  month, quarter or year. ``;``-separated cells (``actor``, ``target``, ``actor_kind``)
  are split, so a joint act counts once for each of its actors. An event is counted in a
  period only when its whole date span lies in it; an event known more coarsely (a
  year-only event counted by quarter) is counted under its own date, marked
  ``(year only)``, never spread over or pinned to a quarter.
* :func:`response_pairs`: one row per international response and act it answers, both
  dates at their precision, the shortest and longest lag the two dates allow, and one row
  for each response that answers nothing coded.

The examples run on the invented events of :mod:`helpers.sample`.
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.loading import international_responses
from helpers.analysis.responses import lag_range
from helpers.dataset.actors import split_names
from helpers.dates import PERIODS, date_span, format_event_date, period_of

#: Columns whose cells may list several values, ``;``-separated.
LIST_COLUMNS = ("actor", "target", "actor_kind", "article_ids", "outlets", "responds_to")

PAIR_COLUMNS = [
    "response_id",
    "response_date",
    "response_precision",
    "response_when",
    "responder",
    "response_kind",
    "response_summary",
    "link",
    "act_id",
    "act_date",
    "act_precision",
    "act_when",
    "act_category",
    "act_label",
    "act_actor",
    "act_summary",
    "lag_min_days",
    "lag_max_days",
]

#: What the ``link`` column of :func:`response_pairs` says.
ANSWERS = "answers"
ANSWERS_NOTHING = "answers nothing coded"
ACT_UNKNOWN = "act not among the known events"


def counts_by(events: pd.DataFrame, by: str = "actor", period: str | None = "Q") -> pd.DataFrame:
    """Events per value of ``by`` per ``period`` (``M``, ``Q``, ``Y``, or ``None`` for
    totals): columns ``by``, ``period``, ``n_events``, sorted by period, then count
    (highest first), then name. Events with an empty ``by`` cell are left out.

    >>> from helpers.sample import sample_events
    >>> counts_by(sample_events(), by="actor", period="Q").tail(4)
                      actor            period  n_events
    4        Northern Union            2017Q4         1
    5         Supreme Court            2017Q4         1
    6        United Nations            2018Q1         1
    7  Ministry of Interior  2018 (year only)         1
    >>> counts_by(sample_events(), by="actor", period=None).head(2)
                      actor  n_events
    0             Freedonia         2
    1  Ministry of Interior         2
    >>> counts_by(sample_events(), by="category", period=None)
                     category  n_events
    0               crackdown         3
    1  international_response         3
    """
    if by not in events.columns:
        raise ValueError(
            f"counts_by: by={by!r} is not a column of the events; expected one of "
            f"{', '.join(events.columns)}"
        )
    if period is not None and period not in PERIODS:
        raise ValueError(
            f"counts_by: period={period!r}; expected one of {', '.join(PERIODS)} "
            "(month, quarter, year) or None for totals"
        )
    rows = events[["event_id", by, "date", "date_precision"]].copy()
    if by in LIST_COLUMNS:
        rows[by] = rows[by].map(split_names)
        rows = rows.explode(by)
    rows = rows[rows[by].fillna("").astype(str).str.strip() != ""]
    keys = [by]
    if period is not None:
        labels = [
            _period_and_order(d, p, period)
            for d, p in zip(rows["date"], rows["date_precision"], strict=True)
        ]
        rows["period"] = [label for label, _ in labels]
        rows["_order"] = [order for _, order in labels]
        keys = [by, "period", "_order"]
    counts = rows.groupby(keys, as_index=False).agg(n_events=("event_id", "nunique"))
    order = (["_order"] if period is not None else []) + ["n_events", by]
    ascending = ([True] if period is not None else []) + [False, True]
    counts = counts.sort_values(order, ascending=ascending, kind="stable", ignore_index=True)
    return counts[[*keys[:2], "n_events"]] if period is not None else counts[[by, "n_events"]]


def _period_and_order(date: str, precision: str, freq: str) -> tuple[str, str]:
    """The period label of one event and a key that sorts labels in time (a date no one
    period holds comes after the period of its last day).

    >>> _period_and_order("2017-09-03", "day", "Q"), _period_and_order("2017", "year", "Q")
    (('2017Q3', '2017Q3'), ('2017 (year only)', '2017Q4~'))
    >>> _period_and_order("2017-11/2018-04", "range", "Q")
    ('2017-11/2018-04 (range over several quarters)', '2018Q2~')
    """
    label = period_of(date, precision, freq)
    if label is not None:
        return label, label
    order = f"{pd.Period(date_span(date, precision)[1], freq=freq)}~"
    if precision == "range":
        return f"{date} (range over several {PERIODS[freq]}s)", order
    return f"{date} ({precision} only)", order


def response_pairs(events: pd.DataFrame, known: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per international response in ``events`` and act it answers
    (``responds_to``), looked up in ``known`` (default ``events``; pass ``ctx.known`` to
    find acts before the window).

    Both dates as coded (``response_date``, ``act_date``), their precision and in words
    (``*_when``). ``lag_min_days`` and ``lag_max_days`` are the shortest and longest lag
    the two dates allow (equal when both are known to the day; a response cannot precede
    what it answers, so the shortest is never below 0). ``link`` says ``answers``,
    ``answers nothing coded`` (one row for a response whose ``responds_to`` is empty) or
    ``act not among the known events``. Sorted by response date.

    >>> from helpers.sample import sample_events
    >>> pairs = response_pairs(sample_events())
    >>> pairs[["response_id", "act_id", "response_when", "lag_min_days", "lag_max_days"]]
      response_id   act_id   response_when  lag_min_days  lag_max_days
    0     RUR-002  RUR-001  September 2017             0            17
    1     RUR-004  RUR-003  6 December 2017            20            20
    2     RUR-004  RUR-001  6 December 2017            94            94
    3     RUR-006           February 2018          <NA>          <NA>
    >>> pairs["link"].tolist()[-1]
    'answers nothing coded'
    """
    responses = international_responses(events).sort_values(
        ["plot_date", "event_id"], kind="stable", ignore_index=True
    )
    acts = (events if known is None else known).drop_duplicates("event_id").set_index("event_id")
    rows = []
    for resp in responses.itertuples(index=False):
        answered = split_names(resp.responds_to) or [""]
        for act_id in answered:
            rows.append(_pair(resp, act_id, acts))
    out = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    for name in ("lag_min_days", "lag_max_days"):
        out[name] = out[name].astype("Int64")
    return out


def _pair(resp, act_id: str, acts: pd.DataFrame) -> dict:
    """One row of :func:`response_pairs`."""
    row = dict.fromkeys(PAIR_COLUMNS, "")
    row.update(
        response_id=resp.event_id,
        response_date=resp.date,
        response_precision=resp.date_precision,
        response_when=format_event_date(resp.date, resp.date_precision),
        responder=resp.actor,
        response_kind=resp.response_kind,
        response_summary=resp.summary,
        act_id=act_id,
        lag_min_days=None,
        lag_max_days=None,
    )
    if not act_id:
        row["link"] = ANSWERS_NOTHING
        return row
    if act_id not in acts.index:
        row["link"] = ACT_UNKNOWN
        return row
    act = acts.loc[act_id]
    shortest, longest = lag_range(
        act["date_start"], act["date_end"], resp.date_start, resp.date_end
    )
    row.update(
        link=ANSWERS,
        act_date=act["date"],
        act_precision=act["date_precision"],
        act_when=format_event_date(act["date"], act["date_precision"]),
        act_category=act["category"],
        act_label=act["event_label"],
        act_actor=act["actor"],
        act_summary=act["summary"],
        lag_min_days=shortest,
        lag_max_days=longest,
    )
    return row
