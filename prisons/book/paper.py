"""The single page made ready for paper before it is printed: links that work in a PDF passed
along, and a cover.

The page is served on a loopback server, so every link into the book resolves to that server's
address, which is dead for anyone who receives the PDF. Before printing, a link to a place in
the page (the singlehtml build writes them as ``chapters/<page>.html#anchor``) becomes ``#anchor`` (Chromium writes it as a link inside the PDF); a link to another file
of the book (a download, the index) points to the published site when ``CITATION.cff`` gives its
``url``, and is left as plain text when it does not; permalinks show the published address, or the
figure's identifier. Links to other sites are left as they are.
"""
from __future__ import annotations

from datetime import date

from .. import report
from . import site

LINKS_JS = r"""([site, figuresPage]) => {
  const here = location.href.split("#")[0];
  const root = here.slice(0, here.lastIndexOf("/") + 1);
  const permalink = anchor => site ? `${site}/${figuresPage}#${anchor}` : `${figuresPage.split("/").pop()}#${anchor}`;
  for (const link of document.querySelectorAll("a[href]")) {
    const url = new URL(link.getAttribute("href"), here);
    if (!["http:", "https:", "file:"].includes(url.protocol) || (url.protocol !== "file:" && url.origin !== location.origin)) continue;
    const path = url.href.split("#")[0];
    if (path.startsWith(root) && url.hash && document.getElementById(decodeURIComponent(url.hash.slice(1)))) {
      link.setAttribute("href", url.hash);
    } else if (site && path.startsWith(root)) {
      link.setAttribute("href", site + "/" + path.slice(root.length) + url.hash);
    } else {
      link.removeAttribute("href");
    }
  }
  for (const link of document.querySelectorAll("a.prisons-permalink")) {
    const anchor = link.hash.slice(1);
    link.textContent = permalink(anchor);
    if (site) link.setAttribute("href", link.textContent);
  }
  for (const citation of document.querySelectorAll(".prisons-citation[data-permalink]")) {
    const anchor = citation.dataset.permalink.split("#")[1];
    citation.textContent = citation.textContent.replace(new RegExp("\\S*#" + anchor), permalink(anchor));
  }
}"""

COVER_JS = """(lines) => {
  const cover = document.createElement("section");
  cover.className = "prisons-cover";
  cover.style.cssText = "break-after: page; padding-top: 30vh; text-align: center;";
  lines.forEach(([tag, text, href]) => {
    const line = document.createElement(tag);
    if (href) { const a = document.createElement("a"); a.href = href; a.textContent = text; line.append(a); }
    else line.textContent = text;
    cover.append(line);
  });
  const main = document.querySelector("main") || document.body;
  main.prepend(cover);
}"""


def site_url(record: dict) -> str | None:
    """The published site's address, from CITATION.cff, without a trailing slash; None if unset."""
    url = (record.get("url") or "").strip()
    return url.rstrip("/") or None


def cover_lines(record: dict) -> list[tuple[str, str, str | None]]:
    """The cover: title, version and release date, the site's address when known, the licences."""
    released = date.fromisoformat(str(record["date-released"]))
    data, code = report.DATA_LICENCE, report.CODE_LICENCE
    lines = [("h1", record["title"], None),
             ("p", f"Version {record['version']}, released {released.day} {released:%B %Y}", None)]
    if site_url(record):
        lines.append(("p", site_url(record), site_url(record)))
    lines += [("p", f"Text, charts and data: {data['title']} ({data['name']})", data["path"]),
              ("p", f"Code: {code['title']} ({code['name']})", code["path"])]
    return lines


def prepare(page) -> None:
    """Make the loaded page ready to print: its links, then its cover."""
    record = report.record()
    page.evaluate(LINKS_JS, [site_url(record), f"{site.CHAPTERS_FOLDER}/{site.FIGURES_PAGE}"])
    page.evaluate(COVER_JS, cover_lines(record))
