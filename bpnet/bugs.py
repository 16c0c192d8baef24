"""A gallery of classic backpropagation bugs, each failing the gradient check (Chapter 9).

Every function here has the signature of a backward pass, ``backward(net, X, Y) -> Gradients``: it
returns dC/dW and dC/db of the mean cost C = (1/m) sum_x C_x over the m rows of X (a batch of m examples).
One of them is right, :func:`reference_backward`, the four equations of Chapter 5 (labels eq-bp1 to eq-bp4)
in the row layout: rows are examples, A^{(l)} holds the activations a^{(l)} and D^{(l)} the deltas
delta^{(l)} of the batch, one row per example; phi is the layer's activation function:

* output error (eq-bp1)   delta^{(L)} = dC_x/da^{(L)} (.) phi'(z^{(L)})   (a - y where sigma' cancels, Ch. 8)
* hidden error (eq-bp2)   delta^{(l)} = (W^{(l+1)T} delta^{(l+1)}) (.) phi'(z^{(l)}),
                           in rows: D^{(l)} = (D^{(l+1)} W^{(l+1)}) (.) phi'(Z^{(l)})
* weights      (eq-bp4)   dC/dw^{(l)}_{jk} = (1/m) sum_x delta^{(l)}_j a^{(l-1)}_k,  in rows: D^{(l)T} A^{(l-1)} / m
* biases       (eq-bp3)   dC/db^{(l)}_j = (1/m) sum_x delta^{(l)}_j

Each bug changes one line of it, through a keyword of :func:`_backprop`, so that the difference between a
bug and the reference is exactly what its docstring says. ``BUGS`` maps a name to the function,
``BUG_CASES`` to the network on which the bug shows, and :func:`gradient_check` measures the book's relative
error (:func:`bpnet.relative_error`) against central differences (:func:`bpnet.numerical_gradients`, Chapter 9),
or against high-precision central differences computed with SymPy where float64 cannot resolve the slope
(:func:`precise_numerical_gradients`). Read the result with :func:`bpnet.gradcheck.verdict`: ``TOLERANCE``
here is :data:`bpnet.gradcheck.TOLERANCE` (the same object), the book's one threshold story.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from .gradcheck import TOLERANCE, numerical_gradients, relative_error
from .network import Gradients, Network

__all__ = [
    "reference_backward", "missing_transpose", "batch_mean_forgotten", "sigma_prime_from_rounded_a",
    "sigma_prime_forgotten", "sigma_prime_added", "updated_weights_used", "gradients_not_zeroed",
    "gradient_read_too_early", "BUGS", "BUG_CASES", "make_case", "gradient_check", "precise_numerical_gradients",
    "TOLERANCE",
]

Backward = Callable[[Network, np.ndarray, np.ndarray], Gradients]

ETA = 0.5  #: the learning rate used by :func:`updated_weights_used` and by ``gradient_check(steps=...)``


def _carry(delta: np.ndarray, W: np.ndarray) -> np.ndarray:
    """The matrix part of eq-bp2 in rows: (W^T delta)^T = delta^T W, so D @ W for the batch matrix D."""
    return delta @ W


def _prime(net: Network, l: int, z: np.ndarray, a: np.ndarray) -> np.ndarray:
    """phi'(z) of weight layer l (0-based), computed from z (bpnet.activations)."""
    return net.activation_of(l).derivative(z)


