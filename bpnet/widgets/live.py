"""The live (JupyterLab) side of the diagram widgets: an anywidget whose front end is the same renderer as the
book's static outputs. Python computes (with bpnet) and sends the whole document as one JSON string, which is
cheaper to send than a nested dict; the front end sends back ``lr_index`` (its log-scale slider), ``phase`` and
"set" messages. A change comes back as one message: ``lr_index`` is not echoed and η, the notch and the document
travel together (each extra message is one more trip through the server per key press)."""
from __future__ import annotations

import json
from typing import Sequence

import anywidget
import traitlets

from .assets import css, esm
from .common import LIVE_LRS, as_message, check_lr, lr_control
from .static import to_json

__all__ = ["TraceWidget"]


class TraceWidget(anywidget.AnyWidget):
    """Base of :class:`~bpnet.widgets.Stepper` and :class:`~bpnet.widgets.Weights`; subclasses define ``_build``.

    ``lr`` (η) and ``lr_index`` (a position on the widget's own log-scale grid, ``LIVE_LRS`` plus the starting η, so
    that the widget starts at exactly the value it is given) stay in step; a bad value leaves the last good numbers
    on screen and sets ``message`` instead of raising.
    """

    _esm = esm()
    _css = css()
    doc_json = traitlets.Unicode("{}").tag(sync=True)
    lr_index = traitlets.Int(0).tag(sync=True, echo_update=False)  # the document that follows carries it
    lr = traitlets.Float(0.5).tag(sync=True)
    message = traitlets.Unicode("")

    def __init__(self, lr: float, lrs: Sequence[float] = LIVE_LRS, **kwargs):
        self._lrs, self._doc, self._ready = tuple(sorted({*map(float, lrs), check_lr(lr)})), {}, False
        super().__init__(lr=check_lr(lr), **kwargs)
        self._ready = True

    @property
    def doc(self) -> dict:
        """The document on screen (a trace plus controls and message)."""
        return self._doc

    def _build(self, lr: float) -> dict:
        raise NotImplementedError

    def _extra(self, doc: dict) -> None:
        """Hook: add to the document just before it is sent."""

    def _rebuild(self, note: str = "") -> None:
        result, message = as_message(lambda: (check_lr(self.lr), self._build(check_lr(self.lr))))
        if result is None:
            if not self._doc:
                raise ValueError(message)
            self.message = message
            self._publish({**self._doc, "message": message})
            return
        lr, doc = result
        doc["controls"] = {"lr": lr_control(self._lrs, lr)}
        doc["message"] = self.message = note
        self._extra(doc)
        with self.hold_sync():
            self.lr_index = doc["controls"]["lr"]["index"]
            self._publish(doc)

    def _publish(self, doc: dict) -> None:
        self._doc = doc
        self.doc_json = to_json(doc)

    @traitlets.observe("lr")
    def _on_lr(self, change) -> None:
        if self._ready:
            self._rebuild()

    @traitlets.observe("lr_index")
    def _on_index(self, change) -> None:
        i = change["new"]
        if 0 <= i < len(self._lrs) and self._lrs[i] != self.lr:
            with self.hold_sync():
                self.lr = self._lrs[i]

    def sent_doc(self) -> dict:
        """The document as the front end receives it (parsed from the synced JSON)."""
        return json.loads(self.get_state()["doc_json"])
