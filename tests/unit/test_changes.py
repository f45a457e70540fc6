"""What changed since the last briefing (helpers.analysis.changes): snapshots compared on
hand-made data, including the cases a rule on dates alone would get wrong, and the
section's sentences on the synthetic events of ``support.frames``."""

from __future__ import annotations

import json

import pytest
from support.frames import ROWS, context

from helpers.analysis import changes, escalation
from helpers.analysis.changes import coded_hash, compare, since_last, snapshot

# ----------------------------------------------------------------- hand-made snapshots


def event(
    date: str = "2017-10-05",
    *,
    reported: str = "2017-10-06",
    window: bool = True,
    category: str = "crackdown",
    event_type: str = "arrest",
    severity: float = 6.0,
    precision: str = "day",
    actor: str = "Police",
    target: str = "Kem Sokha",
) -> dict:
    """One event of a snapshot, as :func:`changes.event_entry` writes it."""
    coded = dict(
        date=date,
        date_precision=precision,
        category=category,
        event_type=event_type,
        actor=actor,
        target=target,
    )
    return {
        **coded,
        "coded": coded_hash(coded),
        "label": event_type.replace("_", " ").capitalize(),
        "headline": f"{target} {event_type}",
        "first_reported": reported,
        "severity": severity if category == "crackdown" else 0.0,
        "in_window": window,
    }


def snap(as_of: str, events: dict, verdicts: dict | None = None, latest=None) -> dict:
    """A snapshot whose severity total is the one its events add up to."""
    counted = [e for e in events.values() if e["in_window"] and e["category"] == "crackdown"]
    return {
        "version": changes.SNAPSHOT_VERSION,
        "as_of": as_of,
        "cutoff": max((e["first_reported"] for e in events.values()), default=None),
        "severity_total": {"total": sum(e["severity"] for e in counted), "n_acts": len(counted)},
        "verdicts": verdicts or {},
        "latest_verdict": latest,
        "events": events,
    }


def test_an_event_first_reported_between_the_briefings_is_new() -> None:
    before = snap("2017-09-30", {"A": event("2017-09-03", reported="2017-09-04")})
    after = snap(
        "2017-11-30",
        {"A": event("2017-09-03", reported="2017-09-04"), "B": event(reported="2017-10-06")},
    )
    result = compare(before, after)
    assert result.new == ("B",)
    assert result.added_late == () and result.corrected == () and result.removed == ()
    assert result.severity_parts["new"] == 6.0 and result.severity_change == 6.0


def test_a_corrected_date_is_a_correction_not_news() -> None:
    """A naive rule ("an event whose date is not the one the last briefing showed is
    new") would list the arrest again; its id says it was known."""
    before = snap("2017-09-30", {"A": event("2017-09", precision="month", reported="2017-09-06")})
    after = snap("2017-11-30", {"A": event("2017-09-03", reported="2017-09-06")})
    result = compare(before, after)
    assert result.new == () and result.added_late == ()
    (fix,) = result.corrected
    assert fix.event_id == "A" and not fix.entered and not fix.left
    assert fix.fields == (
        ("date", "2017-09", "2017-09-03"),
        ("date_precision", "month", "day"),
    )
    assert result.severity_change == 0.0


def test_a_correction_that_moves_an_event_into_the_window_is_still_a_correction() -> None:
    before = snap("2017-09-30", {"A": event("2015-09-03", reported="2017-09-06", window=False)})
    after = snap("2017-11-30", {"A": event("2017-09-03", reported="2017-09-06")})
    result = compare(before, after)
    assert result.new == ()
    (fix,) = result.corrected
    assert fix.entered and fix.fields == (("date", "2015-09-03", "2017-09-03"),)
    assert result.severity_parts["corrected"] == 6.0


def test_an_event_reported_before_the_last_briefing_but_coded_since_is_not_missed() -> None:
    """A rule on dates alone ("first reported after the last briefing's date") would never
    show this act to the reader: it is first reported before the last briefing but the
    last briefing did not know it. It is listed, and said to be coded since, not news."""
    before = snap("2017-09-30", {"A": event("2017-09-03", reported="2017-09-06")})
    after = snap(
        "2017-11-30",
        {
            "A": event("2017-09-03", reported="2017-09-06"),
            "L": event("2017-09-10", reported="2017-09-12", event_type="threat", severity=2.0),
        },
    )
    result = compare(before, after)
    naive = [i for i, e in after["events"].items() if e["first_reported"] > before["as_of"]]
    assert naive == []  # the rule on dates misses it
    assert result.added_late == ("L",) and result.new == ()
    assert result.severity_parts["added_late"] == 2.0


