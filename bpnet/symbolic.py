"""The same network written with SymPy symbols (every chapter's derivations).

Symbols are named the way the book writes them (:func:`bpnet.notation.sympy_name`), so ``sympy.latex``
output goes straight into the text: ``w^{(1)}_{12}`` is the weight to unit 1 of layer 1 from unit 2 of
layer 0, ``b^{(2)}_{1}``, ``z^{(2)}_{1}``, ``a^{(1)}_{2}``, ``\\delta^{(2)}_{1}``, inputs ``x_{1}`` and targets
``y_{1}``. Symbol indices are 1-based like the book's; Python lists are 0-based like bpnet's arrays, so
``sym.weights[0][0, 1]`` is w^{(1)}_{12} and matches ``net.weights[0][0, 1]``.

Two forms of each quantity are available. *Explicit*: ``cost``, ``z`` and ``a`` are expressions in the
weights, biases, inputs and targets only. *Abstract*: ``z_symbols``, ``a_symbols`` and
``delta_symbols`` stand for the intermediate quantities, so that the chain rule can be shown factor by
factor (Chapter 3): dC/dw^{(L)}_{jk} = dz^{(L)}_j/dw^{(L)}_{jk} * da^{(L)}_j/dz^{(L)}_j * dC/da^{(L)}_j.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from .activations import get_activation
from .errors import check_int, check_sizes
from .losses import get_loss
from .network import Gradients, Network
from .notation import sympy_name

__all__ = ["SymbolicNetwork", "ChainRule", "activation_expr", "cost_expr"]


def _vector(name: str, layer: int | None, n: int) -> sp.Matrix:
    return sp.Matrix([sp.Symbol(sympy_name(name, layer, j), real=True) for j in range(n)])


def activation_expr(name: str, z: sp.Matrix) -> sp.Matrix:
    """The activation phi applied to a column of SymPy expressions (softmax couples the whole column)."""
    get_activation(name)
    if name == "softmax":
        e = z.applyfunc(sp.exp)
        return e / sum(e)
    rule = {
        "sigmoid": lambda t: 1 / (1 + sp.exp(-t)),
        "tanh": sp.tanh,
        "relu": lambda t: sp.Max(0, t),
        "identity": lambda t: t,
    }[name]
    return z.applyfunc(rule)


def cost_expr(loss: str, output_activation: str, a: sp.Matrix, y: sp.Matrix) -> sp.Expr:
    """C_x as a SymPy expression of the outputs a and targets y (Eqs. 2.3 and 8.7)."""
    get_loss(loss, output_activation)
    if loss == "mse":
        return sp.Rational(1, 2) * sum((aj - yj) ** 2 for aj, yj in zip(a, y))
    if output_activation == "softmax":
        return -sum(yj * sp.log(aj) for aj, yj in zip(a, y))
    return -sum(yj * sp.log(aj) + (1 - yj) * sp.log(1 - aj) for aj, yj in zip(a, y))


@dataclass
class ChainRule:
    """The factors of dC/dp for one parameter p of layer l, unit j (Chapter 3, Eq. 3.2).

    ``dz_dp`` is dz^{(l)}_j/dp (a^{(l-1)}_k for a weight, 1 for a bias); ``delta`` is dC/dz^{(l)}_j.
    For the output layer with an elementwise activation, ``da_dz`` and ``dC_da`` split delta further.
    All are abstract (in z, a, y symbols); use :meth:`SymbolicNetwork.explicit` or ``evaluate``.
    """

    dz_dp: sp.Expr
    delta: sp.Expr
    da_dz: sp.Expr | None = None
    dC_da: sp.Expr | None = None

    @property
    def product(self) -> sp.Expr:
        if self.da_dz is not None:
            return self.dz_dp * self.da_dz * self.dC_da
        return self.dz_dp * self.delta


class SymbolicNetwork:
    """A network of SymPy symbols with the same conventions as :class:`bpnet.Network`."""

    def __init__(self, sizes, activation: str = "sigmoid", output_activation: str = "sigmoid", loss: str = "mse"):
        self.sizes = check_sizes(sizes)
        get_activation(activation, hidden=True)
        get_loss(loss, output_activation)
        self.activation, self.output_activation, self.loss = activation, output_activation, loss
        L = len(self.sizes) - 1
        self.inputs = _vector("x", None, self.sizes[0])
        self.targets = _vector("y", None, self.sizes[-1])
        self.weights = [
            sp.Matrix(o, i, lambda j, k, l=l: sp.Symbol(sympy_name("w", l + 1, j, k), real=True))
            for l, (i, o) in enumerate(zip(self.sizes, self.sizes[1:]))
        ]
        self.biases = [_vector("b", l + 1, o) for l, o in enumerate(self.sizes[1:])]
        self.z_symbols = [_vector("z", l + 1, o) for l, o in enumerate(self.sizes[1:])]
        self.a_symbols = [self.inputs] + [_vector("a", l + 1, o) for l, o in enumerate(self.sizes[1:])]
        self.delta_symbols = [_vector("\\delta", l + 1, o) for l, o in enumerate(self.sizes[1:])]
        self.z, self.a = [], [self.inputs]
        for l in range(L):
            self.z.append(self.weights[l] * self.a[-1] + self.biases[l])
            self.a.append(activation_expr(self._act(l), self.z[-1]))
        self.cost = cost_expr(loss, output_activation, self.a[-1], self.targets)
        self._compiled = None

    def _act(self, l: int) -> str:
        return self.output_activation if l == len(self.sizes) - 2 else self.activation

    @property
    def parameters(self) -> list[sp.Symbol]:
        """Every weight then every bias, layer by layer (the order of ``Gradients.flat``)."""
        return [s for M in (*self.weights, *self.biases) for s in M]

    # -- symbols named as the maths reads: layers and units count from 1 ----------------------------
    def w(self, l: int, j: int, k: int) -> sp.Symbol:
        """The symbol w^{(l)}_{jk}, to unit j of layer l from unit k of layer l-1 (l, j, k from 1)."""
        return self.weights[self._at(l, "w")][self._unit(l, j, "j"), self._unit(l - 1, k, "k")]

    def b(self, l: int, j: int) -> sp.Symbol:
        """The symbol b^{(l)}_j (l and j from 1)."""
        return self.biases[self._at(l, "b")][self._unit(l, j, "j")]

    def delta_of(self, l: int, j: int) -> sp.Expr:
        """delta^{(l)}_j = dC_x/dz^{(l)}_j, explicit, with l and j counted from 1 (``delta(l - 1, j - 1)``)."""
        return self.delta(self._at(l, "delta_of"), self._unit(l, j, "j"))

    def _at(self, l: int, name: str) -> int:
        L = len(self.sizes) - 1
        return check_int(l, f"the layer l of {name}(l, ...)", 1, L, expected=f"a layer from 1 to {L}") - 1

    def _unit(self, l: int, j: int, letter: str) -> int:
        return check_int(j, f"unit {letter} of layer {l}", 1, self.sizes[l]) - 1

    # -- derivatives ------------------------------------------------------------------------
    def gradient(self, symbol: sp.Symbol) -> sp.Expr:
        """dC_x/d(symbol), explicit in weights, biases, inputs and targets."""
        return sp.diff(self.cost, symbol)

    def cost_from_layer(self, l: int) -> sp.Expr:
        """C_x as a function of the symbols z^{(l+1)} (``z_symbols[l]``) and the later parameters."""
        a = activation_expr(self._act(l), self.z_symbols[l])
        for m in range(l + 1, len(self.weights)):
            a = activation_expr(self._act(m), self.weights[m] * a + self.biases[m])
        return cost_expr(self.loss, self.output_activation, a, self.targets)

    def delta(self, l: int, j: int) -> sp.Expr:
        """delta^{(l+1)}_{j+1} = dC_x/dz^{(l+1)}_{j+1}, explicit (Eq. 5.6 for the output, 5.7 inside)."""
        zs = self.z_symbols[l]
        d = sp.diff(self.cost_from_layer(l), zs[j])
        return d.subs(dict(zip(zs, self.z[l])))

    def chain_rule(self, symbol: sp.Symbol) -> ChainRule:
        """Factor dC/d(symbol) for a weight or bias into abstract chain-rule factors (Eq. 3.2)."""
        l = next((l for l, (W, b) in enumerate(zip(self.weights, self.biases)) if symbol in W or symbol in b), None)
        if l is None:
            raise ValueError(f"chain_rule expects a weight or bias symbol of this network; received {symbol!r}")
        W, b = self.weights[l], self.biases[l]
        j = list(W).index(symbol) // W.shape[1] if symbol in W else list(b).index(symbol)
        dz_dp = self.a_symbols[l][list(W).index(symbol) % W.shape[1]] if symbol in W else sp.Integer(1)
        z, a = self.z_symbols[l][j], self.a_symbols[l + 1][j]
        rule = ChainRule(dz_dp=dz_dp, delta=self.delta_symbols[l][j])
        if l == len(self.weights) - 1 and self.output_activation != "softmax":
            rule.da_dz = sp.diff(activation_expr(self.output_activation, sp.Matrix([z]))[0], z)
            rule.dC_da = sp.diff(cost_expr(self.loss, self.output_activation, self.a_symbols[-1], self.targets), a)
            rule.delta = rule.da_dz * rule.dC_da
        return rule

    # -- from abstract symbols to explicit expressions and numbers ---------------------------
    def explicit(self, expr: sp.Expr) -> sp.Expr:
        """Replace every z, a and delta symbol by its explicit expression."""
        subs = {}
        for l in range(len(self.weights)):
            subs.update(zip(self.z_symbols[l], self.z[l]))
            subs.update(zip(self.a_symbols[l + 1], self.a[l + 1]))
            subs.update({d: self.delta(l, j) for j, d in enumerate(self.delta_symbols[l]) if d in expr.free_symbols})
        return sp.sympify(expr).subs(subs)

    def values(self, net: Network, x, y) -> dict[sp.Symbol, float]:
        """Every symbol's value for one example (x, y) under ``net``'s parameters, from bpnet."""
        self._check_net(net)
        trace = net.forward(np.asarray(x, dtype=float).reshape(1, -1))
        y = net.check_Y(np.asarray(y, dtype=float).reshape(1, -1), 1)
        grads = net.backward_unchecked(trace, y)
        vals = dict(zip(self.targets, y[0]))
        for l in range(len(self.weights)):
            vals.update(zip(self.weights[l], net.weights[l].ravel()))
            vals.update(zip(self.biases[l], net.biases[l]))
            vals.update(zip(self.z_symbols[l], trace.zs[l][0]))
            vals.update(zip(self.delta_symbols[l], grads.deltas[l][0]))
        for l, A in enumerate(trace.activations):
            vals.update(zip(self.a_symbols[l], A[0]))
        return {k: float(v) for k, v in vals.items()}

    def evaluate(self, expr: sp.Expr, net: Network, x, y) -> float:
        """The number ``expr`` takes for example (x, y), parameters from ``net``."""
        expr = sp.sympify(expr)
        values = self.values(net, x, y)
        free = sorted(expr.free_symbols, key=str)
        missing = [s for s in free if s not in values]
        if missing:
            raise ValueError(f"evaluate: expression has symbols that are not this network's: {missing}")
        # lambdify, not subs: substituting floats into a large expression tree is far slower
        return float(sp.lambdify(free, expr, modules="numpy")(*(values[s] for s in free)))

    def gradients(self, net: Network, X, Y) -> Gradients:
        """The symbolic dC_x/dp evaluated at ``net``'s parameters and averaged over the examples."""
        self._check_net(net)
        X = net.check_X(X)
        Y = net.check_Y(Y, X.shape[0])
        if self._compiled is None:
            args = [*self.parameters, *self.inputs, *self.targets]
            grads = [self.gradient(p) for p in self.parameters]
            self._compiled = sp.lambdify(args, grads, modules="numpy", cse=True)  # returns a list
        params = [v for P in (*net.weights, *net.biases) for v in P.ravel()]
        out = self._compiled(*params, *X.T, *Y.T)
        flat = np.array([np.mean(np.broadcast_to(np.asarray(v, dtype=float), (X.shape[0],))) for v in out])
        gw, gb, pos = [], [], 0
        for dest, shapes in ((gw, [W.shape for W in net.weights]), (gb, [b.shape for b in net.biases])):
            for shape in shapes:
                size = int(np.prod(shape))
                dest.append(flat[pos:pos + size].reshape(shape))
                pos += size
        return Gradients(gw, gb)

    def _check_net(self, net: Network) -> None:
        ours = (self.sizes, self.activation, self.output_activation, self.loss)
        theirs = (net.sizes, net.activation.name, net.output_activation.name, net.loss_fn.name)
        if ours != theirs:
            raise ValueError(f"the network must match this SymbolicNetwork {ours}; received {theirs}")
