"""The exercises the book's page checks without a kernel, and their data for the page: one
:class:`~bpnet.exercises.spec.NumericAnswer` or :class:`~bpnet.exercises.spec.SymbolicAnswer` per exercise, collected
from each chapter's ``ANSWERS``; the book's extension (``_ext/bpnet_book/answers.py``) writes :func:`export_answers`
into the built site for ``bpnet/widgets/static/answers.js``."""
from __future__ import annotations

from importlib import import_module

from .spec import NumericAnswer, SymbolicAnswer

__all__ = ["CHAPTERS", "all_answers", "answer", "export_answers"]

CHAPTERS = ("ch01", "ch02", "ch03", "ch04", "ch05", "ch06", "ch07", "ch08", "ch09", "ch10", "ch11")


def all_answers() -> list[NumericAnswer | SymbolicAnswer]:
    """Every page-checkable exercise, in the book's order (a chapter without one has no ``ANSWERS``)."""
    return [a for ch in CHAPTERS for a in getattr(import_module(f"{__package__}.{ch}"), "ANSWERS", ())]


def answer(label: str) -> NumericAnswer | SymbolicAnswer:
    """The spec of exercise ``label`` (e.g. ``"ex-neuron-1"``)."""
    found = {a.label: a for a in all_answers()}
    if label not in found:
        raise KeyError(f"no page-checkable exercise {label!r}; the labels are {', '.join(found)}")
    return found[label]


def export_answers() -> dict[str, dict]:
    """label -> the page's data for that exercise (JSON-able; see each spec's ``export``)."""
    return {a.label: a.export() for a in all_answers()}