def test_an_event_now_inside_the_window_with_unchanged_fields_has_moved() -> None:
    """Its coded date is the same; a newly cited earlier report narrowed its span."""
    before = snap(
        "2017-09-30", {"A": event("2015", precision="year", reported="2017-09-06", window=False)}
    )
    after = snap("2017-11-30", {"A": event("2015", precision="year", reported="2016-01-10")})
    result = compare(before, after)
    assert result.new == () and result.corrected == ()
    (moved,) = result.moved
    assert moved.entered and moved.fields == ()


def test_removed_events_and_the_parts_of_the_severity_change_add_up() -> None:
    before = snap(
        "2017-09-30",
        {
            "A": event("2017-09-03", reported="2017-09-06"),
            "R": event("2017-09-05", reported="2017-09-06", event_type="threat", severity=2.0),
            "T": event("2017-09-07", reported="2017-09-08", event_type="accusation", severity=3.0),
            "X": event("2013", precision="year", reported="2017-09-06", window=False),
        },
    )
    after = snap(
        "2017-11-30",
        {
            "A": event("2017-09-03", reported="2017-09-06", severity=7.0),  # re-weighted
            "T": event("2017-09-07", reported="2017-09-08", category="context", severity=0.0),
            "N": event("2017-11-01", reported="2017-11-02", severity=8.0),
        },
    )
    result = compare(before, after)
    assert result.removed == ("R",)  # X lay outside the last window: not reported
    assert [c.event_id for c in result.corrected] == ["T"]
    assert result.new == ("N",)
    assert result.severity_parts == {
        "new": 8.0,
        "added_late": 0.0,
        "corrected": -3.0,
        "moved": 0.0,
        "removed": -2.0,
        "other": 1.0,
    }
    total = after["severity_total"]["total"] - before["severity_total"]["total"]
    assert result.severity_change == total == 4.0


def test_events_outside_both_windows_are_not_reported() -> None:
    before = snap("2017-09-30", {"X": event("2013", precision="year", window=False)})
    after = snap(
        "2017-11-30",
        {
            "X": event("2012", precision="year", window=False),
            "Y": event("1989", precision="year", reported="2017-10-06", window=False),
        },
    )
    result = compare(before, after)
    assert (result.new, result.corrected, result.moved, result.removed) == ((), (), (), ())


def test_only_snapshots_of_this_version_are_compared() -> None:
    assert changes.usable(snap("2017-09-30", {}))
    assert not changes.usable({**snap("2017-09-30", {}), "version": 0})
    assert not changes.usable({"version": changes.SNAPSHOT_VERSION})


# ----------------------------------------------------------------- verdict sentences


def test_verdict_sentences_name_the_latest_verdict_covered_and_revised_months() -> None:
    oct_ = {"month": "2017-10", "verdict": "deteriorated", "reason": "October 2017 deteriorated."}
    before = snap(
        "2017-10-31",
        {},
        {"2017-08": "unchanged", "2017-09": "insufficient data", "2017-10": "no coverage"},
    )
    after = snap(
        "2017-11-30",
        {},
        {"2017-08": "deteriorated", "2017-09": "insufficient data", "2017-10": "deteriorated"},
        latest=oct_,
    )
    assert changes.verdict_sentences(before, after) == [
        "Latest monthly verdict: October 2017 deteriorated. The last briefing had none.",
        "Months covered since the last briefing: October 2017 (deteriorated).",
        "Verdicts revised since the last briefing: August 2017 from unchanged to deteriorated.",
    ]
    same = changes.verdict_sentences({**after, "as_of": "2017-11-15"}, after)
    assert same == [
        "Latest monthly verdict, unchanged since the last briefing: October 2017 deteriorated."
    ]
    neither = changes.verdict_sentences(snap("2017-09-30", {}), snap("2017-10-31", {}))
    assert neither[0].startswith("No month has a verdict in this briefing or the last")


# -------------------------------------------------------------- on a briefing context


def test_a_snapshot_records_what_the_briefing_used() -> None:
    ctx = context(as_of="2017-10-31")
    data = snapshot(ctx)
    assert json.loads(json.dumps(data)) == data  # plain JSON values
    assert sorted(data["events"]) == ["KHM-001", "KHM-002", "KHM-009", "KHM-011"]
    assert (
        data["severity_total"]
        == {
            "total": escalation.severity_total(ctx.events).total,
            "n_acts": 3,
        }
        == {"total": 17.0, "n_acts": 3}
    )
    arrest = data["events"]["KHM-001"]
    assert (arrest["date"], arrest["event_type"], arrest["first_reported"]) == (
        "2017-09-03",
        "arrest",
        "2017-09-04",
    )
    assert arrest["in_window"] and arrest["severity"] == 6.0
    assert data["cutoff"] == "2017-10-20" and data["as_of"] == "2017-10-31"
    narrow = snapshot(context(as_of="2017-10-31", start_date="2017-01-01"))
    assert not narrow["events"]["KHM-009"]["in_window"]  # July 2016: known, not in window


