"""International responses: by kind, by responder, what they answered and how fast.

Definitions:

* An **international response** is an event of that category; validation makes sure its
  actors are foreign governments, intergovernmental or UN bodies, or NGOs and others
  registered in another country (a call by the country's own opposition is a domestic
  response).
* A response **answers** a crackdown act when the act's id is in its ``responds_to``; a
  response may answer several acts. :func:`response_pairs` lists one row per pair.
* **Response lag** of a pair, as a range of days: every date is an interval
  (``date_start``..``date_end``, narrowed so that a response starts no earlier than the act
  it answers and ends by its first report), so the lag runs from the shortest possible
  gap (never below 0) to the longest. Kem Sokha's arrest on 3 September 2017 answered by a
  statement reported on 6 September: 0-3 days.
* The **first response** to an act is the pair with the shortest possible lag.
* A **median lag** is given only for at least :data:`MIN_LAGS` lags (as a range: the
  median of the shortest and of the longest possible lags); below that, the lags are
  listed, not summarised.
* An act **drew no response in these sources** when no international response known by
  the briefing date answers it. Releases are not expected to be answered and are left
  out. "No response" means none reported in the briefing's sources, not none at all.
"""

from __future__ import annotations

import math
from itertools import zip_longest

import pandas as pd

from helpers.analysis.coverage import number_words, plural
from helpers.analysis.loading import crackdown_events, international_responses
from helpers.dataset.actors import split_names
from helpers.dates import format_event_date

MIN_LAGS = 3

PAIR_COLUMNS = [
    "response_id",
    "response_when",
    "responder",
    "response_kind",
    "response_headline",
    "crackdown_id",
    "crackdown_when",
    "crackdown_headline",
    "lag_min",
    "lag_max",
    "lag_label",
]


def responses_by_kind(events: pd.DataFrame, kinds: dict[str, str] | None = None) -> pd.DataFrame:
    """International responses counted by ``response_kind``: ``response_kind``, ``label``
    (from the codebook's ``response_kinds`` when given), ``n_events``. Only kinds that
    occur are listed (an empty category row says nothing); sorted by count, then label."""
    resp = international_responses(events)
    counts = resp["response_kind"].value_counts()
    kinds = kinds or {}
    out = pd.DataFrame(
        {
            "response_kind": list(counts.index),
            "label": [kinds.get(k, k.replace("_", " ").capitalize()) for k in counts.index],
            "n_events": [int(n) for n in counts.to_numpy()],
        },
        columns=["response_kind", "label", "n_events"],
    )
    return out.sort_values(
        ["n_events", "label"], ascending=[False, True], kind="stable", ignore_index=True
    )


def responders(events: pd.DataFrame) -> pd.DataFrame:
    """Who responded and how: ``actor``, ``actor_kind``, ``n_events``, ``kinds`` (the
    response kinds used, ``;``-separated), ``first_date``, ``last_date`` (drawn dates) and
    ``first_when``, ``last_when`` (those dates in words, at their precision)."""
    resp = international_responses(events)
    cols = [
        "actor",
        "actor_kind",
        "n_events",
        "kinds",
        "first_date",
        "last_date",
        "first_when",
        "last_when",
    ]
    if resp.empty:
        return pd.DataFrame(columns=cols)
    # Each actor of a joint response keeps its own kind (actor_kind is aligned with actor).
    pairs = [
        list(zip_longest(split_names(a), split_names(k), fillvalue=""))
        for a, k in zip(resp["actor"], resp["actor_kind"], strict=True)
    ]
    exploded = resp.assign(pair=pairs).explode("pair")
    exploded["actor"] = exploded["pair"].str[0]
    exploded["actor_kind"] = exploded["pair"].str[1]
    exploded = exploded.sort_values(["plot_date", "event_id"], kind="stable")
    exploded["when"] = [
        format_event_date(d, p)
        for d, p in zip(exploded["date"], exploded["date_precision"], strict=True)
    ]
    out = exploded.groupby("actor", as_index=False).agg(
        actor_kind=("actor_kind", "first"),
        n_events=("event_id", "nunique"),
        kinds=("response_kind", lambda s: ";".join(sorted(set(s)))),
        first_date=("plot_date", "min"),
        last_date=("plot_date", "max"),
        first_when=("when", "first"),
        last_when=("when", "last"),
    )
    return out.sort_values(
        ["n_events", "actor"], ascending=[False, True], kind="stable", ignore_index=True
    )[cols]


def lag_range(
    act_start: pd.Timestamp, act_end: pd.Timestamp, resp_start: pd.Timestamp, resp_end: pd.Timestamp
) -> tuple[int, int]:
    """Shortest and longest possible days from an act to a response (never below 0).

    >>> ts = pd.Timestamp
    >>> lag_range(ts("2017-09-03"), ts("2017-09-03"), ts("2017-09-03"), ts("2017-09-06"))
    (0, 3)
    """
    shortest = max(0, (resp_start - act_end).days)
    longest = max(shortest, (resp_end - act_start).days)
    return shortest, longest


def lag_words(shortest: int, longest: int) -> str:
    """``'same day'``, ``'4 days'``, ``'0-3 days'``.

    >>> lag_words(0, 0), lag_words(4, 4), lag_words(0, 3), lag_words(1, 1)
    ('same day', '4 days', '0-3 days', '1 day')
    """
    if shortest == longest:
        return "same day" if shortest == 0 else plural(shortest, "day")
    return f"{shortest}-{longest} days"


