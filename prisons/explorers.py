"""The ipywidgets explorers, for people re-running the notebooks in JupyterLab (``make lab``): the
same computations as the stories, with controls that offer only what the sources support. They
need a running kernel, so the static book shows charts instead.
"""
from __future__ import annotations

import pandas as pd

from .fmt import ENGLISH, count, decimal, localize, percent
from .i18n import tr
from .stories import ids, request, shortfall
from .stories.base import carried, described, require, value


def request_choices(figures: pd.DataFrame, lang: str = ENGLISH) -> tuple[list[tuple[str, float]], tuple[int, int]]:
    """The explorer's population counts (label, count) and the bounds of its days slider.

    The controls offer only these, so none can reach a zero or negative population or number of
    days; data that would offer one is refused here rather than shown as a division by zero.
    """
    require(request.__name__, request.FIGURES, figures=figures)
    populations = [(described(figures, pid, lang), value(figures, pid)) for pid in ids.POPULATIONS]
    shortest, longest = request.request_days(figures)
    if min(p for _, p in populations) <= 0 or shortest <= 0:
        raise ValueError(f"the explorer needs positive populations and days, got {populations} and {shortest} days")
    return populations, (shortest, longest)


def request_explorer(figures: pd.DataFrame, lang: str = ENGLISH):
    """The March request: ipywidgets controls for population basis, days and item, showing one prisoner's daily share."""
    import ipywidgets as widgets

    populations, (shortest, longest) = request_choices(figures, lang)
    population = widgets.Dropdown(options=populations, value=request.headline_basis(figures)["population"], description=tr("Population", lang))
    # A bounded slider: ipywidgets clamps any value outside [shortest, longest] to the nearer bound.
    days = widgets.IntSlider(value=longest, min=shortest, max=longest, description=tr("Days", lang))
    items = request.per_prisoner(figures).drop_duplicates("figure_id").set_index("item")
    item = widgets.Dropdown(options=[(tr(i, lang), i) for i in items.index], description=tr("Item", lang))
    result = widgets.HTML()

    def update(_change=None) -> None:
        row = items.loc[item.value]
        share = request.per_prisoner_per_day(row["share_quantity"], population.value, days.value)
        words = next(carried(figures, (), (pid,), lang) for pid in ids.POPULATIONS if value(figures, pid) == population.value)
        result.value = f"<b>{words}{decimal(share, 3, lang)}</b> {tr(row['share_unit'], lang)} {tr('per prisoner per day, on average', lang)}"

    for control in (population, days, item):
        control.observe(update, names="value")
    update()
    return widgets.VBox([population, slider_in(days, lang), item, result])


def shortfall_words(needed: float, requested: float, words: str, lang: str = ENGLISH) -> str:
    """The explorer's result: a hypothetical shortfall where the request falls short of the need, a
    surplus where it covers it (never "a shortfall of 0")."""
    template = ("An estimate: a hypothetical need of <b>{words}{need}</b> masks; the request covers <b>{words}{coverage}</b>, "
                "a hypothetical shortfall of <b>{words}{gap}</b>. The benchmark is your assumption, not a sourced norm.")
    if requested >= needed:
        template = ("An estimate: a hypothetical need of <b>{words}{need}</b> masks; the request covers <b>{words}{coverage}</b>, "
                    "a surplus of <b>{words}{gap}</b> over it. The benchmark is your assumption, not a sourced norm.")
    return tr(template, lang).format(words=words, need=count(needed, lang), coverage=percent(shortfall.coverage(requested, needed), 1, lang),
                                     gap=count(abs(needed - requested), lang))


def shortfall_explorer(figures: pd.DataFrame, lang: str = ENGLISH):
    """The request against a benchmark: ipywidgets controls for the benchmark, the population basis and
    the days; bounded, never zero."""
    import ipywidgets as widgets

    shortest, longest = request.request_days(figures)
    requested = value(figures, ids.REQUEST_MASKS)
    benchmark = widgets.FloatSlider(value=shortfall.BENCHMARK_DEFAULT, min=shortfall.BENCHMARK_MIN, max=shortfall.BENCHMARK_MAX, step=shortfall.BENCHMARK_STEP,
                                    description=tr("Masks/day", lang))
    basis = widgets.Dropdown(options=[(described(figures, b, lang), b) for b in ids.POPULATIONS],
                             value=ids.POPULATION_2020, description=tr("Population", lang))
    days = widgets.IntSlider(value=longest, min=shortest, max=longest, description=tr("Days", lang))
    result = widgets.HTML()

    def update(_change=None) -> None:
        needed = shortfall.need(benchmark.value, value(figures, basis.value), days.value)
        words = carried(figures, (basis.value,), lang=lang)
        result.value = shortfall_words(needed, requested, words, lang)

    for control in (benchmark, basis, days):
        control.observe(update, names="value")
    update()
    return widgets.VBox([slider_in(benchmark, lang), basis, slider_in(days, lang), result])


def slider_in(slider, lang: str = ENGLISH):
    """A slider whose value reads in ``lang``'s digits: ipywidgets writes its readout with d3-format,
    in Latin digits only, so in another language the readout is a label the slider keeps current."""
    import ipywidgets as widgets

    if lang == ENGLISH:
        return slider
    slider.readout = False
    readout = widgets.Label()

    def show(_change=None) -> None:
        readout.value = localize(f"{slider.value:g}", lang)

    slider.observe(show, names="value")
    show()
    return widgets.HBox([slider, readout])
