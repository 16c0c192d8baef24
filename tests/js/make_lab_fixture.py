"""Write what the in-page lab (static/lab_model.js, static/lab.js) is checked against, computed by bpnet.

    python tests/js/make_lab_fixture.py [OUTDIR]      (default: tests/js/fixtures)

``lab.json``:
- ``explorer``: the book's explorer document (:func:`bpnet.widgets.explorer.explorer_document`), and ``exact``: a
  data set and initial parameters as decimals, which the document carries as base64 bytes;
- ``steps``: one step of gradient descent on a given mini-batch (indices into the data set) from bpnet's initial
  network of the explorer, for several settings: the cost of the batch before it and the parameters after it;
- ``epochs``: full-batch runs of :func:`bpnet.widgets.explorer.train` (bpnet.fit), the cost after each epoch, and a
  run that diverges with DivergenceError's message;
- ``surface``: the book's surface document and :func:`bpnet.widgets.surface.descend`'s paths for learning rates
  that are no notch of the old precomputed grid (points, costs, the strings on screen, the regime).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository, when bpnet is not installed
from bpnet.errors import DivergenceError  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.explorer import explorer_document, load, make_network, train  # noqa: E402 (after sys.path)
from bpnet.widgets.format import fmt  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.surface import descend, regime, surface_document, surface_problem  # noqa: E402 (after sys.path)

# (data set, hidden width, activation, η, batch size, output layer and cost)
STEPS = [("moons", 8, "tanh", 0.3, 32, 0), ("xor", 3, "sigmoid", 3.0, 4, 0), ("circles", 5, "relu", 1.0, 8, 1),
         ("spirals", 16, "tanh", 0.05, 1, 0), ("moons", 2, "tanh", 7.0, 200, 1)]
EPOCHS = [("moons", 8, "tanh", 0.3, 25), ("xor", 2, "sigmoid", 2.0, 40), ("circles", 6, "relu", 0.5, 25)]
SURFACE_ETAS = [0.001, 0.0173, 0.37, 0.955, 1.13, 1.37, 2.9, 10.0]


def params(net) -> dict:
    return {"weights": [W.tolist() for W in net.weights], "biases": [b.tolist() for b in net.biases]}


def explorer_cases(doc: dict) -> dict:
    names = [d["name"] for d in doc["datasets"]]
    steps = []
    for i, (name, hidden, act, lr, m, out) in enumerate(STEPS):
        X, Y = load(name)
        idx = np.random.default_rng(i).permutation(len(X))[:m]
        net = make_network(hidden, act, **doc["options"]["output"][out][1])
        g = net.gradients(X[idx], Y[idx])
        after = net.copy()
        after.step(g, lr)
        steps.append({"dataset": names.index(name), "hidden": hidden, "activation": act, "output": out, "lr": lr,
                      "batch": idx.tolist(), "cost": net.loss(X[idx], Y[idx]), "after": params(after)})
    epochs = []
    for name, hidden, act, lr, n in EPOCHS:
        X, Y = load(name)
        costs, message = train(make_network(hidden, act), X, Y, epochs=n, lr=lr)
        assert not message
        epochs.append({"dataset": names.index(name), "hidden": hidden, "activation": act, "lr": lr, "epochs": n,
                       "costs": costs})
    X, _ = load("spirals")
    net = make_network(5, "tanh")
    exact = {"dataset": names.index("spirals"), "X": X.tolist(), "hidden": 5, "params": params(net)}
    return {"steps": steps, "epochs": epochs, "exact": exact}


def diverging_run() -> dict:
    """A ReLU network with an identity output and squared error on xor, η = 30, full batch: bpnet.fit raises
    DivergenceError when the cost overflows. ``costs``: the cost before training and after each finished epoch."""
    doc = explorer_document(("xor",), hidden=4, activation="relu")
    doc["settings"]["output"] = [label for label, _ in doc["options"]["output"]].index("identity output, squared error")
    X, Y = load("xor")
    net = make_network(4, "relu", output_activation="identity", loss="mse")
    costs = [net.loss(X, Y)]

    def record(epoch, n, _loss):
        with np.errstate(all="ignore"):
            costs.append(n.loss(X, Y))

    try:
        net.fit(X, Y, epochs=200, lr=30.0, callback=record)
    except DivergenceError as exc:
        message = str(exc)
    else:
        raise AssertionError("expected the run to diverge")
    return {"doc": doc, "lr": 30.0, "costs": [c for c in costs if np.isfinite(c)], "message": message,
            "params": params(net)}


def surface_cases() -> dict:
    doc = surface_document()
    net, X, Y, free, start, extent = surface_problem()
    paths = []
    for eta in SURFACE_ETAS:
        path, message = descend(net, X, Y, free, start, eta, doc["problem"]["steps"], extent)
        pts, costs = path.points, path.costs
        paths.append({"eta": eta, "points": pts.tolist(), "costs": costs.tolist(), "stopped_at": path.stopped_at,
                      "diverged": path.diverged, "message": message,
                      "regime": regime(costs, pts, message, doc["floor"]),
                      "labels": [f"step {i}: {doc['names'][0]} = {fmt(a, 4)}, {doc['names'][1]} = {fmt(b, 4)}, "
                                 f"C = {fmt(c, 4)}" for i, ((a, b), c) in enumerate(zip(pts, costs))]})
    return {"doc": doc, "paths": paths}


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    doc = explorer_document()
    data = {"explorer": doc, **explorer_cases(doc), "divergence": diverging_run(), "surface": surface_cases()}
    (outdir / "lab.json").write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                                     encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("fixtures"))
