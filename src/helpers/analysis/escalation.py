"""The escalation index, the severity total and the monthly verdict.

Definitions (``severity`` is each crackdown act's rung on the codebook's severity scale,
where a carried-out act outranks a threat of it; a release subtracts):

* **Severity total** of a window: the sum of the severity of its crackdown acts. It is the
  one total every page reports; the monthly measures below use the acts that can be placed
  in one month, and say how many acts that leaves out.
* **Escalation index** on a day, as a band: *certain*, the severity of the acts whose
  interval ended by that day (they had certainly happened), and *possible*, of the acts
  whose interval had begun (they may have happened). A precisely dated act moves both at
  once; an act known only to the month moves the possible line at the month's start and
  the certain line at its end. The **rolling** index does the same over the last
  ``rolling_days`` days.
* **Added severity** of a month: the sum over the acts whose interval lies within that
  month (see :func:`~helpers.analysis.loading.datable_to_month`).
* **Monthly verdict**, after CrisisWatch: a month *deteriorated* when its added severity
  exceeds the average of the three months before it by more than 25% and by at least the
  weight of the lightest act on the scale; *improved* when it falls short of that average
  by as much; otherwise *unchanged*. A month gets no verdict when it has **no coverage**
  (it ended after the data cut-off), when it and its three previous months hold fewer than
  three acts (**insufficient data**), or when no act is reported in it (**no new acts
  reported**: silence in a few articles is not an improvement). Every verdict carries a
  one-line reason naming the acts behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis.coverage import month_is_covered, no_coverage_words, number_words, plural
from helpers.analysis.loading import crackdown_events, datable_to_month, not_datable_to_month
from helpers.dates import format_event_date, format_month, format_short

VERDICT_MONTHS = 3
VERDICT_TOLERANCE = 0.25
MIN_ACTS = 3
#: The weight of the lightest act on the scale (a threat), used when no codebook is given.
LIGHTEST_ACT = 2.0

VERDICTS = ("deteriorated", "unchanged", "improved")
NO_VERDICTS = ("no new acts reported", "insufficient data", "no coverage")


def verdict_rule(lightest: float = LIGHTEST_ACT) -> str:
    """The verdict rule in words, built from the constants it uses.

    >>> print(verdict_rule(2))  # doctest: +NORMALIZE_WHITESPACE
    A month deteriorated when the severity of its crackdown acts exceeds the average of the
    3 months before it by more than 25% and by at least 2 points (the lightest act on the
    scale), improved when it falls short of that average by as much, and is otherwise
    unchanged. No verdict is given for a month after the data cut-off or before the earliest
    act or response these sources report (no coverage), for a month whose 3 months before it
    reach back before that, or that with them holds fewer than 3 dated acts (insufficient
    data), or for a month with no act reported (no new acts reported).
    """
    return (
        "A month deteriorated when the severity of its crackdown acts exceeds the average of "
        f"the {VERDICT_MONTHS} months before it by more than {VERDICT_TOLERANCE:.0%} and by "
        f"at least {lightest:g} points (the lightest act on the scale), improved when it "
        "falls short of that average by as much, and is otherwise unchanged. No verdict is "
        "given for a month after the data cut-off or before the earliest act or response "
        "these sources report (no coverage), for a month whose "
        f"{VERDICT_MONTHS} months before it reach back before that, or that "
        f"with them holds fewer than {MIN_ACTS} dated acts (insufficient data), or for a "
        "month with no act reported (no new acts reported)."
    )


# ------------------------------------------------------------------------------ totals


@dataclass(frozen=True)
class SeverityTotal:
    """The window's severity total and how much of it the monthly measures can place."""

    total: float
    n_acts: int
    monthly_total: float
    n_monthly: int

    @property
    def n_unplaced(self) -> int:
        """Acts whose interval spans more than one month (left out of monthly measures)."""
        return self.n_acts - self.n_monthly

    def words(self) -> str:
        """``'55 points from 12 acts (3 acts that cannot be placed in one month ...)'``."""
        text = f"{number_words(self.total)} points from {plural(self.n_acts, 'act')}"
        if self.n_unplaced:
            are = "is" if self.n_unplaced == 1 else "are"
            text += (
                f"; {plural(self.n_unplaced, 'act')} worth "
                f"{number_words(self.total - self.monthly_total)} "
                f"points cannot be placed in one month and {are} left out of the monthly "
                "measures"
            )
        return text


