// Show each permalink on the page (and the one in each citation) as a full address that can be
// copied, built from wherever the book is served. Nothing is fetched; pages without permalinks
// are left alone, so this file knows nothing of the site's layout (prisons/book/site.py does).
document.addEventListener("DOMContentLoaded", () => {
  const links = document.querySelectorAll("a.prisons-permalink");
  if (!links.length) return;
  const page = location.href.split("#")[0];
  for (const link of links) {
    link.textContent = page + link.getAttribute("href");
  }
  for (const citation of document.querySelectorAll(".prisons-citation[data-permalink]")) {
    const relative = citation.dataset.permalink;
    citation.textContent = citation.textContent.replace(relative, page + "#" + relative.split("#")[1]);
  }
});
