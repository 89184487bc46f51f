"""Evidence, computations and charts for the report "COVID-19 in Iran's prisons, 2020".

The analyst's entry points (``prisons.api``): ``load``, ``figure``, ``value``, ``results``,
``computed_in``, ``for_chapter``. They are imported on first use, so that ``python3 -m
prisons.report`` (which the Makefile runs before any requirement is installed) needs only the
standard library.
"""
__all__ = ["Evidence", "Value", "computed_in", "figure", "for_chapter", "load", "results", "value"]


def __getattr__(name: str):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'prisons' has no attribute {name!r}")
