"""Write ``documents.json``: the stepper and weights documents bpnet builds, each with the raw numbers it was built
from, for the parity test of the documents built in the page (tests/js/document.test.mjs, static/document.js).

    python tests/js/make_document_fixture.py [OUTDIR]      (default: tests/js/fixtures)

Cases: the worked example (every phase, several learning rates, two steps, the three weight settings of the book's
weights view) and other networks: Chapter 3's 1-1-1, a 3-4-2 tanh/softmax with cross-entropy, a 2-3-1 relu/identity,
a 2-3-3-2 (two hidden layers) with cross-entropy and a 3-8-2 whose hidden errors are one phase.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository, when bpnet is not installed
import bpnet  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.arrays import one_example  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.document import model  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.stepper import stepper_trace  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.weights import default_settings, param_list, parse_param, saturation_note, weights_trace  # noqa: E402 (after the repository is put on sys.path)

EPS = 1e-6


def networks():
    """(name, net, x, y) of every case."""
    net, x, y = bpnet.worked_example()
    yield "worked example", net, x, y
    yield "chapter 3 (1-1-1)", bpnet.Network([1, 1, 1], init="zeros"), np.array([1.5]), np.array([0.2])
    yield "3-4-2 tanh/softmax, cross-entropy", bpnet.Network([3, 4, 2], activation="tanh", output_activation="softmax",
                                                             loss="cross_entropy", seed=1), \
        np.array([0.5, -1.0, 2.0]), np.array([0.0, 1.0])
    yield "2-3-1 relu/identity, mse", bpnet.Network([2, 3, 1], activation="relu", output_activation="identity",
                                                    seed=3), np.array([0.7, -0.2]), np.array([1.5])
    yield "2-3-3-2 tanh/sigmoid, cross-entropy", bpnet.Network([2, 3, 3, 2], activation="tanh", loss="cross_entropy",
                                                               seed=4), np.array([1.0, -0.5]), np.array([1.0, 0.0])
    yield "3-8-2 sigmoid/tanh, mse", bpnet.Network([3, 8, 2], output_activation="tanh", seed=5), \
        np.array([0.2, 0.4, -0.6]), np.array([0.5, -0.5])


def cases() -> list[dict]:
    out = []
    for name, net, x, y in networks():
        X, Y = one_example(net, x, y)
        worked = name == "worked example"
        for lr in ((0.5, 0.01, 2.0, 100.0, 0.0437) if worked else (0.5, 3.0)):
            for steps in ((1, 2) if worked and lr == 0.5 else (1,)):
                out.append({"name": f"{name}, η = {lr}, {steps} step(s)", "kind": "stepper", "lr": lr,
                            "model": model(net, X, Y, steps=steps),
                            "doc": stepper_trace(net, x, y, [lr], steps=steps)})
        settings = default_settings(net) if worked else [("as given", net)]
        for label, sn in settings:
            for lr in ((0.5, 0.03, 10.0) if worked else (0.5,)):
                out.append({"name": f"{name}, {label}, η = {lr}", "kind": "weights", "lr": lr, "setting": label,
                            "model": model(sn, X, Y, eps=EPS), "params": param_list(sn),
                            "doc": weights_trace(sn, x, y, [lr], settings=[(label, sn)], eps=EPS)})
    return out


def notes() -> list[dict]:
    """saturation_note for parameters of saturated and unsaturated units (sigmoid and tanh hidden layers)."""
    out = []
    for act, pid, value in (("sigmoid", "b1_0", 40.0), ("sigmoid", "w1_0_0", 2.5), ("tanh", "w2_1_0", -30.0),
                            ("sigmoid", "w2_0_1", 12.0), ("relu", "b1_1", 50.0)):
        net, x, y = bpnet.worked_example()
        net = bpnet.Network([2, 2, 2], activation=act, seed=0) if act != "sigmoid" else net
        arr, where, _, _ = parse_param(net, pid)
        arr[where] = value
        X, Y = one_example(net, x, y)
        out.append({"model": model(net, X, Y), "pid": pid, "note": saturation_note(net, x, pid)})
    return out


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "documents.json").write_text(json.dumps({"cases": cases(), "notes": notes()}, ensure_ascii=False) + "\n",
                                           encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("fixtures"))
