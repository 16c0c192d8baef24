"""The equations beside the diagram: each line in the book's symbols, then with bpnet's numbers, then the result.

Every function reads its numbers from ``raw``, the floats of one step keyed by element id and quantity
(:func:`bpnet.widgets.arrays.raw_values`), and the network only for its shape and the names of its activations and
cost; ``nm`` writes the symbols (:class:`bpnet.notation.Names`) and ``f`` the numbers (:func:`bpnet.widgets.format.fmt`
at the document's precision). Each returns ``[{"target": element id, "lines": [str, ...]}]``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from ..notation import COST_ID, Names, activation_symbol, node_id, weight_id
from .format import factor, fmt_lr, sum_text

__all__ = ["input_eqs", "forward_eqs", "cost_eqs", "output_delta_eqs", "hidden_delta_eqs", "gradient_eqs",
           "update_eqs", "step_cost_eqs"]

Raw = dict[str, dict[str, float]]
Fmt = Callable[[float], str]


def _act(net, l: int) -> str:
    """The symbol of the activation of book layer l (σ, tanh, ...)."""
    return activation_symbol(net.activation_of(l - 1).name)


def input_eqs(net, raw: Raw, nm: Names, f: Fmt) -> list:
    """a^{(0)}_k = x_k for each input."""
    return [{"target": node_id(0, k), "lines": [f"{nm.a(0, k)} = {nm.x(k)} = {f(raw[node_id(0, k)]['x'])}"]}
            for k in range(net.sizes[0])]


def forward_eqs(net, raw: Raw, l: int, nm: Names, f: Fmt) -> list:
    """z^{(l)}_j = sum_k w^{(l)}_{jk} a^{(l-1)}_k + b^{(l)}_j and a^{(l)}_j = phi(z^{(l)}_j) (Eq. 4.1)."""
    sym, eqs, ks = _act(net, l), [], range(net.sizes[l - 1])
    for j in range(net.sizes[l]):
        u = raw[node_id(l, j)]
        products = [f"{f(raw[weight_id(l, j, k)]['w'])}·{factor(f(raw[node_id(l - 1, k)]['a']))}" for k in ks]
        lines = [f"{nm.z(l, j)} = " + sum_text([f"{nm.w(l, j, k)} {nm.a(l - 1, k)}" for k in ks] + [nm.b(l, j)]),
                 "= " + sum_text(products + [factor(f(u["b"]))]), f"= {f(u['z'])}"]
        if sym == "softmax":
            lines.append(f"{nm.a(l, j)} = e^{nm.z(l, j)} / Σₖ e^{nm.z(l)}ₖ = {f(u['a'])}")
        else:
            lines.append(f"{nm.a(l, j)} = {sym}({nm.z(l, j)}) = {sym}({f(u['z'])}) = {f(u['a'])}")
        eqs.append({"target": node_id(l, j), "lines": lines})
    return eqs


def cost_eqs(net, raw: Raw, nm: Names, f: Fmt) -> list:
    """The cost of the example: squared error (Eq. 2.3) or cross-entropy (Eq. 8.7)."""
    L = len(net.sizes) - 1
    out = [raw[node_id(L, j)] for j in range(net.sizes[L])]
    aL, loss = nm.a(L), net.loss_fn.name
    if loss == "mse":
        lines = [f"C = ½ Σⱼ ({aL}ⱼ − yⱼ)²",
                 "= ½[" + sum_text([f"({f(u['a'])} − {factor(f(u['y']))})²" for u in out]) + "]"]
    elif net.output_activation.name == "sigmoid":
        lines = [f"C = −Σⱼ [yⱼ ln {aL}ⱼ + (1 − yⱼ) ln(1 − {aL}ⱼ)]",
                 "= −[" + sum_text([f"{f(u['y'])}·ln {f(u['a'])} + {f(1 - u['y'])}·ln {f(1 - u['a'])}"
                                    for u in out]) + "]"]
    else:
        lines = [f"C = −Σⱼ yⱼ ln {aL}ⱼ", "= −[" + sum_text([f"{f(u['y'])}·ln {f(u['a'])}" for u in out]) + "]"]
    return [{"target": COST_ID, "lines": lines + [f"= {f(raw[COST_ID]['C'])}"]}]


def output_delta_eqs(net, raw: Raw, nm: Names, f: Fmt) -> list:
    """delta^{(L)}_j = dC/da^{(L)}_j phi'(z^{(L)}_j) (Eq. 5.6); a^{(L)}_j - y_j where phi' cancels."""
    L = len(net.sizes) - 1
    sym, ce, eqs = _act(net, L), net.loss_fn.name == "cross_entropy", []
    for j in range(net.sizes[L]):
        u = raw[node_id(L, j)]
        a, y = f(u["a"]), factor(f(u["y"]))
        if ce:
            lines = [f"{nm.d(L, j)} = {nm.a(L, j)} − {nm.y(j)}   ({sym}′ cancels with cross-entropy)", f"= {a} − {y}"]
        elif "dphi" in u:
            lines = [f"{nm.d(L, j)} = ({nm.a(L, j)} − {nm.y(j)})·{sym}′({nm.z(L, j)})", f"= ({a} − {y})·{f(u['dphi'])}"]
        else:
            lines = [f"{nm.d(L, j)} = {nm.a(L, j)}((aⱼ − yⱼ) − Σₖ aₖ(aₖ − yₖ))   (softmax Jacobian)"]
        eqs.append({"target": node_id(L, j), "lines": lines + [f"= {f(u['delta'])}"]})
    return eqs


def hidden_delta_eqs(net, raw: Raw, l: int, units: Iterable[int], nm: Names, f: Fmt) -> list:
    """delta^{(l)}_j = (sum_k w^{(l+1)}_{kj} delta^{(l+1)}_k) phi'(z^{(l)}_j) (Eq. 5.7), with the weights before
    the update; the sum runs over the units k of layer l + 1, as in Chapter 5."""
    sym, eqs = _act(net, l), []
    for j in units:
        u = raw[node_id(l, j)]
        terms = [f"{f(raw[weight_id(l + 1, k, j)]['w'])}·{factor(f(raw[node_id(l + 1, k)]['delta']))}"
                 for k in range(net.sizes[l + 1])]
        lines = [f"{nm.d(l, j)} = (Σₖ {nm.w(l + 1)}ₖ{nm.i(j)} {nm.d(l + 1)}ₖ)·{sym}′({nm.z(l, j)})"
                 "   (weights before the update)",
                 f"= ({sum_text(terms)})·{f(u['dphi'])}", f"= {f(u['delta'])}"]
        eqs.append({"target": node_id(l, j), "lines": lines})
    return eqs


def _parameter_eqs(net, l: int, weight_line: Callable[[int, int], str], bias_line: Callable[[int], str]) -> list:
    """One line per weight of layer l (on its edge), then one per bias (on its unit), unit by unit."""
    eqs = []
    for j in range(net.sizes[l]):
        eqs += [{"target": weight_id(l, j, k), "lines": [weight_line(j, k)]} for k in range(net.sizes[l - 1])]
        eqs.append({"target": node_id(l, j), "lines": [bias_line(j)]})
    return eqs


def gradient_eqs(net, raw: Raw, l: int, nm: Names, f: Fmt) -> list:
    """dC/dw^{(l)}_{jk} = delta^{(l)}_j a^{(l-1)}_k (Eq. 5.9) and dC/db^{(l)}_j = delta^{(l)}_j (Eq. 5.8)."""
    def weight(j: int, k: int) -> str:
        return (f"∂C/∂{nm.w(l, j, k)} = {nm.d(l, j)} {nm.a(l - 1, k)} = {f(raw[node_id(l, j)]['delta'])}·"
                f"{factor(f(raw[node_id(l - 1, k)]['a']))} = {f(raw[weight_id(l, j, k)]['dw'])}")

    return _parameter_eqs(net, l, weight, lambda j: f"∂C/∂{nm.b(l, j)} = {nm.d(l, j)} = {f(raw[node_id(l, j)]['db'])}")


def update_eqs(net, raw: Raw, l: int, lr: float, nm: Names, f: Fmt) -> list:
    """p <- p - eta dC/dp for every weight and bias of layer l (Eq. 7.1), old value -> new value."""
    eta = fmt_lr(lr)

    def line(p: str, old: float, grad: float, new: float) -> str:
        return f"{p} ← {p} − η ∂C/∂{p} = {f(old)} − {eta}·{factor(f(grad))} = {f(new)}"

    def weight(j: int, k: int) -> str:
        r = raw[weight_id(l, j, k)]
        return line(nm.w(l, j, k), r["w"], r["dw"], r["w_new"])

    def bias(j: int) -> str:
        u = raw[node_id(l, j)]
        return line(nm.b(l, j), u["b"], u["db"], u["b_new"])

    return _parameter_eqs(net, l, weight, bias)


def step_cost_eqs(raw: Raw, lr: float, f: Fmt) -> list:
    """The cost before and after the step."""
    c = raw[COST_ID]
    return [{"target": COST_ID, "lines": [f"C before the step = {f(c['C'])}",
                                           f"C after the step (η = {fmt_lr(lr)}) = {f(c['C_new'])}"]}]
