"""The final project of Chapter 10 (exercise ex-real-project): the reader's own training loop, checked piece by piece.

The reader writes four functions with NumPy alone, for a network with one hidden layer of sigmoid units and a softmax
output with cross-entropy (Chapter 10's network), on the parameters ``params = {"W1", "b1", "W2", "b2"}`` laid out as
bpnet's (``W1`` has shape (hidden, 64): row j feeds hidden unit j), one row per example:

* ``forward(params, X) -> (A1, A2)``: the hidden activations a^(1) and the softmax outputs a^(2);
* ``backward(params, X, Y) -> dict``: the deltas ``D2``, ``D1`` (one row per example) and the gradients of the mean
  cost over the m rows, ``dW2``, ``db2``, ``dW1``, ``db1``;
* ``update(params, grads, eta) -> dict``: the parameters after one step of gradient descent;
* ``train(params, X, Y, epochs, eta, batch_size, seed) -> dict``: mini-batch SGD from ``params``.

:func:`check_project` builds a :class:`bpnet.Network`, hands the reader its weights and biases as arrays, compares the
reader's pieces with bpnet's on one fixed batch of digits by :func:`bpnet.relative_error` (at most
:data:`bpnet.gradcheck.TOLERANCE` passes), then trains with the reader's loop and compares the held-out accuracy with
the stated target. It names the FIRST piece that is wrong, with a hint and the section of the book to reread.
"""
from __future__ import annotations

import inspect
import io
import tokenize
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from ..datasets import digits, train_test_split
from ..evaluate import accuracy
from ..gradcheck import TOLERANCE, relative_error, verdict
from ..network import Network
from ._core import CheckResult

__all__ = ["ProjectSettings", "PROJECT", "ProjectResult", "project_data", "project_params", "check_project"]

PARAMS = ("W1", "b1", "W2", "b2")
GRADS = ("D2", "D1", "dW2", "db2", "dW1", "db1")


@dataclass(frozen=True)
class ProjectSettings:
    """The project's fixed choices: the network, the training run, the target and the batch the gradients are
    compared on. ``eta`` is smaller than the chapter's 0.5 so that a correct loop reaches ``target`` in whatever order
    it visits the mini-batches."""

    hidden: int = 32
    eta: float = 0.2
    epochs: int = 30
    batch_size: int = 32
    seed: int = 0
    target: float = 0.90
    test_fraction: float = 0.25
    check_rows: int = 20


#: The settings of the chapter's project (Chapter 10, the final project).
PROJECT = ProjectSettings()


@dataclass(frozen=True, repr=False)
class ProjectResult(CheckResult):
    """The verdict on the project: ``piece`` names the first wrong piece (None when all are right), ``accuracy``
    is the held-out accuracy the reader's loop reached (None if training was not reached), ``max_error`` the largest
    relative error of the pieces compared with bpnet, ``bpnet_accuracy`` the held-out accuracy of ``bpnet.fit`` run
    from the same start with the same settings (its mini-batches in its own order)."""

    piece: str | None = None
    accuracy: float | None = None
    max_error: float | None = None
    bpnet_accuracy: float | None = None


# Where the book shows each piece: (chapter, section title, page#label).
_SECTIONS = {
    "network": ("10", "The network", "10_real_data.html#sec-ch10-network"),
    "layouts": ("5", "Rows or columns: where every transpose comes from", "05_backward_pass.html#sec-ch05-layouts"),
    "output": ("10", "The output error, derived with SymPy", "10_real_data.html#sec-ch10-output-error"),
    "four": ("5", "The four equations in matrix form", "05_backward_pass.html#sec-ch05-four"),
    "mean": ("7", "The missing 1/m", "07_training.html#sec-ch07-mean"),
    "training": ("10", "Training", "10_real_data.html#sec-ch10-training"),
}


def _see(key: str) -> str:
    chapter, title, page = _SECTIONS[key]
    return f' Reread "{title}", Chapter {chapter} ({page}).'


def project_data(settings: ProjectSettings = PROJECT):
    """``X_train, X_test, Y_train, Y_test``: the digits split as in Chapter 10 (``bpnet.datasets.train_test_split``)."""
    X, Y = digits()
    return train_test_split(X, Y, test_fraction=settings.test_fraction, seed=settings.seed)


def _network(settings: ProjectSettings) -> Network:
    return Network([64, settings.hidden, 10], activation="sigmoid", output_activation="softmax",
                   loss="cross_entropy", seed=settings.seed)


def _params_of(net: Network) -> dict[str, np.ndarray]:
    return {"W1": net.W(1).copy(), "b1": net.b(1).copy(), "W2": net.W(2).copy(), "b2": net.b(2).copy()}