def severity_total(events: pd.DataFrame) -> SeverityTotal:
    """The :class:`SeverityTotal` of the crackdown acts in ``events``."""
    crack = crackdown_events(events)
    placed = datable_to_month(crack)
    return SeverityTotal(
        total=float(crack["severity"].sum()),
        n_acts=len(crack),
        monthly_total=float(placed["severity"].sum()),
        n_monthly=len(placed),
    )


# ------------------------------------------------------------------------------- index


def daily_index(events: pd.DataFrame, start: str, end: str, rolling_days: int = 90) -> pd.DataFrame:
    """One row per day of the window: ``date``; ``cumulative`` and ``cumulative_possible``,
    the least and the most the severity total can be by that day given the acts' intervals
    (an act counts once certainly over, in the least, and once it may have begun, in the
    most; an easing act such as a release, whose score is negative, the other way round);
    ``rolling`` and ``rolling_possible`` (the same over the last ``rolling_days`` days: acts
    wholly inside them or overlapping them); ``added_severity`` and ``n_events`` (acts whose
    interval ends that day).

    >>> frame = pd.DataFrame({"category": ["crackdown"] * 2, "severity": [6.0, -4.0],
    ...     "date_start": pd.to_datetime(["2017-01-01", "2017-01-01"]),
    ...     "date_end": pd.to_datetime(["2017-01-31", "2017-01-31"])})
    >>> day = daily_index(frame, "2017-01-10", "2017-01-10", rolling_days=30)
    >>> day[["cumulative", "cumulative_possible", "rolling", "rolling_possible"]].iloc[0].tolist()
    [-4.0, 6.0, -4.0, 6.0]
    """
    days = pd.date_range(start, end, freq="D", name="date")
    crack = crackdown_events(events)
    ends = crack.groupby("date_end")["severity"].agg(["sum", "count"]).reindex(days, fill_value=0)
    easing = crack["severity"] < 0
    out = pd.DataFrame(
        {
            "date": days,
            "added_severity": ends["sum"].to_numpy(dtype=float),
            "n_events": ends["count"].to_numpy(dtype=int),
        }
    )
    # The least: harsh acts once over, easing acts once begun; the most: the other way.
    out["cumulative"] = _cumulative(crack[~easing], days, "date_end") + _cumulative(
        crack[easing], days, "date_start"
    )
    out["cumulative_possible"] = _cumulative(crack[~easing], days, "date_start") + _cumulative(
        crack[easing], days, "date_end"
    )
    out["rolling"] = _rolling(crack, days, rolling_days, certain=True)
    out["rolling_possible"] = _rolling(crack, days, rolling_days, certain=False)
    return out


def _cumulative(acts: pd.DataFrame, days: pd.DatetimeIndex, column: str) -> pd.Series:
    """Severity of the ``acts`` whose ``column`` date falls on or before each day."""
    per_day = acts.groupby(column)["severity"].sum().reindex(days, fill_value=0)
    before = acts.loc[acts[column] < days[0], "severity"].sum() if len(days) else 0.0
    return pd.Series(per_day.to_numpy(dtype=float).cumsum() + float(before))


def _rolling(crack: pd.DataFrame, days: pd.DatetimeIndex, n: int, certain: bool) -> list[float]:
    """The least (``certain``) or the most severity of the acts in the ``n`` days ending on
    each day: a harsh act counts in the least when wholly inside them and in the most when
    overlapping them; an easing act (negative score) the other way round."""
    starts = crack["date_start"].to_numpy()
    ends = crack["date_end"].to_numpy()
    weights = crack["severity"].to_numpy(dtype=float)
    harsh = weights >= 0
    span = pd.Timedelta(days=n - 1).to_numpy()
    out = []
    for day in days.to_numpy():
        first = day - span
        inside = (starts >= first) & (ends <= day)
        overlapping = (ends >= first) & (starts <= day)
        if certain:
            counted = (harsh & inside) | (~harsh & overlapping)
        else:
            counted = (harsh & overlapping) | (~harsh & inside)
        out.append(float(weights[counted].sum()))
    return out


# ----------------------------------------------------------------------------- monthly


def _months(first: pd.Timestamp, last: pd.Timestamp) -> pd.DatetimeIndex:
    return pd.date_range(
        first.to_period("M").to_timestamp(), last.to_period("M").to_timestamp(), freq="MS"
    )


