"""A tiny reverse-mode automatic differentiation engine on scalars (Chapter 11).

In the style of Karpathy's micrograd: every operation records its inputs and keeps its *local*
derivative beside its forward rule. ``backward()`` visits the graph in reverse topological order and
applies the chain rule, dC/d(input) += dC/d(output) * d(output)/d(input). The ``+=`` is the sum over
paths of Chapter 5: a value used twice receives a contribution along each use. Because gradients
accumulate, they must be reset to zero (:func:`zero_grad`) before the next backward pass.
"""
from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = ["Value", "zero_grad", "network_cost", "topological_order", "backward_by_edge"]


class Value:
    """A scalar that remembers how it was computed; ``grad`` holds dC/d(this value) after ``backward``."""

    def __init__(self, data: float, _children: tuple[Value, ...] = (), _op: str = ""):
        self.data, self.grad = float(data), 0.0
        self._backward = lambda: None  # pushes self.grad to the children, set by each operation
        self._prev, self._op = _children, _op

    # -- operations: forward rule, then local derivative ------------------------------------
    def __add__(self, other) -> Value:
        other = _as_value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():  # d(s + o)/ds = 1, d(s + o)/do = 1
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other) -> Value:
        other = _as_value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():  # d(s o)/ds = o, d(s o)/do = s
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k: float) -> Value:
        if not isinstance(k, (int, float)):
            raise ValueError(f"Value ** k needs a number k; received {type(k).__name__}")
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward():  # d(s^k)/ds = k s^(k-1)
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> Value:
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():  # d(e^s)/ds = e^s
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> Value:
        if self.data <= 0:
            raise ValueError(f"log needs a positive value; received {self.data!r}")
        out = Value(math.log(self.data), (self,), "log")

        def _backward():  # d(ln s)/ds = 1/s
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def sigmoid(self) -> Value:
        e = math.exp(-abs(self.data))  # in (0, 1]: never overflows
        s = 1.0 / (1.0 + e) if self.data >= 0 else e / (1.0 + e)
        out = Value(s, (self,), "sigmoid")

        def _backward():  # sigma'(s) = sigma(s) (1 - sigma(s))
            self.grad += s * (1.0 - s) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> Value:
        out = Value(max(self.data, 0.0), (self,), "relu")

        def _backward():  # relu'(s) = 1 if s > 0 else 0
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    def max(self, other) -> Value:
        other = _as_value(other)
        first = self.data >= other.data  # a tie goes to self
        out = Value(self.data if first else other.data, (self, other), "max")

        def _backward():  # d max(s, o)/ds = 1 if s >= o else 0; d max(s, o)/do = the other one
            self.grad += first * out.grad
            other.grad += (not first) * out.grad
        out._backward = _backward
        return out

    # -- derived operations (no derivative of their own: they reuse the ones above) ---------
    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other) -> Value:
        return self + (-_as_value(other))

    def __truediv__(self, other) -> Value:
        return self * _as_value(other) ** -1

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other) -> Value:
        return _as_value(other) - self

    def __rtruediv__(self, other) -> Value:
        return _as_value(other) / self

    # -- reverse mode ------------------------------------------------------------------------
    def backward(self) -> None:
        """Set self.grad = 1 and apply each node's local rule in reverse topological order."""
        self.grad = 1.0
        for v in reversed(topological_order(self)):
            v._backward()

    @property
    def op(self) -> str:
        """The operation that computed this value ("+", "*", "max", "sigmoid", ...); "" for an input."""
        return self._op

    @property
    def inputs(self) -> tuple[Value, ...]:
        """The values this one was computed from (empty for an input)."""
        return self._prev

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"


def _as_value(x) -> Value:
    return x if isinstance(x, Value) else Value(x)


def zero_grad(values: Iterable[Value]) -> None:
    """Reset every grad to 0: without it a second backward pass adds to the first one's gradients."""
    for v in values:
        v.grad = 0.0


def network_cost(weights, biases, x, y) -> Value:
    """C_x = 1/2 sum_j (a^{(L)}_j - y_j)^2 for a sigmoid network of Values: ``weights[l][j][k]`` is w^{(l+1)}_{jk},
    ``biases[l][j]`` is b^{(l+1)}_j; z_j = sum_k w_jk a_k + b_j and a_j = sigma(z_j) layer by layer (the forward
    pass of Chapter 4)."""
    a = [_as_value(v) for v in x]
    for W, b in zip(weights, biases):
        a = [(sum((w_jk * a_k for w_jk, a_k in zip(row, a)), start=Value(0.0)) + b_j).sigmoid()
             for row, b_j in zip(W, b)]
    return sum(((a_j - y_j) ** 2 for a_j, y_j in zip(a, y)), start=Value(0.0)) * 0.5


def topological_order(root: Value) -> list[Value]:
    """Every value ``root`` was computed from, and ``root`` last, each after the values it was computed from (the order
    :meth:`Value.backward` reverses)."""
    order, seen = [], set()

    def visit(v: Value) -> None:
        if id(v) not in seen:
            seen.add(id(v))
            for child in v.inputs:
                visit(child)
            order.append(v)
    visit(root)
    return order


def backward_by_edge(root: Value, grad: float = 1.0) -> list[tuple[Value, Value, float]]:
    """The backward pass of :meth:`Value.backward`, with ``root.grad = grad`` (the upstream gradient), that also
    returns what each edge carried: ``(input, output, contribution)``, where ``contribution`` is what the output's own
    local rule added to the input's ``grad`` (upstream gradient times local derivative, one term of Chapter 11's
    reverse-mode sum). Each ``grad`` ends as after ``backward()``: the sum of the contributions of its edges (plus what
    it held before). An input used twice by one operation (``a * a``) gets one edge carrying both terms."""
    edges = []
    root.grad = float(grad)
    for v in reversed(topological_order(root)):
        inputs = list(dict.fromkeys(v.inputs))  # each input once, in order
        held = [u.grad for u in inputs]
        for u in inputs:
            u.grad = 0.0
        v._backward()  # the operation's own rule, into zeroed grads: each grad is then this edge's contribution
        for u, before in zip(inputs, held):
            edges.append((u, v, u.grad))
            u.grad = before + u.grad
    return edges