def project_params(settings: ProjectSettings = PROJECT) -> dict[str, np.ndarray]:
    """The starting parameters of the training run (copies): bpnet's initial network for ``settings.seed``, as
    ``{"W1": (hidden, 64), "b1": (hidden,), "W2": (10, hidden), "b2": (10,)}``."""
    return _params_of(_network(settings))


def _copy(d: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k: np.array(v, dtype=np.float64) for k, v in d.items()}


def _uses_bpnet(fn: Callable) -> bool:
    """True when the source of ``fn`` names bpnet (the project is NumPy only). False when the source is unknown, and
    for a lambda, whose source line is the whole call it sits in (often ``bpnet.exercises.check_project(...)``)."""
    if getattr(fn, "__name__", "") == "<lambda>":
        return False
    try:
        source = inspect.getsource(fn)
    except (OSError, TypeError):
        return False
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(inspect.cleandoc("\n" + source)).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return "bpnet" in source
    return any(t.type == tokenize.NAME and t.string == "bpnet" for t in tokens)


class _Wrong(Exception):
    """The first wrong piece: stops the check."""

    def __init__(self, piece: str, message: str, accuracy: float | None = None):
        super().__init__(message)
        self.piece, self.message, self.accuracy = piece, message, accuracy


def _call(piece: str, fn: Callable, args: tuple, section: str):
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - the reader's code: report, do not raise
        raise _Wrong(piece, f"your {piece} raised {type(exc).__name__}: {exc}. Hint: write it with NumPy, as the "
                            f"signature in the exercise says." + _see(section)) from None


def _array(piece: str, name: str, value) -> np.ndarray:
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise _Wrong(piece, f"your {piece}: {name} should be an array of numbers; received "
                            f"{type(value).__name__}.") from None