def _when(frame: pd.DataFrame) -> list[str]:
    return [
        format_event_date(d, p) for d, p in zip(frame["date"], frame["date_precision"], strict=True)
    ]


def response_pairs(events: pd.DataFrame, responses: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (international response, crackdown act of ``events`` it answers): both
    dates in words at their precision, both headlines, and the lag range
    (:data:`PAIR_COLUMNS`). ``responses`` defaults to ``events`` (pass the events known by
    the briefing date to count responses made after the window). Sorted by act date."""
    crack = crackdown_events(events)
    resp = international_responses(events if responses is None else responses)
    if crack.empty or resp.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    resp = resp.assign(crackdown_id=resp["responds_to"].map(split_names)).explode("crackdown_id")
    resp = resp.dropna(subset=["crackdown_id"])
    crack = crack.assign(crackdown_when=_when(crack))
    resp = resp.assign(response_when=_when(resp))
    merged = crack.merge(resp, left_on="event_id", right_on="crackdown_id", suffixes=("_c", "_r"))
    if merged.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    lags = [
        lag_range(a0, a1, r0, r1)
        for a0, a1, r0, r1 in zip(
            merged["date_start_c"],
            merged["date_end_c"],
            merged["date_start_r"],
            merged["date_end_r"],
            strict=True,
        )
    ]
    out = pd.DataFrame(
        {
            "response_id": merged["event_id_r"],
            "response_when": merged["response_when"],
            "responder": merged["actor_r"],
            "response_kind": merged["response_kind_r"],
            "response_headline": merged.get("headline_r", ""),
            "crackdown_id": merged["event_id_c"],
            "crackdown_when": merged["crackdown_when"],
            "crackdown_headline": merged.get("headline_c", ""),
            "lag_min": [lo for lo, _ in lags],
            "lag_max": [hi for _, hi in lags],
            "_start": merged["date_start_c"],
        }
    )
    out["lag_label"] = [lag_words(lo, hi) for lo, hi in lags]
    out = out.sort_values(["_start", "crackdown_id", "lag_min", "lag_max", "response_id"])
    return out.drop(columns="_start").reset_index(drop=True)[PAIR_COLUMNS]


def response_lags(events: pd.DataFrame, responses: pd.DataFrame | None = None) -> pd.DataFrame:
    """The first response to each answered act (the pair with the shortest possible lag;
    see :func:`response_pairs` for the columns)."""
    pairs = response_pairs(events, responses)
    return pairs.drop_duplicates("crackdown_id").reset_index(drop=True)


def lag_summary(lags: pd.DataFrame) -> str:
    """The lags in one phrase, with their count; a median only from :data:`MIN_LAGS` lags.

    >>> frame = pd.DataFrame({"lag_min": [0, 2], "lag_max": [3, 2]})
    >>> lag_summary(frame)
    '2 lags (0-3 days and 2 days): too few for a median (it needs at least 3)'
    >>> lag_summary(pd.DataFrame({"lag_min": [0, 2, 10, 1], "lag_max": [3, 2, 40, 5]}))
    'median 1-4 days over 4 lags'
    """
    n = len(lags)
    if n == 0:
        return "no lag to measure: no crackdown act was answered in these sources"
    if n < MIN_LAGS:
        listed = " and ".join(
            lag_words(lo, hi) for lo, hi in zip(lags["lag_min"], lags["lag_max"], strict=True)
        )
        return f"{plural(n, 'lag')} ({listed}): too few for a median (it needs at least {MIN_LAGS})"
    # Rounded outwards, so the range still holds both medians.
    low = math.floor(lags["lag_min"].median())
    high = math.ceil(lags["lag_max"].median())
    return f"median {lag_words(low, high)} over {plural(n, 'lag')}"


def unanswered(events: pd.DataFrame, responses: pd.DataFrame | None = None) -> pd.DataFrame:
    """Crackdown acts (severity above zero) that no international response in
    ``responses`` (default ``events``) answers, most severe first, then by date."""
    crack = crackdown_events(events)
    crack = crack[crack["severity"] > 0]
    answered = set(response_pairs(events, responses)["crackdown_id"])
    out = crack[~crack["event_id"].isin(answered)]
    return out.sort_values(
        ["severity", "date_start"], ascending=[False, True], kind="stable", ignore_index=True
    )


def share_answered(events: pd.DataFrame, responses: pd.DataFrame | None = None) -> tuple[int, int]:
    """(answered, total) crackdown acts of severity above zero."""
    crack = crackdown_events(events)
    total = int((crack["severity"] > 0).sum())
    return total - len(unanswered(events, responses)), total


def answered_words(answered: int, total: int) -> str:
    """The share answered, with its base and its limit.

    >>> answered_words(3, 12)
    '3 of 12 crackdown acts drew an international response reported in these sources; 9 drew none that these sources report'
    """  # noqa: E501
    return (
        f"{number_words(answered)} of {number_words(total)} crackdown acts drew an international "
        f"response reported in these sources; {number_words(total - answered)} drew none that "
        "these sources report"
    )
