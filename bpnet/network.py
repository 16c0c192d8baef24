"""A fully connected feed-forward network and backpropagation (Chapters 4 and 5).

As in scikit-learn's MLP, the three steps are separate and named:

* ``forward``  computes every z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)} and a^{(l)} = phi(z^{(l)})    (Eq. 4.2);
* the loss gives the output error delta^{(L)} = dC_x/dz^{(L)}                                     (Eq. 5.6);
* ``backward`` carries it back, delta^{(l)} = (W^{(l+1)T} delta^{(l+1)}) (.) phi'(z^{(l)})       (Eq. 5.7),
  and reads off dC/dw^{(l)}_{jk} = delta^{(l)}_j a^{(l-1)}_k and dC/db^{(l)}_j = delta^{(l)}_j     (Eqs. 5.9, 5.8).

phi is the layer's activation (sigma, the logistic sigmoid, by default). Rows are examples: a batch X of m examples
has shape (m, sizes[0]) and the per-example column-vector equation
z = W a + b becomes Z = A W^T + b. That row layout is where every transpose below comes from.
"""
from __future__ import annotations

import copy as _copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .activations import Activation, get_activation
from .errors import as_float_array, check_choice, check_finite, check_int, check_positive, check_sizes
from .gradcheck import relative_error
from .init import INITS, initialize
from .losses import Loss, get_loss

__all__ = ["Network", "Trace", "Gradients"]

# glibc hands the free top of its heap back to the system once it holds more than twice the "mmap threshold", which
# starts at 128 KB and rises only when a larger block that was mmapped is freed (mallopt(3), M_MMAP_THRESHOLD). A
# training step frees arrays of about 1 MB (the 784x128 gradient and its eta-scaled copy), so without this that
# memory was returned and faulted in again on every step: 45% of the step's time in benchmarks/bench_training_step.py.
# Allocating and freeing one 8 MB block raises the threshold to 8 MB (glibc then keeps up to 16 MB of free heap).
# The numbers are unchanged; on other C libraries the line does nothing.
np.empty(1 << 20)


@dataclass
class Trace:
    """Everything the forward pass computed: ``zs[l]`` is z^{(l+1)}, ``activations[l]`` is a^{(l)}."""

    zs: list[np.ndarray]
    activations: list[np.ndarray]

    @property
    def output(self) -> np.ndarray:
        """a^{(L)}, the network's output, shape (m, sizes[-1]) for m examples."""
        return self.activations[-1]

    # -- accessors named as the maths reads: layers count from 1 (the input is layer 0) -------------
    def z(self, l: int) -> np.ndarray:
        """z^{(l)} for l = 1..L, one row per example (Eq. 4.2); the same array as ``zs[l - 1]``."""
        return self.zs[_layer(l, len(self.zs), "z")]

    def a(self, l: int) -> np.ndarray:
        """a^{(l)} for l = 0..L, one row per example, a^{(0)} = x; the same array as ``activations[l]``."""
        return self.activations[_layer(l, len(self.zs), "a", first=0) + 1]