def _compare(piece: str, name: str, got, want: np.ndarray, *, hint: str, section: str,
             known: Mapping[str, np.ndarray] | None = None, shape_of: str = "") -> float:
    """The relative error of the reader's ``got`` against bpnet's ``want``; raise :class:`_Wrong` above TOLERANCE,
    naming a known mistake when ``got`` equals one of the ``known`` wrong values."""
    got = _array(piece, name, got)
    if got.shape != want.shape:
        if want.ndim == 2 and want.shape[0] != want.shape[1] and got.shape == want.T.shape:
            raise _Wrong(piece, f"your {piece}: {name} has shape {got.shape}, the transpose of the right shape "
                                f"{want.shape}{shape_of}. Hint: one row per unit of the layer it feeds, one column per "
                                f"unit it comes from, as W (see Common mistakes: transpose)." + _see("layouts"))
        raise _Wrong(piece, f"your {piece}: {name} should have shape {want.shape}{shape_of}; received shape "
                            f"{got.shape}. Hint: {hint}" + _see(section))
    if not np.all(np.isfinite(got)):
        raise _Wrong(piece, f"your {piece}: {name} contains NaN or inf. Hint: {hint}" + _see(section))
    err = relative_error(got, want)
    if err <= TOLERANCE:
        return err
    for what, value in (known or {}).items():
        if value.shape == got.shape and relative_error(got, value) <= TOLERANCE:
            raise _Wrong(piece, f"your {piece}: {name} differs from bpnet's (relative error {err:.1e}, "
                                f"{verdict(err)}): it is {what}. Hint: {hint}" + _see(section))
    raise _Wrong(piece, f"your {piece}: {name} differs from bpnet's by a relative error of {err:.1e} "
                        f"({verdict(err)}; at most {TOLERANCE:.0e} passes). Hint: {hint}" + _see(section))


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _softmax(z, axis=1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _check_pieces(forward, backward, update, settings: ProjectSettings, X, Y) -> float:
    """Forward, backward and update on one fixed batch; returns the largest relative error (all at most TOLERANCE)."""
    net = _network(settings)
    rng = np.random.default_rng(settings.seed + 1)  # nonzero biases, so that a forgotten bias shows
    for l in (1, 2):
        net.b(l)[:] = rng.normal(0.0, 0.5, net.b(l).shape)
    params = _params_of(net)
    m = len(X)
    trace, grads = net.forward(X), net.gradients(X, Y)
    Z1, A1, Z2, A2 = trace.z(1), trace.a(1), trace.z(2), trace.a(2)
    W1, W2 = params["W1"], params["W2"]
    errs = []

    out = _call("forward pass", forward, (_copy(params), X.copy()), "network")
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise _Wrong("forward pass", "your forward pass should return two arrays, (A1, A2); received "
                                     f"{type(out).__name__}." + _see("network"))
    errs.append(_compare(
        "forward pass", "a^(1) (your A1)", out[0], A1, section="layouts", shape_of=" (m, hidden)",
        hint="Z1 = X @ W1.T + b1 (one row per example), then A1 = sigmoid(Z1).",
        known={"the weighted input z^(1), without the sigmoid": Z1,
               "sigmoid(X @ W1.T), without the bias b1": _sigmoid(X @ W1.T)}))
    errs.append(_compare(
        "forward pass", "a^(2) (your A2)", out[1], A2, section="network", shape_of=" (m, 10)",
        hint="Z2 = A1 @ W2.T + b2, then the softmax of each row: exp(Z2) divided by its row sum "
             "(axis=1, keepdims=True).",
        known={"a sigmoid of z^(2), where the output layer is a softmax": _sigmoid(Z2),
               "the softmax of each column (axis=0) instead of each row": _softmax(Z2, axis=0),
               "the weighted input z^(2), without the softmax": Z2,
               "the softmax of A1 @ W2.T, without the bias b2": _softmax(A1 @ W2.T)}))

    got = _call("backward pass", backward, (_copy(params), X.copy(), Y.copy()), "four")
    if not isinstance(got, Mapping):
        raise _Wrong("backward pass", f"your backward pass should return a dict with the keys {', '.join(GRADS)}; "
                                      f"received {type(got).__name__}." + _see("four"))
    missing = [k for k in GRADS if k not in got]
    if missing:
        raise _Wrong("backward pass", f"your backward pass returned no {', '.join(missing)}: it should return a dict "
                                      f"with the keys {', '.join(GRADS)}." + _see("four"))
    D2, D1 = grads.delta(2), grads.delta(1)
    errs.append(_compare(
        "output delta", "delta^(2) (your D2)", got["D2"], D2, section="output",
        hint="with softmax and cross-entropy, delta^(2) = a^(2) - y for each example: D2 = A2 - Y, with no sigma' "
             "factor and no 1/m (the mean comes in dW and db).",
        known={"(a - y) a (1 - a): a sigmoid's sigma' added where it cancels (see Common mistakes: sigma' missing "
               "or added)": (A2 - Y) * A2 * (1 - A2),
               "y - a: the sign is flipped": Y - A2,
               "(a - y) / m: divided by m too early": D2 / m}))
    errs.append(_compare(
        "hidden delta (layer 1)", "delta^(1) (your D1)", got["D1"], D1, section="four",
        hint="delta^(1) = (W^(2)T delta^(2)) * sigma'(z^(1)); with one row per example D1 = (D2 @ W2) * A1 * (1 - A1), "
             "an elementwise product with sigma'(z^(1)) = a^(1)(1 - a^(1)).",
        known={"D2 @ W2 without the factor sigma'(z^(1)) = A1 (1 - A1) (see Common mistakes: sigma' missing or "
               "added)": D2 @ W2,
               "(D2 @ W2) * A1: multiplied by a^(1) instead of sigma'(z^(1)) = a^(1)(1 - a^(1))": (D2 @ W2) * A1,
               "divided by m: the deltas are per example": D1 / m}))
    for l in (2, 1):
        for kind in ("W", "b"):
            want = grads.dW(l) if kind == "W" else grads.db(l)
            piece = f"d{kind}({l})"
            rule = (f"dW{l} = D{l}.T @ {'A1' if l == 2 else 'X'} / m" if kind == "W"
                    else f"db{l} = D{l}.mean(axis=0)")
            errs.append(_compare(
                piece, f"dC/d{kind}^({l}) (your d{kind}{l})",
                got[f"d{kind}{l}"], want, section="mean" if kind == "b" else "four",
                shape_of=f" (the shape of {kind}{l})",
                hint=f"{rule}: the mean over the m examples of the per-example gradients.",
                known={f"the SUM over the batch of {m} examples, {m} times the mean (see Common mistakes: batch "
                       "mean)": m * want,
                       f"divided by m twice, {m} times too small": want / m}))

    step = _copy({"D2": D2, "D1": D1, "dW2": grads.dW(2), "db2": grads.db(2), "dW1": grads.dW(1),
                  "db1": grads.db(1)})  # bpnet's gradients: only the update is on trial
    new = _call("update", update, (_copy(params), step, settings.eta), "training")
    if not isinstance(new, Mapping) or any(k not in new for k in PARAMS):
        raise _Wrong("update", f"your update should return a dict with the keys {', '.join(PARAMS)}; received "
                               f"{type(new).__name__}." + _see("training"))
    for k in PARAMS:
        g = step["d" + k]
        errs.append(_compare(
            "update", f"the new {k}", new[k], params[k] - settings.eta * g, section="training",
            hint=f"one step of gradient descent: {k} - eta * d{k}.",
            known={f"{k} + eta * d{k}: a step uphill, which raises the cost": params[k] + settings.eta * g,
                   f"{k} - d{k}: the learning rate eta is missing": params[k] - g,
                   f"the old {k}: the update changed nothing": params[k]}))
    return max(errs)


def check_project(forward: Callable, backward: Callable, update: Callable, train: Callable,
                  settings: ProjectSettings = PROJECT) -> ProjectResult:
    """Exercise ex-real-project: check the reader's forward pass, backward pass, update and training loop (see the
    module docstring for their signatures), in that order, and name the first piece that is wrong.

    The pieces are compared with bpnet's on the first ``settings.check_rows`` training digits; then
    ``train(project_params(settings), X_train, Y_train, epochs, eta, batch_size, seed)`` runs and its parameters must
    reach ``settings.target`` accuracy on the held-out digits."""
    fns = {"forward pass": ("forward", forward), "backward pass": ("backward", backward), "update": ("update", update),
           "training loop": ("train", train)}
    for piece, (name, fn) in fns.items():
        if not callable(fn):
            return ProjectResult(False, f"{name} should be a function; received {type(fn).__name__}.", piece=piece)
        if _uses_bpnet(fn):
            return ProjectResult(False, f"your {piece} ({name}) uses bpnet: the project is to write it with NumPy "
                                        "alone (bpnet checks it).", piece=piece)
    X_train, X_test, Y_train, Y_test = project_data(settings)
    X, Y = X_train[:settings.check_rows], Y_train[:settings.check_rows]
    try:
        max_error = _check_pieces(forward, backward, update, settings, X, Y)
        acc = _train_and_score(train, settings, X_train, X_test, Y_train, Y_test)
    except _Wrong as wrong:
        return ProjectResult(False, wrong.message, piece=wrong.piece, accuracy=wrong.accuracy)
    acc_bpnet = _bpnet_accuracy(settings, X_train, X_test, Y_train, Y_test)
    return ProjectResult(
        True, f"your forward pass, output delta, hidden delta, dW, db and update agree with bpnet's on "
              f"{settings.check_rows} digits (largest relative error {max_error:.1e}, at most {TOLERANCE:.0e} "
              f"passes), and your training loop reached a held-out accuracy of {acc:.4f} after {settings.epochs} "
              f"epochs (target {settings.target:.2f}; bpnet.fit from the same start: {acc_bpnet:.4f}).",
        accuracy=acc, max_error=max_error, bpnet_accuracy=acc_bpnet)


def _bpnet_accuracy(settings: ProjectSettings, X_train, X_test, Y_train, Y_test) -> float:
    net = _network(settings)
    net.fit(X_train, Y_train, epochs=settings.epochs, lr=settings.eta, batch_size=settings.batch_size,
            seed=settings.seed)
    return accuracy(net, X_test, Y_test)


def _train_and_score(train: Callable, settings: ProjectSettings, X_train, X_test, Y_train, Y_test) -> float:
    start = project_params(settings)
    got = _call("training loop", train, (_copy(start), X_train.copy(), Y_train.copy(), settings.epochs,
                                          settings.eta, settings.batch_size, settings.seed), "training")
    if not isinstance(got, Mapping) or any(k not in got for k in PARAMS):
        raise _Wrong("training loop", f"your training loop should return the trained parameters, a dict with the "
                                      f"keys {', '.join(PARAMS)}; received {type(got).__name__}." + _see("training"))
    net = _network(settings)
    try:
        net.weights = [got["W1"], got["W2"]]
        net.biases = [got["b1"], got["b2"]]
    except ValueError as exc:
        raise _Wrong("training loop", f"your training loop returned parameters bpnet cannot use: {exc}. Hint: the "
                                      "shapes of the starting parameters, and finite numbers (a NaN means the "
                                      "cost diverged)." + _see("training")) from None
    acc = accuracy(net, X_test, Y_test)
    if acc >= settings.target:
        return acc
    if all(np.array_equal(np.asarray(got[k]), start[k]) for k in PARAMS):
        why = "it returned the starting parameters: keep the parameters each update returns, and return the last ones"
    else:
        why = (f"one update per mini-batch of {settings.batch_size} rows, for every mini-batch of every epoch, with "
               "X and Y shuffled by the same permutation (np.random.default_rng(seed))")
    raise _Wrong("training loop", f"your training loop reached a held-out accuracy of {acc:.4f} after "
                                   f"{settings.epochs} epochs, below the target {settings.target:.2f}. Your forward "
                                   f"pass, backward pass and update are right, so look at the loop. Hint: {why}."
                                   + _see("training"), accuracy=acc)