def _output_delta(net: Network, z: np.ndarray, a: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """The output error (eq-bp1), as bpnet's loss computes it: (a - y) (.) phi'(z) for MSE, a - y for
    sigmoid + cross-entropy."""
    return net.loss_fn.output_delta(z, a, Y, net.output_activation)


def _backprop(net: Network, X, Y, *, carry=_carry, prime=_prime, output_delta=_output_delta,
              mean: bool = True, weights: list[np.ndarray] | None = None) -> Gradients:
    """The four equations (eq-bp1 to eq-bp4) for an elementwise hidden activation; each keyword replaces one
    ingredient."""
    trace = net.forward(X)
    Y = net.check_Y(Y, trace.output.shape[0])
    zs, acts = trace.zs, trace.activations
    W_back = net.weights if weights is None else weights  # the weights the backward pass uses
    m = Y.shape[0] if mean else 1  # the batch size m (rows of the checked Y)
    delta = output_delta(net, zs[-1], acts[-1], Y)  # output error, eq-bp1
    gW, gb, deltas = [None] * net.n_layers, [None] * net.n_layers, [None] * net.n_layers
    for l in range(net.n_layers - 1, -1, -1):
        deltas[l] = delta
        gW[l] = delta.T @ acts[l] / m  # eq-bp4, the mean over the batch
        gb[l] = delta.sum(axis=0) / m  # eq-bp3
        if l > 0:
            delta = carry(delta, W_back[l]) * prime(net, l - 1, zs[l - 1], acts[l])  # hidden error, eq-bp2
    return Gradients(gW, gb, deltas)


def reference_backward(net: Network, X, Y) -> Gradients:
    """The correct backward pass, the four equations eq-bp1 to eq-bp4 (agrees with ``net.gradients(X, Y)``)."""
    return _backprop(net, X, Y)


def missing_transpose(net: Network, X, Y) -> Gradients:
    """Bug: W^{(l+1)} delta instead of W^{(l+1)T} delta in the hidden error (eq-bp2); in rows D @ W.T instead of
    D @ W (see Common mistakes: transpose).

    A non-square W raises a shape error; a square W runs and silently gives wrong hidden gradients."""
    return _backprop(net, X, Y, carry=lambda delta, W: delta @ W.T)


def batch_mean_forgotten(net: Network, X, Y) -> Gradients:
    """Bug: the sum over the batch instead of the mean in dC/db and dC/dW (eq-bp3, eq-bp4): m times too large
    for a batch of m examples (see Common mistakes: batch mean)."""
    return _backprop(net, X, Y, mean=False)


def _rounded_prime(a: np.ndarray) -> np.ndarray:
    return a * (1.0 - a)  # exact algebra, but a has been rounded: 0 once sigma(z) rounds to 1


def sigma_prime_from_rounded_a(net: Network, X, Y) -> Gradients:
    """Bug: sigma'(z) computed as a (1 - a) from the stored (rounded) a, in the output and hidden errors
    (eq-bp1, eq-bp2) of a sigmoid network (see Common mistakes: rounded a).

    For a sigmoid with z >= 37, a rounds to exactly 1.0 in float64 and a (1 - a) = 0, while
    sigma'(z) is about e^{-z} (4.2e-18 at z = 40). Only a high-precision check sees it."""
    return _backprop(
        net, X, Y,
        prime=lambda net, l, z, a: _rounded_prime(a),
        output_delta=lambda net, z, a, Y: (a - Y) * _rounded_prime(a),
    )


def sigma_prime_forgotten(net: Network, X, Y) -> Gradients:
    """Bug: delta^{(L)} = a - y with the squared error, where the output error (eq-bp1) of a sigmoid output
    needs (a - y) sigma'(z) (see Common mistakes: sigma prime)."""
    return _backprop(net, X, Y, output_delta=lambda net, z, a, Y: a - Y)


def sigma_prime_added(net: Network, X, Y) -> Gradients:
    """Bug: delta^{(L)} = (a - y) sigma'(z) with sigmoid + cross-entropy, where sigma' cancels and
    delta^{(L)} = a - y (Chapter 8; see Common mistakes: sigma prime)."""
    return _backprop(net, X, Y, output_delta=lambda net, z, a, Y: (a - Y) * _prime(net, net.n_layers - 1, z, a))


def updated_weights_used(net: Network, X, Y, eta: float = ETA) -> Gradients:
    """Bug: the hidden deltas (eq-bp2) use W^{(L)} - eta dC/dW^{(L)}, the output weights already updated,
    instead of the weights of this step (see Common mistakes: updated weights)."""
    g = reference_backward(net, X, Y)
    updated = [*net.weights[:-1], net.weights[-1] - eta * g.weights[-1]]
    return _backprop(net, X, Y, weights=updated)


def _buffer(net: Network) -> Gradients:
    """A gradient buffer that lives on the network, like ``p.grad`` in PyTorch; zeros when first made."""
    if not hasattr(net, "grad"):
        net.grad = Gradients([np.zeros_like(W) for W in net.weights], [np.zeros_like(b) for b in net.biases])
    return net.grad


def _copy(g: Gradients) -> Gradients:
    return Gradients([w.copy() for w in g.weights], [b.copy() for b in g.biases])


def gradients_not_zeroed(net: Network, X, Y) -> Gradients:
    """Bug: the backward pass adds into a buffer (+=, as autodiff does) that is never zeroed
    (see Common mistakes: sum paths, which covers zeroing between steps).

    The first call is right; from the second call on it returns the sum of every gradient so far."""
    buf, g = _buffer(net), reference_backward(net, X, Y)
    for p, q in zip((*buf.weights, *buf.biases), (*g.weights, *g.biases)):
        p += q  # missing: p[...] = 0 before the backward pass
    return _copy(buf)


def gradient_read_too_early(net: Network, X, Y) -> Gradients:
    """Bug: the buffer is read before the backward pass has filled it (see Common mistakes: read early).

    On a fresh network it returns all zeros; later, the previous step's gradient."""
    buf = _buffer(net)
    out = _copy(buf)  # read too early
    g = reference_backward(net, X, Y)
    for p, q in zip((*buf.weights, *buf.biases), (*g.weights, *g.biases)):
        p[...] = q
    return out


BUGS: dict[str, Backward] = {
    "missing transpose": missing_transpose,
    "batch mean forgotten": batch_mean_forgotten,
    "sigma' from rounded a": sigma_prime_from_rounded_a,
    "sigma' forgotten (MSE)": sigma_prime_forgotten,
    "sigma' added (cross-entropy)": sigma_prime_added,
    "updated weights used": updated_weights_used,
    "gradients not zeroed": gradients_not_zeroed,
    "gradient read too early": gradient_read_too_early,
}


def make_case(kind: str = "square", seed: int = 2) -> tuple[Network, np.ndarray, np.ndarray]:
    """A small sigmoid network and a batch: ``(net, X, Y)``.

    ``"square"``: sizes [3, 3, 3], squared error, 5 examples. ``"square-ce"``: the same with cross-entropy.
    ``"non-square"``: sizes [4, 3, 2]. ``"saturated"``: one neuron (sizes [1, 1]) with w = 40, b = 0, x = 1,
    y = 0, so z = 40 and sigma(z) rounds to 1.0.
    """
    rng = np.random.default_rng(seed)
    if kind == "saturated":
        net = Network([1, 1], init="zeros")
        net.weights[0] = [[40.0]]
        return net, np.array([[1.0]]), np.array([[0.0]])
    sizes = {"square": [3, 3, 3], "square-ce": [3, 3, 3], "non-square": [4, 3, 2]}
    if kind not in sizes:
        raise ValueError(f"unknown case {kind!r}; expected one of: 'square', 'square-ce', 'non-square', 'saturated'")
    loss = "cross_entropy" if kind == "square-ce" else "mse"
    net = Network(sizes[kind], loss=loss, init="normal", seed=seed)
    X = rng.normal(size=(5, sizes[kind][0]))
    Y = rng.uniform(size=(5, sizes[kind][-1]))
    return net, X, Y


#: for each bug, where it shows: (case for make_case, training steps before the check, precise check?)
BUG_CASES: dict[str, tuple[str, int, bool]] = {
    "missing transpose": ("square", 0, False),
    "batch mean forgotten": ("square", 0, False),
    "sigma' from rounded a": ("saturated", 0, True),
    "sigma' forgotten (MSE)": ("square", 0, False),
    "sigma' added (cross-entropy)": ("square-ce", 0, False),
    "updated weights used": ("square", 0, False),
    "gradients not zeroed": ("square", 1, False),
    "gradient read too early": ("square", 0, False),
}


def precise_numerical_gradients(net: Network, X, Y, eps: str = "1e-20", digits: int = 50) -> Gradients:
    """Central differences (Chapter 9) of the cost computed by SymPy with ``digits`` significant digits.

    For tiny networks only (one SymPy evaluation per parameter, example and sign). Float64 cannot see a
    slope of 4e-18 in a cost of order 1 (Chapter 9); 50 digits and eps = 1e-20 can.
    """
    from .symbolic import SymbolicNetwork

    sym = SymbolicNetwork(net.sizes, net.activation.name, net.output_activation.name, net.loss_fn.name)
    X, Y = net.check_X(X), None if Y is None else np.asarray(Y, dtype=float)
    Y = net.check_Y(Y, X.shape[0])
    h = sp.Float(eps, digits)
    params = sym.parameters
    values = [v for P in (*net.weights, *net.biases) for v in P.ravel()]
    flat = []
    for p in params:
        total = sp.Float(0, digits)
        for x, y in zip(X, Y):
            base = {q: sp.Float(float(v), digits) for q, v in zip(params, values)}
            base.update({s: sp.Float(float(v), digits) for s, v in zip((*sym.inputs, *sym.targets), (*x, *y))})
            up, down = dict(base), dict(base)
            up[p], down[p] = base[p] + h, base[p] - h
            total += (sym.cost.evalf(digits, subs=up) - sym.cost.evalf(digits, subs=down)) / (2 * h)
        flat.append(float(total / len(X)))
    gw, gb, pos = [], [], 0
    for dest, arrays in ((gw, net.weights), (gb, net.biases)):
        for A in arrays:
            dest.append(np.array(flat[pos:pos + A.size]).reshape(A.shape))
            pos += A.size
    return Gradients(gw, gb)


def gradient_check(backward: Backward, net: Network, X, Y, *, steps: int = 0, eta: float = ETA,
                   eps: float = 1e-6, precise: bool = False, floor: float = 1e-12) -> float:
    """The book's relative error (:func:`bpnet.relative_error`) between ``backward(net, X, Y)`` and central
    differences (:func:`bpnet.numerical_gradients`); read it with :func:`bpnet.gradcheck.verdict`.

    Works on a copy of ``net``: first ``steps`` steps of gradient descent with ``backward`` (a check made
    during training, not only at the start), then the comparison. ``precise=True`` uses
    :func:`precise_numerical_gradients`; ``floor`` is the smallest denominator of the relative error.
    A shape error in ``backward`` propagates as ``ValueError``.
    """
    net = net.copy()
    for _ in range(steps):
        net.step(backward(net, X, Y), eta)
    got = backward(net, X, Y)
    want = precise_numerical_gradients(net, X, Y) if precise else numerical_gradients(net, X, Y, eps=eps)
    return relative_error(got.flat(), want.flat(), floor=floor)