def monthly_severity(events: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """One row per month from ``start`` to ``end``: ``month``, ``added_severity``,
    ``n_events`` and ``event_ids`` (``;``-joined, most severe first) of the crackdown acts
    placed in it."""
    months = _months(pd.Timestamp(start), pd.Timestamp(end))
    crack = datable_to_month(crackdown_events(events))
    crack = crack.sort_values(["severity", "date_start"], ascending=[False, True], kind="stable")
    grouped = crack.groupby("month")
    return pd.DataFrame(
        {
            "month": months,
            "added_severity": grouped["severity"]
            .sum()
            .reindex(months, fill_value=0.0)
            .to_numpy(dtype=float),
            "n_events": grouped.size().reindex(months, fill_value=0).to_numpy(dtype=int),
            "event_ids": grouped["event_id"]
            .agg(";".join)
            .reindex(months, fill_value="")
            .to_numpy(dtype=object),
        }
    )


def verdict(
    added: float,
    baseline: float,
    lightest: float = LIGHTEST_ACT,
    tolerance: float = VERDICT_TOLERANCE,
) -> str:
    """``'deteriorated'``, ``'improved'`` or ``'unchanged'`` for a month with enough data.

    >>> verdict(12.0, 11.9), verdict(9, 0), verdict(2, 8), verdict(5, 4.5)
    ('unchanged', 'deteriorated', 'improved', 'unchanged')
    """
    change = added - baseline
    if abs(change) > tolerance * abs(baseline) and abs(change) >= lightest:
        return "deteriorated" if change > 0 else "improved"
    return "unchanged"


def monthly_verdicts(
    known: pd.DataFrame,
    start: str,
    end: str,
    cutoff: pd.Timestamp | None,
    lightest: float = LIGHTEST_ACT,
) -> pd.DataFrame:
    """A verdict for each month of the window up to ``end``: ``month``, ``added_severity``,
    ``n_events``, ``baseline`` (average of the three months before), ``baseline_events``,
    ``verdict``, ``reason`` (one line naming the acts behind it), ``event_ids``.

    Pass every event known by the briefing date (``ctx.known``), so that the first months
    of the window have a baseline from the months before it. The sources cover a country
    from the month of the earliest crackdown act or response they report (background and
    context events reach back decades and say nothing of what was watched): a month before
    it has no coverage, and a month whose baseline reaches before it has no baseline (an average of
    zero over months no source watched would make any first act a deterioration).
    """
    watched = known[known["category"] != "context"]
    first = watched["date_start"].min() if len(watched) else pd.NaT
    covered_from = None if pd.isna(first) else pd.Timestamp(first).to_period("M").to_timestamp()
    origin = pd.Timestamp(start) - pd.DateOffset(months=VERDICT_MONTHS)
    table = monthly_severity(known, origin.isoformat()[:10], end)
    shifted = table[["added_severity", "n_events"]].shift(1)
    baseline = shifted["added_severity"].rolling(VERDICT_MONTHS, min_periods=VERDICT_MONTHS)
    table["baseline"] = baseline.mean()
    table["baseline_events"] = (
        shifted["n_events"].rolling(VERDICT_MONTHS, min_periods=VERDICT_MONTHS).sum()
    )
    headlines = dict(zip(known["event_id"], _labels(known), strict=True))
    verdicts, reasons = [], []
    for row in table.itertuples():
        v, r = _month_verdict(row, cutoff, lightest, headlines, covered_from)
        verdicts.append(v)
        reasons.append(r)
    table["verdict"] = verdicts
    table["reason"] = reasons
    window = table["month"] >= pd.Timestamp(start).to_period("M").to_timestamp()
    cols = [
        "month",
        "added_severity",
        "n_events",
        "baseline",
        "baseline_events",
        "verdict",
        "reason",
        "event_ids",
    ]
    return table.loc[window, cols].reset_index(drop=True)


def _labels(events: pd.DataFrame) -> list[str]:
    """``'Kem Sokha arrested (3 Sep 2017)'`` for each event, its date at its precision."""
    heads = events["event_label"].fillna("")
    if "headline" in events:
        heads = events["headline"].fillna("").where(events["headline"].fillna("") != "", heads)
    out = []
    for head, start, end in zip(heads, events["date_start"], events["date_end"], strict=True):
        when = format_short(start) if start == end else format_event_date(start, "month")
        out.append(f"{head} ({when})")
    return out


def _month_verdict(
    row,
    cutoff: pd.Timestamp | None,
    lightest: float,
    headlines: dict[str, str],
    covered_from: pd.Timestamp | None,
) -> tuple[str, str]:
    month = format_month(row.month)
    if not month_is_covered(row.month, cutoff):
        return "no coverage", f"{month}: {no_coverage_words(cutoff)}."
    if covered_from is None or row.month < covered_from:
        return "no coverage", (
            f"{month}: no coverage (before the earliest act or response these sources report"
            + (f", in {format_month(covered_from)})." if covered_from is not None else ").")
        )
    if row.month - pd.DateOffset(months=VERDICT_MONTHS) < covered_from:
        return "insufficient data", (
            f"{month}: the {VERDICT_MONTHS} months before it reach back before the earliest "
            f"act or response these sources report ({format_month(covered_from)}): no "
            "baseline."
        )
    if pd.isna(row.baseline) or row.n_events + row.baseline_events < MIN_ACTS:
        base = 0 if pd.isna(row.baseline_events) else int(row.baseline_events)
        return "insufficient data", (
            f"{month}: {plural(int(row.n_events), 'act')} in the month and "
            f"{plural(base, 'act')} in the {VERDICT_MONTHS} months before; a verdict needs "
            f"at least {MIN_ACTS}."
        )
    if row.n_events == 0:
        return "no new acts reported", (
            f"{month}: no crackdown act reported in these sources (average of "
            f"{row.baseline:.1f} points over the {VERDICT_MONTHS} months before)."
        )
    acts = [headlines.get(e, e) for e in row.event_ids.split(";") if e]
    shown = "; ".join(acts[:3]) + (f" and {len(acts) - 3} more" if len(acts) > 3 else "")
    v = verdict(row.added_severity, row.baseline, lightest)
    return v, (
        f"{month} {v}: {shown}: {number_words(row.added_severity)} points against an average of "
        f"{row.baseline:.1f} over the {VERDICT_MONTHS} months before."
    )


def verdict_counts(verdicts: pd.DataFrame) -> dict[str, int]:
    """How many months got each verdict (every verdict and non-verdict listed)."""
    counts = verdicts["verdict"].value_counts()
    return {name: int(counts.get(name, 0)) for name in (*VERDICTS, *NO_VERDICTS)}


# ------------------------------------------------------------------------- rankings


def worst_months(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The covered month(s) with the highest added severity: every month tied at the top
    (empty when no covered month has an act)."""
    covered = verdicts[(verdicts["verdict"] != "no coverage") & (verdicts["n_events"] > 0)]
    if covered.empty:
        return covered
    top = covered["added_severity"].max()
    return covered[covered["added_severity"] == top].reset_index(drop=True)


def most_severe_events(events: pd.DataFrame) -> pd.DataFrame:
    """The crackdown act(s) of highest severity: every act tied at the top, by date."""
    crack = crackdown_events(events)
    if crack.empty:
        return crack
    top = crack["severity"].max()
    tied = crack[crack["severity"] == top]
    return tied.sort_values(["date_start", "event_id"], kind="stable", ignore_index=True)


def severity_by(
    events: pd.DataFrame, column: str, institutions: dict[str, str] | None = None
) -> pd.DataFrame:
    """Crackdown events grouped by ``column`` (e.g. ``event_label``, ``actor``): ``n_events``,
    ``total_severity``, ``share`` of the severity total; ``;``-lists are split so each name
    gets the event's full severity (shares can then add up to more than 100%). With
    ``institutions`` (name -> the institution it acts for), people are grouped with their
    institution (Hun Sen with the government). Sorted by total severity, highest first."""
    crack = crackdown_events(events)
    cols = [column, "n_events", "total_severity", "share"]
    if crack.empty:
        return pd.DataFrame(columns=cols)
    exploded = crack.assign(**{column: crack[column].str.split(";")}).explode(column)
    exploded[column] = exploded[column].str.strip()
    if institutions:
        exploded[column] = exploded[column].map(lambda n: institutions.get(n) or n)
        exploded = exploded.drop_duplicates(["event_id", column])
    out = exploded.groupby(column, as_index=False).agg(
        n_events=("event_id", "nunique"), total_severity=("severity", "sum")
    )
    total = crack["severity"].sum()
    out["share"] = out["total_severity"] / total if total else 0.0
    return out.sort_values(
        ["total_severity", column], ascending=[False, True], kind="stable", ignore_index=True
    )[cols]


def unplaced_acts(events: pd.DataFrame) -> pd.DataFrame:
    """Crackdown acts whose interval spans more than one month."""
    return not_datable_to_month(crackdown_events(events))
