"""Write what the JavaScript engine and formatter are checked against, computed by bpnet.

    python tests/js/make_engine_fixture.py [OUTDIR]      (default: tests/js/fixtures)

``engine.json``: for every activation/cost combination bpnet allows, random networks of 1-4 weight layers of
1-8 units on batches of 1-16 examples (some with weights large enough to saturate, some with a unit at z = 0
exactly), bpnet's forward values, deltas, gradients, one step's new parameters, the costs before and after, phi'(z)
and the central-difference nudges (bpnet.gradcheck.central_differences, eps = 1e-6); and runs that diverge under
``bpnet.fit``, with DivergenceError's message. ``format.json``: bpnet.widgets.format's strings (fmt, fmt_lr,
factor, sum_text) and Python's format() for the specs the widgets use, on ties, near-ties and random floats.
Floats are written as Python's repr, which reads back to the same double; non-finite ones as "inf", "-inf", "nan".
"""
from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository, when bpnet is not installed
import bpnet  # noqa: E402 (after the repository is put on sys.path)
from bpnet.activations import ACTIVATIONS  # noqa: E402 (after the repository is put on sys.path)
from bpnet.gradcheck import central_differences  # noqa: E402 (after the repository is put on sys.path)
from bpnet.losses import LOSSES  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.format import MAX_TERMS, factor, fmt, fmt_lr, sum_text  # noqa: E402 (after the repository is put on sys.path)

EPS = 1e-6  # the nudge's eps, as in the weights widget
# the widgets' own (str() in DivergenceError, "g", fmt_lr's ".3g", fmt's "#.Ng", ".1f" for coordinates, ".0%")
# and a few more for ties at other places
SPECS = ["", "g", ".3g", "#.3g", ".0g", ".1f", ".0f", ".2f", ".2e", ".0%", ".1%"]


def combos() -> list[tuple[str, str, str]]:
    """(hidden activation, output activation, loss): every combination bpnet's Network accepts."""
    hidden = [n for n, a in ACTIVATIONS.items() if a.hidden_ok]
    return [(h, o, loss) for loss, spec in LOSSES.items() for o in ACTIVATIONS
            if spec.outputs is None or o in spec.outputs for h in hidden]


def targets(rng, m: int, width: int, out: str, loss: str) -> np.ndarray:
    if out == "softmax" and rng.random() < 0.5:  # one-hot rows, else rows that need not sum to 1
        return np.eye(width)[rng.integers(0, width, size=m)]
    if loss == "cross_entropy" or out in ("sigmoid", "softmax"):
        return rng.uniform(0, 1, size=(m, width))
    return rng.normal(0, 1, size=(m, width))


def case(rng, i: int, hidden: str, out: str, loss: str, depth: int) -> dict:
    # 0: widest, largest batch; 1: narrowest, one example; 2: saturating; 3: a z exactly 0; 4: |z| in the
    # hundreds or more (e^-z overflows unless computed as bpnet does); 5: random sizes only
    kind = i % 6
    sizes = ([8] * (depth + 1) if kind == 0 else [1] * (depth + 1) if kind == 1
             else [int(s) for s in rng.integers(1, 9, size=depth + 1)])
    m = 16 if kind == 0 else 1 if kind == 1 else int(rng.integers(1, 17))
    net = bpnet.Network(sizes, activation=hidden, output_activation=out, loss=loss, init="normal",
                        seed=int(rng.integers(2**31)), init_scale={2: 8.0, 4: 100.0}.get(kind, 0.7))
    X = rng.normal(0, 3.0 if kind == 2 else 1.0, size=(m, sizes[0]))
    if kind == 3:  # input 0 and bias 0: z = 0 exactly for every unit of layer 1 on example 0 (ReLU's kink)
        X[0] = 0.0
        net.biases[0] = np.zeros(sizes[1])
    Y = targets(rng, m, sizes[-1], out, loss)
    eta = float(10 ** rng.uniform(-3, 2))
    trace = net.forward(X)
    grads = net.backward(trace, Y)
    after = net.copy()
    after.step(grads, eta)
    nud = {"w": [np.zeros_like(w) for w in net.weights], "b": [np.zeros_like(b) for b in net.biases]}
    for k, l, idx, cp, cm in central_differences(net, trace.activations[0], net.check_Y(Y, m), EPS, from_layer=True):
        nud[k][l][idx] = (cp - cm) / (2 * EPS)
    dphi = [None if net.activation_of(l).derivative is None else net.activation_of(l).derivative(z)
            for l, z in enumerate(trace.zs)]
    return {"name": f"{hidden}/{out}/{loss} sizes {sizes} m={m}" + {2: " saturating", 4: " |z| large"}.get(kind, ""),
            "net": {"activation": hidden, "output_activation": out, "loss": loss, "weights": net.weights,
                    "biases": net.biases},
            "X": X, "Y": Y, "eta": eta, "eps": EPS,
            "zs": trace.zs, "activations": trace.activations[1:], "dphi": dphi, "deltas": grads.deltas,
            "dW": grads.weights, "db": grads.biases, "after": {"weights": after.weights, "biases": after.biases},
            "C": net.loss(X, Y), "C_new": after.loss(X, Y),
            "nudges": {"weights": nud["w"], "biases": nud["b"]}}


