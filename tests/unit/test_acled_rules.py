"""The ACLED mapping as codebook data (schema-checked), the rules applied to records, ACLED
actor names against the registry, and the link rule's outcomes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from helpers.acled import names
from helpers.acled.linking import Side, match
from helpers.acled.mapping import map_record, mapping_lines
from helpers.dataset.actors import ActorRegistry
from helpers.dataset.codebook import load_codebook
from helpers.errors import InputError

REPO_CODEBOOK = Path(__file__).resolve().parents[2] / "data" / "codebook.yaml"
CODEBOOK = load_codebook(REPO_CODEBOOK)
REGISTRY = ActorRegistry.from_rows(
    [
        {"actor": "Cambodia National Rescue Party", "kind": "party", "aliases": "CNRP"},
        {"actor": "Kem Sokha", "kind": "person", "aliases": "Sokha"},
        {"actor": "Royal Government of Cambodia", "kind": "government", "aliases": ""},
    ]
)


def record(event_type, sub_event_type, inter1="", inter2="", actor1="X", assoc_actor_1=""):
    return {
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "inter1": inter1,
        "inter2": inter2,
        "actor1": actor1,
        "assoc_actor_1": assoc_actor_1,
    }


# ---------------------------------------------------------------------- the schema


def _broken(tmp_path, change) -> Path:
    data = yaml.safe_load(REPO_CODEBOOK.read_text(encoding="utf-8"))
    change(data["acled"])
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda a: a["rules"][0].update(event_type="Violence against civilian"),
            r"'Violence against civilian' is not an ACLED event type of acled.taxonomy",
        ),
        (
            lambda a: a["rules"][2].update(sub_event_types=["Excessive force"]),
            r"'Excessive force' is not a sub-event type of 'Protests'",
        ),
        (
            lambda a: a["rules"][0].update(actor1=["State force"]),
            r"'State force' is not an actor category of acled.inter_codes",
        ),
        (
            lambda a: a["rules"][0].update(maps_to="violent_represion"),
            r"acled: names event types the codebook lacks: \['violent_represion'\]",
        ),
        (
            lambda a: a["rules"].pop(),
            r"the last rule must have no condition",
        ),
        (
            lambda a: a["rules"].insert(0, {"maps_to": "unrest", "why": "x"}),
            r"only the last rule may have no condition",
        ),
        (
            lambda a: a["rules"][0].update(actor_1=["State forces"]),
            r"acled.rules.0.actor_1: Extra inputs are not permitted",
        ),
        (
            lambda a: a["actor_kinds"].update({"State forces": "army"}),
            r"acled.actor_kinds.State forces",
        ),
        (
            lambda a: a["compatible_types"].append(["arrest", "arest"]),
            r"names event types the codebook lacks: \['arest'\]",
        ),
    ],
)
def test_the_acled_section_is_schema_checked(tmp_path, change, message):
    with pytest.raises(InputError, match=message):
        load_codebook(_broken(tmp_path, change))


def test_every_acled_type_in_the_taxonomy_gets_a_rule_before_the_catch_all():
    catch_all = len(CODEBOOK.acled.rules)
    for acled_type, subs in CODEBOOK.acled.taxonomy.items():
        for sub in subs:
            for inter1 in ("State forces", "Civilians"):
                mapped = map_record(record(acled_type, sub, inter1), CODEBOOK, REGISTRY)
                assert mapped.rule_number < catch_all, (acled_type, sub, inter1)


# ----------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (record("Violence against civilians", "Attack", "State forces"), "violent_repression"),
        (record("Violence against civilians", "Attack", "Political militia"), "armed_violence"),
        (
            record("Violence against civilians", "Abduction/forced disappearance", "State forces"),
            "violent_repression",
        ),
        (
            record("Protests", "Excessive force against protesters", "Protesters", "State forces"),
            "violent_repression",
        ),
        (
            record("Protests", "Excessive force against protesters", "Protesters", "Rioters"),
            "unrest",
        ),
        (
            record("Protests", "Peaceful protest", "Protesters", assoc_actor_1="CNRP: X"),
            "protest",
        ),
        (
            record("Protests", "Peaceful protest", "Protesters", actor1="Protesters (Cambodia)"),
            "unrest",
        ),
        (record("Strategic developments", "Arrests", "State forces"), "arrest"),
        (record("Strategic developments", "Arrests", "Rebel group"), "other_development"),
        (record("Battles", "Armed clash", "State forces", "Rebel group"), "armed_violence"),
        (record("Riots", "Violent demonstration", "Rioters"), "unrest"),
    ],
)
def test_rules_map_acled_types_with_their_actor_conditions(row, expected):
    assert map_record(row, CODEBOOK, REGISTRY).event_type == expected


def test_a_type_acled_adds_later_lands_in_the_catch_all_and_is_named():
    row = record("Remote violence", "Shelling", "State forces")
    mapped = map_record(row, CODEBOOK, REGISTRY)
    assert (mapped.event_type, mapped.category) == ("other_development", "context")
    assert mapped.rule_number == len(CODEBOOK.acled.rules)
    [line] = mapping_lines([row], CODEBOOK, REGISTRY)
    assert line.startswith("Remote violence / Shelling [not in the codebook's ACLED taxonomy]")
    assert line.endswith("by rule 12 (any other ACLED type): 1")


# ------------------------------------------------------------------- actor names


@pytest.mark.parametrize(
    ("acled_name", "canonical"),
    [
        ("CNRP: Cambodia National Rescue Party", "Cambodia National Rescue Party"),
        ("Cambodia National Rescue Party (2012-2017)", "Cambodia National Rescue Party"),
        ("Royal Government of Cambodia (1993-)", "Royal Government of Cambodia"),
        ("Police Forces of Cambodia (1993-)", None),
        ("Civilians (Cambodia)", None),
    ],
)
def test_acled_names_resolve_through_the_registry(acled_name, canonical):
    assert names.resolve(acled_name, REGISTRY) == canonical


def test_actors_named_in_notes_are_found_as_whole_words():
    assert names.named_in("Sokhall met the CNRP", REGISTRY) == ["Cambodia National Rescue Party"]


# ------------------------------------------------------------------- the link rule

D = dt.date
SOKHA_DAY = D(2017, 9, 3)


def side(event_id, event_type="arrest", start=SOKHA_DAY, end=None, targets=(), known=True):
    return Side(
        event_id,
        frozenset({"cambodia"}),
        event_type,
        start,
        end or start,
        frozenset(targets),
        known,
    )


ACLED = CODEBOOK.acled
SOKHA = side("CAM1", targets=["Kem Sokha", "Cambodia National Rescue Party"], known=False)


def test_the_same_target_links():
    result = match(SOKHA, [side("KHM-011", targets=["Kem Sokha"])], ACLED)
    assert (result.outcome, result.event_id) == ("linked", "KHM-011")


def test_a_compatible_type_links_and_an_incompatible_one_does_not_count():
    assert match(SOKHA, [side("K1", "prosecution", targets=["Kem Sokha"])], ACLED).outcome == (
        "linked"
    )
    assert match(SOKHA, [side("K1", "threat", targets=["Kem Sokha"])], ACLED).outcome == "new"


def test_another_country_or_non_overlapping_dates_make_a_new_event():
    elsewhere = Side(
        "K1", frozenset({"laos"}), "arrest", D(2017, 9, 3), D(2017, 9, 3), SOKHA.targets
    )
    assert match(SOKHA, [elsewhere], ACLED).outcome == "new"
    later = side("K2", start=D(2017, 10, 1), end=D(2017, 10, 31), targets=["Kem Sokha"])
    assert match(SOKHA, [later], ACLED).outcome == "new"


def test_a_month_overlaps_a_day_inside_it():
    month = side("K3", start=D(2017, 9, 1), end=D(2017, 9, 30), targets=["Kem Sokha"])
    assert match(SOKHA, [month], ACLED).event_id == "K3"


def test_two_curated_events_with_the_same_target_go_to_review():
    both = [side("K1", targets=["Kem Sokha"]), side("K2", "prosecution", targets=["Kem Sokha"])]
    result = match(SOKHA, both, ACLED)
    assert (result.outcome, result.candidates) == ("review", ("K1", "K2"))


def test_targets_that_cannot_be_compared_go_to_review_known_different_ones_do_not():
    unknown = side("CAM2", targets=[], known=False)
    assert match(unknown, [side("K1", targets=["Kem Sokha"])], ACLED).outcome == "review"
    other = side("CAM3", targets=["Mu Sochua"], known=True)
    result = match(other, [side("K1", targets=["Kem Sokha"])], ACLED)
    assert (result.outcome, result.candidates) == ("new", ("K1",))
    no_target_coded = side("K1", targets=[])
    assert match(other, [no_target_coded], ACLED).outcome == "review"
