// On the Figures page, show each permalink (and the one in each citation) as a full address
// that can be copied, built from wherever the book is served. Nothing is fetched.
document.addEventListener("DOMContentLoaded", () => {
  if (!location.pathname.endsWith("/figures.html")) return;
  const page = location.href.split("#")[0];
  for (const link of document.querySelectorAll("a.prisons-permalink")) {
    link.textContent = page + link.getAttribute("href");
  }
  for (const citation of document.querySelectorAll(".prisons-citation[data-permalink]")) {
    const relative = citation.dataset.permalink;
    citation.textContent = citation.textContent.replace(relative, page + "#" + relative.split("#")[1]);
  }
});
