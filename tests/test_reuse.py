"""Tests of what readers reuse: the data package, the downloads, the corrections log, the citations
and the Figures page's entries."""
from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from frictionless import Package
from helpers import DATA, ROOT, assert_problem, edit_cell, problems_in, read_table, write_table
from pybtex.database import parse_string

from prisons import cli, paths, report
from prisons.book import cite, downloads, reference, site
from prisons.evidence import datapackage, load_evidence, qualifiers, schema


# ---------------------------------------------------------------------------- data package


def _frictionless_errors(data_dir) -> list[str]:
    report = Package(str(data_dir / paths.DATAPACKAGE_FILE)).validate()
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + \
        [error.message for error in report.errors]


def test_datapackage_validates_the_real_data_with_frictionless():
    assert _frictionless_errors(DATA) == []


def test_datapackage_describes_every_table_and_column(evidence):
    package = json.loads((DATA / paths.DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    by_path = {resource["path"]: resource for resource in package["resources"]}
    assert set(by_path) == set(paths.TABLE_FILES.values())
    for name, file_name in paths.TABLE_FILES.items():
        header, _ = read_table(DATA / file_name)
        fields = by_path[file_name]["schema"]["fields"]
        assert [field["name"] for field in fields] == header, file_name
        assert all(field["description"] for field in fields), file_name
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert {source["path"] for source in package["sources"]} == set(evidence.sources["url"])


@pytest.mark.parametrize("file, row, column, bad", [
    ("figures.csv", "amnesty-capacity", "qualifier", "roughly"),
    ("figures.csv", "amnesty-capacity", "source_id", "amnesty-typo"),
    ("figures.csv", "amnesty-capacity", "value", "eighty"),
    ("events.csv", "parsilon-riot-escape", "date", "March 2020"),
])
def test_datapackage_schema_rejects_what_the_check_rejects(data_copy, file, row, column, bad):
    """The published schema has teeth: frictionless alone finds each of these faults."""
    edit_cell(data_copy / file, row, column, bad)
    errors = _frictionless_errors(data_copy)
    assert errors, f"frictionless accepted {column}={bad!r} in {file}"


def test_stale_datapackage_fails_the_check(data_copy, capsys):
    package = json.loads((data_copy / paths.DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    package["resources"][1]["schema"]["fields"][0]["description"] = "edited by hand"
    (data_copy / paths.DATAPACKAGE_FILE).write_text(json.dumps(package), encoding="utf-8")
    assert cli.check(data_copy) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].endswith("datapackage.json: is out of date with the data dictionary (prisons/evidence/schema.py) or "
                             "CITATION.cff; run `python -m prisons datapackage`")
    assert lines[1].startswith("check failed: 1 problem(s) in ")


def test_datapackage_command_refuses_bad_data_and_writes_nothing(data_copy, capsys):
    edit_cell(data_copy / "figures.csv", "amnesty-capacity", "value", "eighty")
    (data_copy / paths.DATAPACKAGE_FILE).unlink()
    assert cli.write_datapackage(data_copy) == 1
    assert "figures.csv: row amnesty-capacity, column value" in capsys.readouterr().err
    assert not (data_copy / paths.DATAPACKAGE_FILE).exists()


def test_datapackage_command_writes_what_the_check_expects(data_copy, capsys):
    (data_copy / paths.DATAPACKAGE_FILE).unlink()
    assert cli.write_datapackage(data_copy) == 0
    assert (data_copy / paths.DATAPACKAGE_FILE).read_bytes() == (DATA / paths.DATAPACKAGE_FILE).read_bytes()


def test_datapackage_is_generated_from_the_data_dictionary(evidence):
    package = datapackage.build(evidence.sources, report.record())
    figures = next(r for r in package["resources"] if r["path"] == "figures.csv")
    qualifier = next(f for f in figures["schema"]["fields"] if f["name"] == "qualifier")
    assert qualifier["constraints"]["enum"] == ["exact", "approximately", "at least", "more than", "range", "vague"]
    assert qualifier["constraints"]["enum"] == list(qualifiers.QUALIFIERS)
    assert figures["schema"]["primaryKey"] == ["figure_id"]
    assert figures["schema"]["foreignKeys"] == [{"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}]


# ---------------------------------------------------------------------------- corrections


CORRECTION_HEADER = ["date", "figure_id", "column", "old_value", "new_value", "reason"]


def test_corrections_log_has_its_format():
    header, _ = read_table(DATA / paths.TABLE_FILES["corrections"])
    assert header == CORRECTION_HEADER == [c.name for c in schema.TABLES["corrections"].columns]


def test_an_empty_corrections_log_is_valid_and_says_so(data_copy):
    write_table(data_copy / "corrections.csv", CORRECTION_HEADER, [])
    assert problems_in(data_copy) == []
    empty = load_evidence(data_copy).corrections
    assert reference.corrections_log(empty).data == "No published figure has been corrected yet."


def _correct(data_dir, log_row: dict[str, str] | None = None) -> str:
    """Change the note of one figure in the table and log it; ``log_row`` overrides log cells.
    Returns the log row's line ("line 40")."""
    new = "A corrected note."
    old = edit_cell(data_dir / "figures.csv", "amnesty-capacity", "note", new)
    header, rows = read_table(data_dir / "corrections.csv")
    rows.append({"date": "2026-11-23", "figure_id": "amnesty-capacity", "column": "note", "old_value": old,
                 "new_value": new, "reason": "a test correction"} | (log_row or {}))
    write_table(data_dir / "corrections.csv", header, rows)
    return f"line {len(rows) + 1}"


def test_recorded_correction_passes_and_is_loaded(data_copy):
    _correct(data_copy)
    assert problems_in(data_copy) == []
    corrections = load_evidence(data_copy).corrections
    assert list(corrections["figure_id"])[-1] == "amnesty-capacity"


def test_correction_that_disagrees_with_the_table_fails(data_copy):
    line = _correct(data_copy, {"new_value": "Something else."})
    assert_problem(data_copy, "corrections.csv", line, "new_value", "is not what figures.csv now holds")


def test_second_correction_must_start_from_what_the_first_left(data_copy):
    _correct(data_copy)
    edit_cell(data_copy / "figures.csv", "amnesty-capacity", "note", "Corrected twice.")
    header, rows = read_table(data_copy / "corrections.csv")
    rows.append({"date": "2026-11-24", "figure_id": "amnesty-capacity", "column": "note", "old_value": "Not the last value.",
                 "new_value": "Corrected twice.", "reason": "a second test correction"})
    write_table(data_copy / "corrections.csv", header, rows)
    assert_problem(data_copy, "corrections.csv", f"line {len(rows) + 1}", "old_value", "previous correction")


def test_correction_that_changes_nothing_fails(data_copy):
    line = _correct(data_copy, {"old_value": "A corrected note."})
    assert_problem(data_copy, "corrections.csv", line, "new_value", "is the same as old_value")


@pytest.mark.parametrize("column, bad, message", [
    ("figure_id", "amnesty-capacityy", "is not a figure_id"), ("column", "values", "is not one of"),
    ("date", "23 November 2026", "is not a day written YYYY-MM-DD"), ("reason", "", "is empty"),
])
def test_malformed_correction_fails(data_copy, column, bad, message):
    line = _correct(data_copy, {column: bad})
    assert_problem(data_copy, "corrections.csv", line, column, message)


# ---------------------------------------------------------------------------- citations


def test_bibtex_parses_and_carries_the_record():
    record = report.record()
    entry = parse_string(cite.bibtex(record), "bibtex").entries[cite.CITATION_KEY]
    assert entry.fields["title"].strip("{}") == record["title"]
    assert entry.fields["version"] == record["version"]
    assert entry.persons["author"][0].last_names == ["{" + record["authors"][0]["name"] + "}"]


def test_csl_json_renders_with_a_csl_processor():
    record = report.record()
    style = CitationStylesStyle(cite.STYLE, validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(cite.csl_json(record)), formatter.plain)
    bibliography.register(Citation([CitationItem(cite.CITATION_KEY)]))
    text = str(bibliography.bibliography()[0])
    assert record["title"] in text and str(record["date-released"])[:4] in text


def test_every_citation_follows_the_one_record(tmp_path, evidence):
    """Edit CITATION.cff and every derived citation changes with it."""
    record = yaml.safe_load(paths.CITATION.read_text(encoding="utf-8"))
    record |= {"version": "9.8.7", "title": "A retitled report", "url": "https://example.org/report/"}
    edited = tmp_path / "CITATION.cff"
    edited.write_text(yaml.safe_dump(record), encoding="utf-8")
    derived = report.record(edited)
    texts = [cite.bibtex(derived), json.dumps(cite.csl_json(derived)), cite.plain(derived)]
    for text in texts:  # the address without its trailing slash, as every link is built on it
        assert "A retitled report" in text and "https://example.org/report" in text and "report/" not in text
    assert all("9.8.7" in text for text in (texts[0], texts[1], texts[2]))
    package = datapackage.build(evidence.sources, derived)
    assert package["title"] == "A retitled report" and package["version"] == "9.8.7"


def test_figure_citation_names_the_figure_who_states_and_reports_it_and_the_permalink(evidence):
    row = evidence.figures.loc["amnesty-capacity"]
    source = evidence.sources.loc[row["source_id"]]
    text = cite.figure(report.record(), row, source, "https://example.org/chapters/figures.html#amnesty-capacity")
    for expected in ("85,000 places", row["what"], row["stated_by"], source["publisher"], report.record()["title"],
                     "https://example.org/chapters/figures.html#amnesty-capacity"):
        assert expected in text, expected


def test_figure_citation_in_full_with_the_date_the_figure_refers_to(evidence):
    row = evidence.figures.loc["amnesty-population-2020-06"]
    record = {"title": "The report", "version": "1.2.3"}
    text = cite.figure(record, row, evidence.sources.loc[row["source_id"]], "https://example.org/f.html#x")
    assert text == (
        "around 211,000 prisoners: prison population, 13 June 2020. Stated by officials (recent official statements), "
        "as reported by Amnesty International. Source: Amnesty International, July 2020. "
        "Cited from: The report, version 1.2.3, https://example.org/f.html#x")
    local = cite.figure(record, row, evidence.sources.loc[row["source_id"]], None)
    assert local.endswith("Cited from a local copy of The report, version 1.2.3, identifier amnesty-population-2020-06")


def test_permalinks_are_absolute_once_the_record_gives_the_books_address():
    assert site.permalink(None, "amnesty-capacity") is None
    assert (site.permalink("https://example.org/report/", "amnesty-capacity")
            == "https://example.org/report/chapters/figures.html#amnesty-capacity")


def test_citation_cff_has_what_cff_requires_and_both_licences():
    record = report.record()
    for key in ("cff-version", "message", "title", "authors", "version", "date-released", "license"):
        assert record.get(key), key
    assert record["license"] == [report.DATA_LICENCE["name"], report.CODE_LICENCE["name"]]
    assert report.title() == record["title"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "CC BY 4.0" in (ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- the Figures page entries


def test_figures_page_shows_a_correction_beside_its_figure_and_in_the_log(data_copy):
    _correct(data_copy)
    evidence = load_evidence(data_copy)
    entry = reference.figure_entry(evidence.figures.loc["amnesty-capacity"], evidence.sources.loc["amnesty-leaked-letters"],
                                   evidence.corrections, report.record())
    assert "**Corrections:** 23 November 2026, note changed from" in entry and "a test correction" in entry
    log = reference.corrections_log(evidence.corrections).data
    assert "[amnesty-capacity](#amnesty-capacity)" in log and "A corrected note." in log


def test_figure_entry_has_every_field_the_page_promises(evidence):
    row = evidence.figures.loc["pmoi-guards-killed"]
    entry = reference.figure_entry(row, evidence.sources.loc[row["source_id"]], evidence.corrections, report.record())
    assert entry.startswith("(pmoi-guards-killed)=\n**2 to 3 prison guards**: ")
    for field in ("**Stated as:** “Two or three” (a range)", "**Date:**", "**Place:**", "**Stated by:** PMOI/MEK",
                  "**Quote:**", "**Source:**", "**Permalink:**", "**Cite as:**", "**Corrections:** "):
        assert field in entry, field
    assert 'href="#pmoi-guards-killed">identifier pmoi-guards-killed' in entry


def test_a_correction_with_markup_in_it_is_shown_as_written(data_copy):
    """A pipe in the log would split the corrections table's row; markup would render."""
    _correct(data_copy, {"reason": "a | b *c*"})
    log = reference.corrections_log(load_evidence(data_copy).corrections).data
    assert log.splitlines()[-1].endswith(r"| a \| b \*c\* |")


def test_downloads_are_the_tables_the_citations_the_record_and_the_sources():
    offered = downloads.files()
    assert sorted(offered) == sorted([*paths.TABLE_FILES.values(), report.WORKBOOK_NAME, paths.DATAPACKAGE_FILE,
                                      "citation.bib", "citation.json",
                                      "CITATION.cff", "LICENSE", "LICENSE-DATA.md",
                                      *(f"sources/{p.name}" for p in (DATA / "sources").glob("*.txt"))])
    assert offered["figures.csv"][1] == (DATA / "figures.csv").read_bytes()
    assert offered["citation.bib"][1] == cite.bibtex(report.record()).encode("utf-8")


# ---------------------------------------------------------------------------- no silent change


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _figures_table(text: str) -> dict[str, dict[str, str]]:
    return {row["figure_id"]: row for row in csv.DictReader(io.StringIO(text))}


def test_every_change_to_a_figure_since_the_log_began_is_logged(evidence):
    """Walk every committed version of figures.csv since corrections.csv was added, then the
    working copy: a changed cell of an existing figure must have its row in the log, and no
    figure may disappear."""
    if subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=ROOT, capture_output=True).returncode:
        pytest.skip("not a git checkout: there is no history to compare")
    corrections_path, figures_path = "data/corrections.csv", "data/figures.csv"
    added = _git("log", "--diff-filter=A", "--format=%H", "--", corrections_path).split()
    if not added:
        pytest.skip("the history does not reach the commit that began the log (a shallow clone?)")
    log_began = added[-1]
    revisions = [log_began] + _git("rev-list", "--reverse", f"{log_began}..HEAD", "--", figures_path).split()
    versions = [_figures_table(_git("show", f"{rev}:{figures_path}")) for rev in revisions]
    versions.append(_figures_table((ROOT / figures_path).read_text(encoding="utf-8")))
    logged = {(r["figure_id"], r["column"], r["old_value"], r["new_value"])
              for _, r in evidence.corrections.iterrows()}
    unlogged = []
    for before, after in zip(versions, versions[1:]):
        assert set(before) <= set(after), f"figures removed: {sorted(set(before) - set(after))}"
        for figure_id, old_row in before.items():
            for column, old in old_row.items():
                new = after[figure_id].get(column, "")
                if new != old and (figure_id, column, old, new) not in logged:
                    unlogged.append(f"{figure_id} {column}: {old!r} -> {new!r}")
    assert unlogged == [], "changes to published figures missing from corrections.csv:\n" + "\n".join(unlogged)