@dataclass
class Gradients:
    """dC/dW and dC/db for every layer (mean over the batch), and the per-example deltas."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    deltas: list[np.ndarray] = field(default_factory=list)

    def flat(self) -> np.ndarray:
        """All gradients in one vector: weights then biases, layer by layer."""
        return np.concatenate([g.ravel() for g in (*self.weights, *self.biases)])

    def max_relative_error(self, other: Gradients) -> float:
        """:func:`bpnet.relative_error` of the two flattened gradients (the book's one definition, Chapter 9)."""
        return relative_error(self.flat(), other.flat())

    # -- accessors named as the maths reads: layers count from 1 ------------------------------------
    def dW(self, l: int) -> np.ndarray:
        """dC/dW^{(l)} for l = 1..L, shape (sizes[l], sizes[l-1]); the same array as ``weights[l - 1]``."""
        return self.weights[_layer(l, len(self.weights), "dW")]

    def db(self, l: int) -> np.ndarray:
        """dC/db^{(l)} for l = 1..L; the same array as ``biases[l - 1]``."""
        return self.biases[_layer(l, len(self.biases), "db")]

    def delta(self, l: int) -> np.ndarray:
        """delta^{(l)} for l = 1..L, one row per example; the same array as ``deltas[l - 1]``."""
        if not self.deltas:
            raise ValueError("these gradients carry no deltas (numerical gradients have none); "
                             "use net.gradients(X, Y) or net.backward(trace, Y)")
        return self.deltas[_layer(l, len(self.deltas), "delta")]


def _layer(l: int, L: int, name: str, first: int = 1) -> int:
    """The code index (0-based) of maths layer ``l``, which must lie in first..L."""
    return check_int(l, f"the layer l of {name}(l)", first, L, expected=f"a layer from {first} to {L} (the book "
                     "counts layers from 1, the input is layer 0)") - 1


class _ParamList(list):
    """A list of parameter arrays that refuses an array of the wrong shape or with NaN/inf."""

    def __init__(self, arrays, shapes, kind: str):
        self._shapes, self._kind = list(shapes), kind
        if len(arrays) != len(self._shapes):
            raise ValueError(f"expected {len(self._shapes)} {kind} arrays; received {len(arrays)}")
        super().__init__(self._checked(i, a) for i, a in enumerate(arrays))

    def _checked(self, i: int, value) -> np.ndarray:
        arr = as_float_array(value, f"{self._kind}[{i}]")
        if arr.shape != self._shapes[i]:
            raise ValueError(f"{self._kind}[{i}] must have shape {self._shapes[i]}; received shape {arr.shape}")
        check_finite(arr, f"{self._kind}[{i}]")
        return np.array(arr, dtype=np.float64)  # own copy, writable, contiguous

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            raise ValueError(f"assign {self._kind} one layer at a time, e.g. net.{self._kind}[0] = array")
        super().__setitem__(i, self._checked(range(len(self))[i], value))

    def __reduce__(self):  # pickle / deepcopy as a plain list plus shapes
        return (_ParamList, (list(self), self._shapes, self._kind))


class Network:
    """A feed-forward network with widths ``sizes`` (input width first), trained by backpropagation.

    ``weights[l]`` is W^{(l+1)} with shape (sizes[l+1], sizes[l]); ``weights[l][j, k]`` is the weight
    to unit j of layer l+1 from unit k of layer l. ``biases[l]`` is b^{(l+1)}, shape (sizes[l+1],).

    The unchecked protocol, for bpnet's own modules and advanced readers. Each public method (``forward``,
    ``backward``, ``gradients``, ``loss``, ``step``, ``fit``) checks its input, then runs a fast path that checks
    nothing. Code that runs many passes on the same data (training, gradient checks, the widgets) checks once and
    calls the fast path directly:

    * ``check_X(X)``, ``check_Y(Y, m)``, ``check_params()``: the checks, raising the public methods' ValueErrors;
      the first two return the float arrays, one row per example, that the unchecked methods expect;
    * ``forward_unchecked(A, start=0)``, ``backward_unchecked(trace, Y)``, ``cost_unchecked(trace, Y)``,
      ``step_unchecked(grads, eta)``: forward, backward, cost and update, skipping every check; given input that
      was not checked they can fail with a NumPy error or return nonsense instead of raising a readable error;
    * ``rng``: the network's random generator (seeded with ``seed``), which ``fit`` shuffles with by default.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str = "sigmoid",
        output_activation: str = "sigmoid",
        loss: str = "mse",
        init: str = "xavier",
        seed: int | None = None,
        *,
        init_scale: float = 1.0,
    ):
        self.sizes = check_sizes(sizes)
        self.activation: Activation = get_activation(activation, hidden=True)
        self.output_activation: Activation = get_activation(output_activation)
        self.loss_fn: Loss = get_loss(loss, output_activation)
        check_choice(init, INITS, "init")
        self.init, self.seed = init, seed
        self._rng = np.random.default_rng(seed)
        weights, biases = initialize(init, self.sizes, self._rng, check_positive(init_scale, "init_scale"))
        self.weights, self.biases = weights, biases

    # -- parameters ---------------------------------------------------------------------------
    @property
    def weights(self) -> list[np.ndarray]:
        return self._weights

    @weights.setter
    def weights(self, arrays) -> None:
        self._weights = _ParamList(list(arrays), [(o, i) for i, o in zip(self.sizes, self.sizes[1:])], "weights")

    @property
    def biases(self) -> list[np.ndarray]:
        return self._biases

    @biases.setter
    def biases(self, arrays) -> None:
        self._biases = _ParamList(list(arrays), [(o,) for o in self.sizes[1:]], "biases")

    @property
    def n_layers(self) -> int:
        """L, the number of weight layers (the input layer is layer 0)."""
        return len(self.sizes) - 1

    def W(self, l: int) -> np.ndarray:
        """W^{(l)} for l = 1..L, the matrix from layer l-1 to layer l; the same array as ``weights[l - 1]``."""
        return self.weights[_layer(l, self.n_layers, "W")]

    def b(self, l: int) -> np.ndarray:
        """b^{(l)} for l = 1..L; the same array as ``biases[l - 1]``."""
        return self.biases[_layer(l, self.n_layers, "b")]

    def activation_of(self, l: int) -> Activation:
        """The activation of weight layer ``l`` (0-based): the output activation for the last one."""
        return self.output_activation if l == self.n_layers - 1 else self.activation

    # -- the three steps ------------------------------------------------------------------------
    def forward(self, X) -> Trace:
        """The forward pass, Eq. (4.2): z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, a^{(l)} = phi(z^{(l)})."""
        self.check_params()
        return self.forward_unchecked(self.check_X(X))

    def forward_unchecked(self, A: np.ndarray, start: int = 0) -> Trace:
        """``forward`` without its checks: ``A`` must come from ``check_X`` and the parameters must be finite.
        With ``start`` > 0, ``A`` is a^{(start)} and only the layers after it run (a gradient check that nudges
        a parameter of layer l reuses the unchanged layers before it). Part of the unchecked protocol (see the
        class docstring)."""
        zs, activations = [], [A]
        for l in range(start, self.n_layers):
            z = A @ self.weights[l].T + self.biases[l]  # rows are examples: (W a + b)^T = a^T W^T + b^T
            A = self.activation_of(l)(z)
            zs.append(z)
            activations.append(A)
        return Trace(zs, activations)

    def output_delta(self, trace: Trace, Y: np.ndarray) -> np.ndarray:
        """delta^{(L)} = dC_x/dz^{(L)} for each example, Eq. (5.6) (a - y where phi' cancels)."""
        return self.loss_fn.output_delta(trace.zs[-1], trace.output, Y, self.output_activation)

    def backward(self, trace: Trace, Y) -> Gradients:
        """The backward pass, Eqs. (5.6)-(5.9); gradients of the mean cost over the m examples."""
        if not isinstance(trace, Trace):
            raise ValueError(f"backward expects the Trace returned by forward(X); received {type(trace).__name__}")
        return self.backward_unchecked(trace, self.check_Y(Y, trace.output.shape[0]))

    def backward_unchecked(self, trace: Trace, Y: np.ndarray) -> Gradients:
        """``backward`` without its checks: ``trace`` must come from a forward pass and ``Y`` from ``check_Y``.
        Part of the unchecked protocol (see the class docstring)."""
        m = Y.shape[0]  # the batch size
        delta = self.output_delta(trace, Y)
        L = self.n_layers
        gW, gb, deltas = [None] * L, [None] * L, [None] * L
        for l in range(L - 1, -1, -1):
            deltas[l] = delta
            gW[l] = delta.T @ trace.activations[l] / m  # mean over x of delta_j a_k, Eq. (5.9)
            gb[l] = delta.sum(axis=0) / m  # mean over x of delta_j, Eq. (5.8)
            if l > 0:  # Eq. (5.7) with the weights of this step, before any update
                delta = self.activation_of(l - 1).backprop(
                    trace.zs[l - 1], trace.activations[l], delta @ self.weights[l]
                )
        return Gradients(gW, gb, deltas)

    def gradients(self, X, Y) -> Gradients:
        """Forward then backward: dC/dW and dC/db of the mean cost over the batch."""
        trace = self.forward(X)
        return self.backward_unchecked(trace, self.check_Y(Y, trace.output.shape[0]))

    def loss(self, X, Y) -> float:
        """C = (1/m) sum_x C_x, the mean per-example cost over the m rows of X (Eq. 2.4)."""
        trace = self.forward(X)
        return self.cost_unchecked(trace, self.check_Y(Y, trace.output.shape[0]))

    def cost_unchecked(self, trace: Trace, Y: np.ndarray) -> float:
        """The mean cost of ``trace``'s output against ``Y`` (``loss`` without its checks): ``Y`` must come from
        ``check_Y``; an overflowing cost returns inf or NaN without a warning. Part of the unchecked protocol
        (see the class docstring)."""
        with np.errstate(over="ignore", invalid="ignore"):
            c = self.loss_fn.cost(trace.zs[-1], trace.output, Y, self.output_activation)
        return float(c.sum() / c.shape[0])  # np.mean's own sum and division, without its per-call overhead

    def predict(self, X) -> np.ndarray:
        """The output activations a^{(L)}; a 1-D input gives a 1-D output."""
        out = self.forward(X).output
        return out[0] if np.ndim(X) == 1 else out

    def step(self, grads: Gradients, lr: float) -> None:
        """One step of gradient descent, in place: w <- w - eta dC/dw, b <- b - eta dC/db (Eq. 7.1)."""
        eta = check_positive(lr, "lr (the learning rate eta)")
        for kind, params, g in (("weights", self.weights, grads.weights), ("biases", self.biases, grads.biases)):
            if len(g) != len(params) or any(np.shape(p) != np.shape(q) for p, q in zip(params, g)):
                raise ValueError(
                    f"gradient {kind} must have shapes {[p.shape for p in params]}; "
                    f"received {[np.shape(q) for q in g]}"
                )
        self.step_unchecked(grads, eta)

    def step_unchecked(self, grads: Gradients, eta: float) -> None:
        """``step`` without its checks: ``eta`` must be a positive float and ``grads`` must match the parameters'
        shapes. Part of the unchecked protocol (see the class docstring)."""
        for p, g in zip((*self.weights, *self.biases), (*grads.weights, *grads.biases)):
            p -= eta * g

    def fit(self, X, Y, *, epochs: int, lr: float, batch_size: int | None = None, shuffle: bool = True,
            seed: int | None = None, callback: Callable | None = None):
        """Gradient descent for ``epochs`` passes over (X, Y); see :func:`bpnet.training.fit`."""
        from .training import fit

        return fit(self, X, Y, epochs=epochs, lr=lr, batch_size=batch_size, shuffle=shuffle, seed=seed,
                   callback=callback)

    def copy(self) -> Network:
        """An independent copy: same architecture, parameters and random state."""
        return _copy.deepcopy(self)

    def __repr__(self) -> str:
        return (f"Network(sizes={list(self.sizes)}, activation={self.activation.name!r}, "
                f"output_activation={self.output_activation.name!r}, loss={self.loss_fn.name!r})")

    # -- the unchecked protocol's checks and generator (see the class docstring) --------------
    @property
    def rng(self) -> np.random.Generator:
        """The network's random generator, seeded with ``seed``: it drew the initial parameters, and ``fit``
        shuffles with it when given no seed. Read-only; using it advances its state. Part of the unchecked
        protocol."""
        return self._rng

    def check_params(self) -> None:
        """Raise ValueError if a weight or bias array has the wrong shape or holds NaN or inf (the check
        ``forward`` runs before ``forward_unchecked``). Part of the unchecked protocol."""
        for kind, params in (("weights", self.weights), ("biases", self.biases)):
            for i, p in enumerate(params):
                expected = params._shapes[i]
                if p.shape != expected:
                    raise ValueError(f"{kind}[{i}] must have shape {expected}; received shape {p.shape}")
                check_finite(p, f"net.{kind}[{i}]")

    def check_X(self, X) -> np.ndarray:
        """``X`` as a finite float array of shape (m, sizes[0]), a single example (sizes[0],) becoming one row;
        raises the ValueError of ``forward`` otherwise. Part of the unchecked protocol."""
        X = as_float_array(X, "X")
        if X.ndim == 1:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != self.sizes[0] or X.shape[0] == 0:
            raise ValueError(
                f"X must have shape (n, {self.sizes[0]}) with n >= 1, or ({self.sizes[0]},) for one example; "
                f"received shape {X.shape}"
            )
        check_finite(X, "X")
        return X

    def check_Y(self, Y, m: int) -> np.ndarray:
        """``Y`` as a finite float array of shape (m, sizes[-1]) for m examples, a single target (sizes[-1],)
        becoming one row when m is 1, with values in [0, 1] for cross-entropy; raises the ValueError of
        ``backward`` otherwise. Part of the unchecked protocol."""
        Y = as_float_array(Y, "Y")
        width = self.sizes[-1]
        if Y.ndim == 1 and m == 1:
            Y = Y[None, :]
        if Y.shape != (m, width):
            raise ValueError(f"Y must have shape ({m}, {width}) to match X; received shape {Y.shape}")
        check_finite(Y, "Y")
        if self.loss_fn.name == "cross_entropy" and (Y.min() < 0 or Y.max() > 1):
            raise ValueError(
                f"cross_entropy targets must lie in [0, 1]; received values from {Y.min():g} to {Y.max():g}"
            )
        return Y
