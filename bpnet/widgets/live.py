"""The live (JupyterLab) diagram widgets, :class:`Stepper` and :class:`Weights`: anywidgets whose front end is the
same renderer as the book's static outputs. Python computes (with bpnet) and sends the whole document
(:func:`bpnet.widgets.stepper.stepper_trace`, :func:`bpnet.widgets.weights.weights_trace`) as one JSON string,
which is cheaper to send than a nested dict; the front end sends back ``lr_index`` (its log-scale slider),
``phase`` and "set" messages. A change comes back as one message: ``lr_index`` is not echoed and η, the notch and
the document travel together (each extra message is one more trip through the server per key press).

The document also carries its raw numbers (``model``: the network's parameters and the example, as the book's
static outputs do), so that the front end (``static/mount.js``) redraws a change at once from ``engine.js`` and
``document.js`` and then replaces that first drawing with the kernel's document when it arrives: the screen ends
on bpnet's numbers, and the first drawing is checked against them (the event ``bpnet-confirmed`` says whether the
two were equal; tests/lab asserts that they are)."""
from __future__ import annotations

import json
import math
from collections.abc import Sequence

import anywidget
import traitlets

from ..errors import check_int
from .arrays import one_example
from .assets import css, esm
from .common import LIVE_LRS, as_message, check_drawable, check_lr, lr_control, worked_example_copy
from .document import model as raw_model
from .embed import LIVE_BADGE, to_json
from .stepper import stepper_trace
from .weights import SATURATION_LINK, param_list, parse_param, saturation_note, weights_trace

__all__ = ["TraceWidget", "Stepper", "Weights"]


class TraceWidget(anywidget.AnyWidget):
    """Base of :class:`Stepper` and :class:`Weights`, which define ``_build``: a copy of the network ``net``
    (default: the worked example of Chapter 4) and one example (x, y), drawn with the document ``_build`` returns.

    ``lr`` (η) and ``lr_index`` (a position on the widget's own log-scale grid, ``LIVE_LRS`` plus the starting η, so
    that the widget starts at exactly the value it is given) stay in step; a bad value leaves the last good numbers
    on screen and sets ``message`` instead of raising.
    """

    _esm = esm()
    _css = css()
    doc_json = traitlets.Unicode("{}").tag(sync=True)
    lr_index = traitlets.Int(0).tag(sync=True, echo_update=False)  # the document that follows carries it
    lr = traitlets.Float(0.5).tag(sync=True)
    badge = traitlets.Unicode(LIVE_BADGE).tag(sync=True)  #: the caption that tells this live copy from the static one
    message = traitlets.Unicode("")

    def __init__(self, net, x, y, lr: float, lrs: Sequence[float] = LIVE_LRS, digits: int = 4, **kwargs):
        if net is None:
            net, x, y = worked_example_copy()
        one_example(net, x, y)
        check_drawable(net)
        self._net, self._x, self._y, self._digits = net.copy(), x, y, digits
        self._lrs, self._doc, self._ready = tuple(sorted({*map(float, lrs), check_lr(lr)})), {}, False
        super().__init__(lr=check_lr(lr), **kwargs)
        self.on_msg(self._on_msg)
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
            self._publish({**self._doc, "message": message, "message_link": None})
            return
        lr, doc = result
        doc["controls"] = {"lr": lr_control(self._lrs, lr)}
        doc["message"] = self.message = note
        self._extra(doc)
        doc["model"] = raw_model(self._net, *one_example(self._net, self._x, self._y), **self._model_extra())
        with self.hold_sync():
            self.lr_index = doc["controls"]["lr"]["index"]
            self._publish(doc)

    def _model_extra(self) -> dict:
        """Hook: what the front end's own copy of the step needs beyond the network and the example."""
        return {}

    def _on_msg(self, _widget, content, _buffers) -> None:
        """The front end's messages: "ping" is answered at once with "pong" (the benchmark's measure of one
        message's round trip through JupyterLab's server); :class:`Weights` adds "set"."""
        if isinstance(content, dict) and content.get("type") == "ping":
            self.send({"type": "pong", "n": content.get("n")})

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


