"""The single page made ready for paper before it is printed: links that work in a PDF passed
along, and a cover.

The page is served on a loopback server, so every link into the book resolves to that server's
address, which is dead for anyone who receives the PDF. Before printing, a link to a place in
the page (the singlehtml build writes them as ``chapters/<page>.html#anchor``) becomes ``#anchor`` (Chromium writes it as a link inside the PDF); a link to another file
of the book (a download, the index) points to the published site when an address is set
(``report.site_url``), and is left as plain text when none is. Permalinks and citations already show
the published address, or the entry's identifier (``reference``). Links to other sites are left as
they are. The cover names the publisher and the contact for corrections when ``CITATION.cff`` gives them.
"""
from __future__ import annotations

from datetime import date

from .. import report

LINKS_JS = r"""(site) => {
  const here = location.href.split("#")[0];
  const root = here.slice(0, here.lastIndexOf("/") + 1);
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


def cover_lines(record: dict) -> list[tuple[str, str, str | None]]:
    """The cover: title, version and release date, the publisher, the published address and the
    contact for corrections when the record gives them, the licences."""
    released = date.fromisoformat(str(record["date-released"]))
    data, code = report.DATA_LICENCE, report.CODE_LICENCE
    lines = [("h1", record["title"], None),
             ("p", f"Version {record['version']}, released {released.day} {released:%B %Y}", None)]
    if report.publisher(record):
        lines.append(("p", f"Published by {report.publisher(record)}", None))
    if record.get("url"):
        lines.append(("p", record["url"], record["url"]))
    lines += [("p", f"Corrections: {email}", f"mailto:{email}") for email in report.contacts(record)]
    lines += [("p", f"Text, charts and data: {data['title']} ({data['name']})", data["path"]),
              ("p", f"Code: {code['title']} ({code['name']})", code["path"])]
    return lines


def prepare(page) -> None:
    """Make the loaded page ready to print: its links, then its cover."""
    record = report.record()
    page.evaluate(LINKS_JS, record.get("url"))
    page.evaluate(COVER_JS, cover_lines(record))