def flat(section: changes.SinceLast) -> dict[str, list[str]]:
    return dict(section.groups)


def test_the_section_lists_what_was_first_reported_since_and_nothing_older() -> None:
    before = snapshot(context(as_of="2017-10-31"))
    section = since_last(context(as_of="2017-12-31"), before, before["as_of"])
    assert section.intro == (
        "Compared with the last briefing of this series, as of 31 October 2017 (latest source "
        "20 October 2017); this one is as of 31 December 2017 (latest source 7 December 2017)."
    )
    groups = flat(section)
    assert groups["New crackdown acts"] == [
        "16 November 2017: The Supreme Court dissolved the CNRP (KHM-003; first reported 17 "
        "November 2017).",
        "26 November 2017: Hun Sen called for CCHR to be closed (KHM-005; first reported 28 "
        "November 2017).",
    ]
    assert groups["New international responses"] == [
        "6 December 2017: The US cut election aid (KHM-004; first reported 7 December 2017)."
    ]
    text = " ".join(s for sentences in groups.values() for s in sentences)
    for old in ("KHM-001", "KHM-002", "KHM-009", "KHM-011"):
        assert old not in text
    assert groups["Corrections"] == ["No event of either briefing was corrected or removed."]
    assert groups["Severity and verdict"][0] == (
        "Severity total: 30 points from 5 acts, up from 17 points from 3 acts in the last "
        "briefing (+13 points: +13 from newly reported acts)."
    )


def test_a_correction_is_reported_with_what_changed() -> None:
    before = snapshot(context(as_of="2017-10-31"))
    # the arrest's day was found doubtful: coded to the month instead
    rows = [(*r[:1], "2017-09", "month", *r[3:]) if r[0] == "KHM-001" else r for r in ROWS]
    section = since_last(context(rows, as_of="2017-10-31"), before, before["as_of"])
    groups = flat(section)
    assert groups["Corrections"] == [
        "KHM-001, Kem Sokha arrested: date from 3 September 2017 to September 2017 "
        "(corrected since the last briefing).",
    ]
    assert groups["New events"] == [
        "No event in the window was first reported since the last briefing of 31 October "
        "2017 in these sources."
    ]


def test_an_actor_correction_and_a_removal_are_reported() -> None:
    before = snapshot(context(as_of="2017-10-31"))
    rows = [(*r[:5], "Police", *r[6:]) if r[0] == "KHM-011" else r for r in ROWS]
    rows = [r for r in rows if r[0] != "KHM-002"]
    groups = flat(since_last(context(rows, as_of="2017-10-31"), before, before["as_of"]))
    fixes = groups["Corrections"]
    assert fixes[0].startswith("KHM-011, ") and fixes[0].endswith(
        ": actor from Hun Sen to Police (corrected since the last briefing)."
    )
    assert fixes[1] == (
        "KHM-002, Statement by United States (September 2017), counted in the last briefing, "
        "is no longer in the data."
    )


def test_the_first_briefing_of_a_series_has_nothing_to_compare_with() -> None:
    ctx = context(as_of="2017-10-31")
    section = since_last(ctx, None)
    assert section.intro == changes.FIRST_OF_SERIES and section.groups == []
    old = since_last(ctx, None, "2017-09-30")
    assert "as of 30 September 2017, did not record what it used" in old.intro
    assert old.groups == []
    other = since_last(ctx, {"version": 99, "as_of": "2017-09-30", "events": {}})
    assert other.intro == old.intro and other.groups == []


@pytest.mark.parametrize("as_of", ["2017-10-31", "2018-12-31"])
def test_comparing_a_briefing_with_itself_finds_no_change(as_of: str) -> None:
    ctx = context(as_of=as_of)
    same = snapshot(ctx)
    result = compare(same, snapshot(ctx))
    assert (result.new, result.added_late, result.corrected, result.removed) == ((), (), (), ())
    assert flat(since_last(ctx, same, as_of))["Severity and verdict"][0].startswith(
        "Severity total unchanged since the last briefing"
    )
