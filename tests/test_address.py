"""One published address, set in one place (issue 26): CITATION.cff's ``url``, or ``SITE_URL`` for
one build. Every absolute address the book prints comes from it, and a build without one prints
none: its citations say they come from a local copy and give the identifier. No build here: the
built pages (no address set) are read in test_book_build.py and test_browser.py."""
from __future__ import annotations

import json

import pytest

from prisons import report
from prisons.book import about, cite, reference, share, site
from prisons.evidence import load_evidence

SITE = "https://example.org/prisons"


@pytest.fixture
def published(monkeypatch):
    monkeypatch.setenv(report.SITE_URL_VARIABLE, SITE + "/")
    return report.record()


@pytest.fixture
def unpublished(monkeypatch):
    monkeypatch.delenv(report.SITE_URL_VARIABLE, raising=False)
    record = report.record()
    assert not record.get("url"), "CITATION.cff sets a url: these tests assume the repository's own, which does not"
    return record


def test_the_build_variable_overrides_the_record_and_loses_its_slash(published):
    assert report.site_url() == SITE and published["url"] == SITE


@pytest.mark.parametrize("address", ["file:///home/me/book", "http://127.0.0.1:8000", "https://x.org/a b", "javascript:alert(1)"])
def test_an_address_that_is_not_a_plain_https_one_is_refused(monkeypatch, address):
    from prisons.untrusted import UntrustedInput

    monkeypatch.setenv(report.SITE_URL_VARIABLE, address)
    with pytest.raises(UntrustedInput, match="is not a plain https:// address"):
        report.site_url()


def _amnesty_capacity(record, lang="en"):
    evidence = load_evidence()
    row = evidence.figures.loc["amnesty-capacity"]
    return reference.figure_entry(row, evidence.sources.loc[row["source_id"]], evidence.corrections, record, lang)


def test_a_figure_cites_its_published_address(published):
    entry = _amnesty_capacity(published).replace("\\", "")  # as rendered: no Markdown escapes
    address = f"{SITE}/chapters/figures.html#amnesty-capacity"
    assert f'<a class="prisons-permalink" href="#amnesty-capacity">{address}</a>' in entry
    assert f"Cited from: COVID-19 in Iran's prisons, 2020, version 1.1.0, {address}</span>" in entry


def test_the_persian_edition_cites_its_own_address(published):
    assert f"{SITE}/fa/chapters/figures.html#amnesty-capacity" in _amnesty_capacity(published, "fa")


def test_without_an_address_a_figure_cites_a_local_copy_and_its_identifier(unpublished):
    entry = _amnesty_capacity(unpublished).replace("\\", "")
    assert "identifier amnesty-capacity (this copy names no published address)</a>" in entry
    assert "Cited from a local copy of COVID-19 in Iran's prisons, 2020, version 1.1.0, identifier amnesty-capacity</span>" in entry
    assert "http://" not in entry and "file:" not in entry


def test_the_citation_files_carry_the_address_when_set(published, unpublished):
    files = cite.files(published)
    assert f"url = {{{SITE}}}" in files["citation.bib"]
    assert json.loads(files["citation.json"])[0]["URL"] == SITE
    assert f'url: "{SITE}"' in files["CITATION.cff"].splitlines()
    import yaml
    assert yaml.safe_load(files["CITATION.cff"])["url"] == SITE


def test_the_citation_files_carry_no_address_when_none_is_set(unpublished):
    files = cite.files(unpublished)
    assert "url" not in files["citation.bib"] and "URL" not in files["citation.json"]
    assert "\nurl:" not in files["CITATION.cff"]


def test_the_sitemap_lists_every_page_at_its_address_with_its_twin(published):
    text = share.sitemap(["chapters/figures", "index"], f"{SITE}/", "en")
    assert f"<loc>{SITE}/chapters/figures.html</loc>" in text
    assert f'hreflang="fa" href="{SITE}/fa/chapters/figures.html"' in text


def test_about_names_the_publisher_and_contact_when_the_record_gives_them(published):
    record = {**published, "contact": [{"name": "A Publisher", "email": "corrections@example.org"}]}
    text = about.who(record).data
    assert text.startswith("**Published by:** A Publisher.")
    assert "mailto:corrections@example.org" in text and f"<{SITE}>" in text
    assert about.FOR_A_PUBLISHER not in text


def test_about_tells_a_publisher_how_to_set_what_is_unset(unpublished):
    text = about.who(unpublished).data
    assert about.FOR_A_PUBLISHER in text and "Published by" not in text
    assert report.unset_accountability(unpublished) == [
        "url (or SITE_URL)", "contact (a publisher's name and an e-mail for corrections)"]


def test_a_permalink_is_none_without_an_address():
    assert site.permalink(None, "x") is None
    assert site.permalink(SITE, "x", page="methods.html", lang="fa") == f"{SITE}/fa/chapters/methods.html#x"


def test_a_new_address_runs_the_chapters_again(monkeypatch):
    """The address is in every chapter's fingerprint, so citations never keep an old one."""
    from prisons.book import fingerprints

    monkeypatch.delenv(report.SITE_URL_VARIABLE, raising=False)
    local = fingerprints.fingerprint("figures")
    monkeypatch.setenv(report.SITE_URL_VARIABLE, SITE)
    assert fingerprints.fingerprint("figures") != local


def test_the_makefile_remakes_the_book_when_the_address_changes(tmp_path):
    """`make book SITE_URL=…` rewrites the address's stamp (as make reads the Makefile), which the book depends on, only on a change."""
    import subprocess

    from prisons import paths

    stamp = "_build/.site-url"
    def make(*args):
        return subprocess.run(["make", "-s", "-f", str(paths.ROOT / "Makefile"), stamp, *args], cwd=tmp_path,
                              capture_output=True, text=True)
    assert make(f"SITE_URL={SITE}").returncode == 0
    assert (tmp_path / stamp).read_text() == SITE + "\n"
    mtime = (tmp_path / stamp).stat().st_mtime_ns
    make(f"SITE_URL={SITE}")
    assert (tmp_path / stamp).stat().st_mtime_ns == mtime
    make()
    assert (tmp_path / stamp).read_text().strip() == ""
    assert "$(BOOK): $(STAMP) $(BOOK_INPUTS) $(SITE_URL_STAMP)" in (paths.ROOT / "Makefile").read_text()