def divergence(sizes, hidden, out, loss, lr, epochs, seed, scale=1.0) -> dict:
    """A full-batch run of bpnet.fit that diverges: the epoch and DivergenceError's message."""
    rng = np.random.default_rng(seed)
    net = bpnet.Network(sizes, activation=hidden, output_activation=out, loss=loss, seed=seed)
    X = scale * rng.normal(size=(8, sizes[0]))
    Y = targets(rng, 8, sizes[-1], out, loss)
    start = {"activation": hidden, "output_activation": out, "loss": loss,  # copies: fit trains net in place
             "weights": [w.tolist() for w in net.weights], "biases": [b.tolist() for b in net.biases]}
    try:
        net.fit(X, Y, epochs=epochs, lr=lr)
    except bpnet.DivergenceError as exc:
        return {"net": start, "X": X, "Y": Y, "eta": lr, "epochs": epochs, "epoch": exc.epoch, "message": str(exc)}
    raise AssertionError(f"expected {sizes} {hidden}/{out}/{loss} at lr={lr} to diverge")


def engine_cases() -> dict:
    rng = np.random.default_rng(20240612)
    # two networks per combination, of 1 and 2 or of 3 and 4 weight layers (alternately)
    cases = [case(rng, 2 * i + r, h, o, loss, (2 * i + r) % 4 + 1)
             for i, (h, o, loss) in enumerate(combos()) for r in range(2)]
    # Overflow is clean in these (one input, or a finite z): no sum of +inf and -inf products, whose result
    # would depend on how the matrix product orders its sums.
    runs = [divergence([2, 1], "identity", "identity", "mse", 1e300, 5, 1),  # (a - y)^2 overflows: C = inf
            divergence([1, 2], "identity", "softmax", "mse", 1e306, 5, 2, scale=100.0),  # z = inf: C = nan
            divergence([1, 2], "sigmoid", "sigmoid", "cross_entropy", 1e306, 5, 4, scale=100.0),  # inf - inf
            divergence([2, 4, 1], "tanh", "identity", "mse", 3.0, 400, 3),  # grows for many epochs
            divergence([2, 1], "tanh", "identity", "mse", 1e307, 5, 5, scale=100.0)]  # a parameter overflows
    return {"cases": cases, "divergence": runs}


# ---- formatting ----------------------------------------------------------------------------------------------

def format_values() -> list[float]:
    """Ties in binary (k / 2^n), decimals that look like ties and are not, carries, thresholds, extremes."""
    rng = np.random.default_rng(7)
    vals = [0.5, 1.5, 2.5, 0.125, 0.375, 0.625, 0.0625, 0.03125, 12.5, 125.0, 1250.0, 9.5, 99.5, 999.5, 0.25, 1.25,
            1.125, 2.675, 1.005, 1.0005, 0.15, 0.35, 0.45, 4.35, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 9.9995, 9.99995,
            0.99995, 0.0001, 0.00001, 9.9999e-5, 0.000099999995, 1.2e-5, 2.5e-5, 100.0, 1000.0, 1e5, 1e6,
            123456789.0, 1e15, 1e16, 1e21, 1e22, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308,
            0.0, -0.0, 1.0, 3.0, 0.001, 0.01, 0.03, 0.3, 3.0, 30.0, 0.5933, 0.7514, 0.0375, 2 ** -20, 2 ** 60,
            float("inf"), float("-inf"), float("nan")]
    vals += [float(Fraction(int(k), 2 ** int(n))) for k, n in zip(rng.integers(1, 4096, 80), rng.integers(0, 24, 80))]
    vals += [round(float(v), 3) + 0.0005 for v in rng.uniform(0, 10, 30)]  # x.xxx5 in decimal, never in binary
    vals += [float(v) for v in rng.normal(size=40) * 10.0 ** rng.integers(-12, 12, 40)]
    vals += [float(v) for v in 10.0 ** rng.uniform(-3, 2, 30)]  # learning rates
    vals = [float(v) for v in vals]
    return vals + [-v for v in vals if v == v]


def enc(x: float) -> str:
    return repr(float(x))


def format_cases() -> dict:
    vals = format_values()
    digit_sets = [0, 1, 2, 3, 4, 5, 6, 8, 12, 15, 17]
    return {"fmt": [[enc(x), d, fmt(x, d)] for x in vals for d in digit_sets],
            "fmt_lr": [[enc(x), fmt_lr(x)] for x in vals if x > 0],
            "format": [[enc(x), s, format(x, s)] for x in vals for s in SPECS],
            "factor": [[s, factor(s)] for s in ["0.5", "-0.038", "1.2e-5", "-1e3", "0"]],
            "sum_text": [[t, sum_text(t)] for n in range(MAX_TERMS + 3) for t in [[f"t{i}" for i in range(n)]]]}


def to_json(value):
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, np.ndarray):
        return to_json(value.tolist())
    if isinstance(value, (float, np.floating)):
        if not np.isfinite(value):
            raise ValueError(f"a fixture array holds {value}")
        return float(value)
    return value


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    for name, data in (("engine", engine_cases()), ("format", format_cases())):
        (outdir / f"{name}.json").write_text(json.dumps(to_json(data), separators=(",", ":")) + "\n",
                                             encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("fixtures"))
