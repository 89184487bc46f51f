// Swap each chart's static picture for the interactive chart when it comes into view, or when
// the reader first touches or tabs into it. The spec is read from the chart's JSON data block
// (prisons/chart_output.py); the vendored bundle is loaded once, as a classic script, only when
// a chart needs it, so pages work from file:// and load no chart code for charts never seen.
// No eval: Vega's expressions run in its interpreter ("ast"), as a strict CSP requires. On paper
// (print media) the static picture stays.
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
      script.onerror = () => reject(new Error("the chart bundle did not load: " + src));
      document.head.append(script);
    });
    return bundle;
  }

  async function draw(chart) {
    if (chart.dataset.state !== "static") return;
    chart.dataset.state = "loading";
    const picture = chart.querySelector(".prisons-chart-static");
    const live = document.createElement("div");
    live.className = "prisons-chart-live";
    try {
      const root = document.documentElement.dataset.content_root ?? "../";
      const vegaEmbed = await loadBundle(root + chart.dataset.bundle);
      const spec = JSON.parse(chart.querySelector("script.prisons-chart-spec").textContent);
      picture.after(live);
      await vegaEmbed(live, spec, OPTIONS);
      if (document.documentElement.dir === "rtl") keepRightToLeft(live);
      picture.remove();
      live.classList.add("drawn");
      chart.dataset.state = "drawn";
    } catch (error) {
      live.remove();
      chart.dataset.state = "failed";
      throw error;
    }
  }

  function start() {
    const charts = [...document.querySelectorAll("div.prisons-chart[data-state=static]")];
    if (!charts.length || matchMedia("print").matches) return;
    const upgrade = (event) => draw(event.currentTarget);
    for (const chart of charts) {
      chart.addEventListener("pointerdown", upgrade, { once: true });
      chart.addEventListener("focusin", upgrade, { once: true });
    }
    if (!("IntersectionObserver" in window)) return charts.forEach(draw);
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries.filter((e) => e.isIntersecting)) {
        observer.unobserve(entry.target);
        draw(entry.target);
      }
    }, { rootMargin: "200px 0px" });
    charts.forEach((chart) => observer.observe(chart));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