class Stepper(TraceWidget):
    """The live stepper (Chapters 4 and 5). ``lr`` (η) and ``steps`` recompute the trace in Python; ``phase`` is the
    frame shown.

    The widget draws its own play, step and η controls; ``phase`` and ``lr`` are traitlets that other controls
    may also link to (``ipywidgets.jslink((play, "value"), (stepper, "phase"))``).
    """

    phase = traitlets.Int(0).tag(sync=True)
    steps = traitlets.Int(1).tag(sync=True)

    def __init__(self, net=None, x=None, y=None, *, lr: float = 0.5, steps: int = 1, digits: int = 4,
                 lrs: Sequence[float] = LIVE_LRS, **kwargs):
        super().__init__(net, x, y, lr, lrs, digits, steps=int(steps), **kwargs)
        self._rebuild()

    @property
    def n_frames(self) -> int:
        """Number of frames of the timeline (phases x steps): the ``max`` for a Play widget is n_frames - 1."""
        return len(self.doc["phases"]) * len(self.doc["runs"][0]["steps"])

    @traitlets.observe("steps")
    def _on_steps(self, change) -> None:
        if self._ready:
            self._rebuild()

    def _build(self, lr: float) -> dict:
        steps = check_int(self.steps, "steps", 1, 50)
        return stepper_trace(self._net, self._x, self._y, [lr], steps=steps, digits=self._digits)

    def _model_extra(self) -> dict:
        return {"steps": check_int(self.steps, "steps", 1, 50), "saturation_link": SATURATION_LINK}

    def _extra(self, doc: dict) -> None:
        self.phase = min(self.phase, len(doc["phases"]) * len(doc["runs"][0]["steps"]) - 1)

    def __repr__(self) -> str:
        return f"Stepper(sizes={list(self._net.sizes)}, lr={self.lr:g}, steps={self.steps})"


class Weights(TraceWidget):
    """The live weights-and-η widget (Chapters 5, 7 and 9); :meth:`set_param` (or the diagram's value controls)
    edits one parameter."""

    def __init__(self, net=None, x=None, y=None, *, lr: float = 0.5, eps: float = 1e-6, digits: int = 4,
                 lrs: Sequence[float] = LIVE_LRS, **kwargs):
        self._eps, self._link = eps, None
        super().__init__(net, x, y, lr, lrs, digits, **kwargs)
        self._rebuild()

    @property
    def net(self):
        """The widget's own copy of the network (edits do not touch the network passed in)."""
        return self._net

    def set_param(self, pid: str, value) -> str:
        """Set weight/bias ``pid`` (e.g. "w2_0_1") to ``value``, recompute; return the message shown ("" if none)."""
        def apply():
            arr, where, _, _ = parse_param(self._net, str(pid))
            try:
                v = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"a weight must be a number; received {value!r}") from None
            if not math.isfinite(v):
                raise ValueError(f"a weight must be a finite number; received {value!r}")
            arr[where] = v
            return v

        v, message = as_message(apply)
        if v is not None:
            message = saturation_note(self._net, self._x, str(pid))
        self._link = SATURATION_LINK if v is not None and message else None
        self._rebuild(message)
        return self.message

    def _on_msg(self, widget, content, buffers) -> None:
        super()._on_msg(widget, content, buffers)
        if isinstance(content, dict) and content.get("type") == "set":
            try:
                self.set_param(content.get("id", ""), content.get("value"))
            finally:  # after the new document: the front end holds further edits until this arrives
                self.send({"type": "done"})

    def _model_extra(self) -> dict:
        return {"eps": float(self._eps), "saturation_link": SATURATION_LINK}

    def _build(self, lr: float) -> dict:
        return weights_trace(self._net, self._x, self._y, [lr], eps=self._eps, digits=self._digits)

    def _extra(self, doc: dict) -> None:
        link = self._link if doc.get("message") else None
        doc.update(params=param_list(self._net, self._digits), editable=True, message_link=link)

    def __repr__(self) -> str:
        return f"Weights(sizes={list(self._net.sizes)}, lr={self.lr:g})"
