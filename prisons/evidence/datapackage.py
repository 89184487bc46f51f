"""``data/datapackage.json``: the tables described for reuse (Frictionless Data Package).

Generated from the data dictionary in ``prisons.schema`` and the sources table, never edited
by hand; ``make check`` fails when the committed file is out of date.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .. import paths, report
from . import schema

# Frictionless types and constraints for each kind of column in the data dictionary.
_FIELD_TYPES = {
    "text": {"type": "string"},
    "id": {"type": "string", "constraints": {"pattern": schema.ID_PATTERN}},
    "number": {"type": "number"},
    "integer": {"type": "integer", "constraints": {"minimum": 1}},
    "iso": {"type": "string", "format": "default", "constraints": {"pattern": schema.ISO_PATTERN}},
    "day": {"type": "date"},
    "url": {"type": "string", "format": "uri"},
    "sha256": {"type": "string", "constraints": {"pattern": schema.SHA256_PATTERN}},
    "file": {"type": "string", "constraints": {"pattern": schema.FILE_PATTERN}},
}


def _field(column: schema.Column) -> dict:
    kind = _FIELD_TYPES[column.kind]
    constraints = dict(kind.get("constraints", {}))
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.values:
        constraints["enum"] = list(column.values)
    field = {"name": column.name, "description": column.description, "type": kind["type"]}
    if "format" in kind:
        field["format"] = kind["format"]
    return field | ({"constraints": constraints} if constraints else {})


def _resource_name(table_name: str) -> str:
    return table_name.replace("_", "-")  # Frictionless names allow no underscore


def _resource(table: schema.Table) -> dict:
    table_schema = {"fields": [_field(c) for c in table.columns], "missingValues": [""]}
    if table.key:
        table_schema["primaryKey"] = [table.key]
    foreign = [{"fields": [c.name], "reference": {"resource": _resource_name(c.references.split(".")[0]),
                                                  "fields": [c.references.split(".")[1]]}}
               for c in table.columns if c.references]
    if foreign:
        table_schema["foreignKeys"] = foreign
    return {"name": _resource_name(table.name), "path": paths.TABLE_FILES[table.name], "title": table.title,
            "description": table.description, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema}


def build(sources: pd.DataFrame, record: dict) -> dict:
    """The data package: every table, its schema, the report's licences and the archived sources."""
    return {
        "name": "covid-19-iran-prisons-2020",
        "title": record["title"],
        "description": ("Every figure in two published texts on COVID-19 in Iran's prisons in 2020, each with its "
                        "verbatim quote, plus dated events, claims set against the evidence, the numbers that are "
                        "not figures, and the corrections log. The archived source texts, and the verbatim quotes "
                        "from them in the quote columns, are not covered by this package's licence: they remain "
                        "their publishers'."),
        "version": record["version"],
        "licenses": [report.DATA_LICENCE],
        "contributors": [{"title": author["name"], "role": "author"} for author in record["authors"]],
        "sources": [{"title": f"{row['publisher']}: {row['title']}", "path": row["url"]} for _, row in sources.iterrows()],
        "resources": [_resource(table) for table in schema.TABLES.values()],
    }


def render(package: dict) -> str:
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


def current(data_dir: Path, sources: pd.DataFrame) -> tuple[Path, str]:
    """Where the data package lives and what it should hold now."""
    return Path(data_dir) / paths.DATAPACKAGE_FILE, render(build(sources, report.record()))
