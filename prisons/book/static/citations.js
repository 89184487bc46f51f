// The copy button beside each short citation (prisons/book/reference.py writes both, the button
// hidden until this script shows it, so a page read with scripts off offers no dead control).
// The Clipboard API where the page may use it; else the citation is selected and copied as a
// selection. Nothing is fetched, nothing evaluated: it works offline and under the page's policy.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.prisons-copy")) {
    const citation = button.previousElementSibling;
    if (!citation || !citation.classList.contains("prisons-citation")) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const text = citation.textContent;
      try {
        await navigator.clipboard.writeText(text);
      } catch {
        const range = document.createRange();
        range.selectNodeContents(citation);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        document.execCommand("copy");
      }
      button.textContent = button.dataset.copied;
      setTimeout(() => { button.textContent = button.dataset.copy; }, 2000);
    });
  }
});
