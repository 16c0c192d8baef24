"""Write the JSON documents the JavaScript tests render, with bpnet's own arrays beside them.

    python tests/js/make_fixture.py [OUTDIR]      (default: tests/js/fixtures)

``stepper.json`` is the worked example's trace (two learning rates, two steps) plus ``raw``: the values of
z, a, delta, dC/dw and the update straight from bpnet's arrays, so the tests check the chain
bpnet -> trace -> label, not the trace against itself. ``weights.json`` and ``wide.json`` (a 3-4-2 tanh/softmax
network) cover the other layouts (the explorer's and the surface's documents are in make_lab_fixture.py).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository, when bpnet is not installed
import bpnet  # noqa: E402 (after the repository is put on sys.path)
from bpnet.notation import COST_ID, node_id, weight_id  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.common import lr_control  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.stepper import stepper_trace  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.weights import default_settings, param_list, weights_trace  # noqa: E402 (after the repository is put on sys.path)

LRS = [0.5, 2.0]


def raw_values(net, x, y, lr: float, steps: int) -> list[dict]:
    """{element id: {quantity: float}} for each step, from bpnet's arrays."""
    out, net = [], net.copy()
    X, Y = np.atleast_2d(x), np.atleast_2d(y)
    for _ in range(steps):
        tr = net.forward(X)
        g = net.backward(tr, Y)
        after = net.copy()
        after.step(g, lr)
        vals: dict = {node_id(0, k): {"x": X[0, k], "a": X[0, k]} for k in range(net.sizes[0])}
        for l in range(1, len(net.sizes)):
            for j in range(net.sizes[l]):
                vals[node_id(l, j)] = {"z": tr.zs[l - 1][0, j], "a": tr.activations[l][0, j],
                                       "delta": g.deltas[l - 1][0, j], "b": net.biases[l - 1][j],
                                       "db": g.biases[l - 1][j], "b_new": after.biases[l - 1][j]}
                for k in range(net.sizes[l - 1]):
                    vals[weight_id(l, j, k)] = {"w": net.weights[l - 1][j, k], "dw": g.weights[l - 1][j, k],
                                                "w_new": after.weights[l - 1][j, k]}
        vals[COST_ID] = {"C": net.loss(X, Y), "C_new": after.loss(X, Y)}
        out.append({k: {q: float(v) for q, v in d.items()} for k, d in vals.items()})
        net = after
    return out


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    net, x, y = bpnet.worked_example()
    doc = stepper_trace(net, x, y, LRS, steps=2)
    doc["controls"] = {"lr": lr_control(LRS, 0.5)}
    doc["raw"] = [raw_values(net, x, y, lr, 2) for lr in LRS]
    wide = bpnet.Network([3, 4, 2], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=1)
    wdoc = stepper_trace(wide, [0.5, -1.0, 2.0], [0.0, 1.0], [0.1])
    wdoc["raw"] = [raw_values(wide, np.array([0.5, -1.0, 2.0]), np.array([0.0, 1.0]), 0.1, 1)]
    settings = default_settings(net)
    wt = weights_trace(net, x, y, LRS, settings=settings)
    wt["controls"] = {"lr": lr_control(LRS, 0.5), "setting": {"labels": wt["settings"], "index": 0, "name": "weights"}}
    wt["params"] = param_list(net)
    wt["raw"] = [raw_values(s, x, y, lr, 1)[0] for _, s in settings for lr in LRS]
    docs = {"stepper": doc, "wide": wdoc, "weights": wt}
    for name, d in docs.items():
        (outdir / f"{name}.json").write_text(json.dumps(d, ensure_ascii=False, indent=None, sort_keys=True) + "\n",
                                             encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("fixtures"))
