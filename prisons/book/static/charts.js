// Each chart arrives as its static picture (prisons/chart_output.py), complete and legible; the
// interactive chart is drawn only when the reader asks for it, with the button beside the chart
// (a tap, a click, Enter or Space), never by itself: its bundle is the heaviest file of the book,
// and a reader on a slow or metered line decides whether to fetch it. The spec is read from the
// chart's JSON data block; the vendored bundle is loaded once, as a classic script, so pages work
// from file://. No eval: Vega's expressions run in its interpreter ("ast"), as a strict CSP
// requires. On paper (print media) the static picture stays, and the button is not printed.
(() => {
  "use strict";
  const OPTIONS = {
    renderer: "svg", actions: false, ast: true,
    // vega-embed and vega-tooltip would inject <style> elements, which a CSP forbids: charts.css has the rules.
    defaultStyle: false, tooltip: { disableDefaultStyle: true },
  };
  let bundle = null;
  // SVG lays a <text> out left to right whatever its letters: a right-to-left mark at each end of
  // a Persian line puts its numbers and punctuation where a Persian reader expects them. Vega
  // rewrites a text when its value changes, so every rewrite is marked again (the static picture
  // is marked when drawn: prisons/chart_output.py).
  const RLM = "\u200f";
  const ARABIC_SCRIPT = /[\u0600-\u06ff]/;

  function markRightToLeft(root) {
    for (const line of root.querySelectorAll("text, tspan")) {
      const words = line.childElementCount ? "" : line.textContent;
      if (ARABIC_SCRIPT.test(words) && !words.startsWith(RLM)) line.textContent = RLM + words + RLM;
    }
  }

  function keepRightToLeft(live) {
    markRightToLeft(live);
    new MutationObserver(() => markRightToLeft(live))
      .observe(live, { subtree: true, childList: true, characterData: true });
  }

  function loadBundle(src) {
    bundle ??= new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(window.vegaEmbed);
      script.onerror = () => { bundle = null; reject(new Error("the chart bundle did not load: " + src)); };
      document.head.append(script);
    });
    return bundle;
  }

  async function draw(chart, button) {
    if (chart.dataset.state !== "static") return;
    chart.dataset.state = "loading";
    button.disabled = true;
    const pictures = chart.querySelectorAll(".prisons-chart-static");
    const live = document.createElement("div");
    live.className = "prisons-chart-live";
    live.tabIndex = -1;
    try {
      const root = document.documentElement.dataset.content_root ?? "../";
      const vegaEmbed = await loadBundle(root + chart.dataset.bundle);
      const spec = JSON.parse(chart.querySelector("script.prisons-chart-spec").textContent);
      pictures[pictures.length - 1].after(live);
      await vegaEmbed(live, spec, OPTIONS);
      if (document.documentElement.dir === "rtl") keepRightToLeft(live);
      pictures.forEach((picture) => picture.remove());
      live.classList.add("drawn");
      chart.dataset.state = "drawn";
      button.remove();
      live.focus({ preventScroll: true });
    } catch (error) {
      live.remove();
      chart.dataset.state = "static";  // the picture stays; the reader may ask again
      button.disabled = false;
      throw error;
    }
  }

  function start() {
    if (matchMedia("print").matches) return;
    for (const chart of document.querySelectorAll("div.prisons-chart[data-state=static]")) {
      const button = chart.querySelector("button.prisons-chart-open");
      if (!button) continue;
      button.hidden = false;  // without scripts it could do nothing, so it shows only with them
      button.addEventListener("click", () => draw(chart, button));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
