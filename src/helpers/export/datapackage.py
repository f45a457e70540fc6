"""A Frictionless data package (``datapackage.json``) describing every processed table.

Each table of :data:`helpers.dataset.tables.TABLES` becomes a tabular data resource: its
CSV file beside the descriptor, and a Table Schema with each column's type, meaning and
allowed values, the primary keys and the references' link to the articles. Empty cells
are missing values. ``frictionless validate datapackage.json`` checks the files against it.

>>> descriptor = package_descriptor()
>>> [r["name"] for r in descriptor["resources"]]
['articles', 'references', 'events']
>>> events = descriptor["resources"][2]["schema"]
>>> next(f for f in events["fields"] if f["name"] == "cameo_code")["type"]
'string'
"""

from __future__ import annotations

from typing import Any

from helpers.dataset.tables import TABLES, Field, Table

PACKAGE_NAME = "crackdown-briefings"
ACLED_TERMS = (
    "Events whose source_kind includes 'acled' come from ACLED exports "
    "(acleddata.com): ACLED's terms of use forbid redistributing its data, so share this "
    "package only as those terms allow."
)


def field_descriptor(field: Field) -> dict[str, Any]:
    """One Table Schema field."""
    out: dict[str, Any] = {"name": field.name, "type": field.type}
    out["description"] = field.description + (" (`;`-separated)" if field.listed else "")
    if field.type == "boolean":
        out |= {"trueValues": ["true"], "falseValues": ["false"]}
    if field.allowed:
        out["constraints"] = {"enum": list(field.allowed)}
    return out


def resource_descriptor(table: Table) -> dict[str, Any]:
    """One tabular data resource: the CSV file named after the table, and its schema."""
    schema: dict[str, Any] = {
        "fields": [field_descriptor(f) for f in table.fields],
        "missingValues": [""],
    }
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [own], "reference": {"resource": resource, "fields": [other]}}
            for own, resource, other in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def package_descriptor() -> dict[str, Any]:
    """The whole ``datapackage.json``."""
    return {
        "name": PACKAGE_NAME,
        "title": "Crackdown briefings: coded events, articles and references",
        "description": (
            "Events of a political crackdown and the international response, coded from "
            "news articles with the project's codebook and imported from ACLED exports. "
            + ACLED_TERMS
        ),
        "profile": "tabular-data-package",
        "resources": [resource_descriptor(t) for t in TABLES],
    }
