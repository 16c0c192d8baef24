"""One training step of a 784-128-10 sigmoid / softmax cross-entropy network (issue: foundation).

Prints, measured side by side in one run:
* bpnet's step (forward + backward + update, batch 128) against the same matrix products in bare NumPy
  (goal: within 1.3x) and against PyTorch on the CPU in float64 with the same thread count, when PyTorch is
  installed (goal: no slower). The bare-NumPy floor "for this design" does the same numerically safe
  elementwise work bpnet must do (sigmoid with no overflow at |z| up to 1e4, sigma' from z, never from a
  rounded a), inline and with no input checks; the naive variant (1 / (1 + exp(-z)), sigma' = a (1 - a)) is
  printed too, for information;
* (forward + backward) / forward at batch 256 (theory: a small constant; goal <= 3).
"""
from __future__ import annotations

import os
import statistics
import time

import numpy as np

import bpnet

SIZES, LR = (784, 128, 10), 0.1


def median_times(fns: dict, repeats: int = 200, warmup: int = 20) -> dict:
    """Median seconds per call of each function, the calls interleaved round by round so that a change in
    the machine's load affects every contender alike."""
    times = {name: [] for name in fns}
    for r in range(warmup + repeats):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            if r >= warmup:
                times[name].append(time.perf_counter() - t)
    return {name: statistics.median(ts) for name, ts in times.items()}


def data(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    return rng.uniform(size=(n, SIZES[0])), np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], n)]


def bpnet_step(net, X, Y):
    net.step(net.gradients(X, Y), LR)


def bare_numpy_step(params, X, Y, safe: bool = True):
    """The same products and elementwise work with nothing else: no checks, no abstractions."""
    W1, b1, W2, b2 = params
    n = X.shape[0]
    Z1 = X @ W1.T + b1
    if safe:  # what bpnet computes: no overflow, sigma'(z) from z
        e = np.exp(-np.abs(Z1))
        A1 = np.where(Z1 >= 0, 1.0, e) / (1.0 + e)
        S1 = e / (1.0 + e) ** 2
    else:
        A1 = 1.0 / (1.0 + np.exp(-Z1))
        S1 = A1 * (1.0 - A1)
    Z2 = A1 @ W2.T + b2
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    A2 = E / E.sum(axis=1, keepdims=True)
    d2 = A2 - Y
    d1 = (d2 @ W2) * S1
    W2 -= LR * (d2.T @ A1 / n)
    b2 -= LR * d2.mean(axis=0)
    W1 -= LR * (d1.T @ X / n)
    b1 -= LR * d1.mean(axis=0)


def torch_step_fn(net, X, Y):
    import torch

    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", os.cpu_count() or 1)))
    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)
    W1, W2 = (torch.tensor(w, requires_grad=True) for w in net.weights)
    b1, b2 = (torch.tensor(b, requires_grad=True) for b in net.biases)
    params = [W1, b1, W2, b2]

    def step():
        logits = torch.sigmoid(Xt @ W1.T + b1) @ W2.T + b2
        loss = -(Yt * torch.log_softmax(logits, dim=1)).sum(dim=1).mean()
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= LR * p.grad
                p.grad = None

    return step


def main() -> None:
    X, Y = data(128)
    net = bpnet.Network(SIZES, output_activation="softmax", loss="cross_entropy", seed=0)
    params = [p.copy() for p in (net.weights[0], net.biases[0], net.weights[1], net.biases[1])]
    naive = [p.copy() for p in params]
    fns = {"bpnet": lambda: bpnet_step(net, X, Y), "numpy": lambda: bare_numpy_step(params, X, Y),
           "naive": lambda: bare_numpy_step(naive, X, Y, safe=False)}
    try:
        fns["torch"] = torch_step_fn(net, X, Y)
    except ImportError:
        print("PyTorch: not installed (`make bench-torch` installs its CPU build); comparison skipped")
    t = median_times(fns)
    print(f"one step, batch 128: bpnet {t['bpnet'] * 1e3:.3f} ms, bare NumPy {t['numpy'] * 1e3:.3f} ms, "
          f"ratio {t['bpnet'] / t['numpy']:.2f} (goal <= 1.3); naive-sigmoid NumPy {t['naive'] * 1e3:.3f} ms "
          f"(ratio {t['bpnet'] / t['naive']:.2f})")
    if "torch" in t:
        print(f"                     PyTorch (CPU, float64, same threads) {t['torch'] * 1e3:.3f} ms, "
              f"bpnet / PyTorch {t['bpnet'] / t['torch']:.2f} (goal <= 1.0)")
    X, Y = data(256, seed=1)
    t = median_times({"forward": lambda: net.forward(X), "both": lambda: net.gradients(X, Y)})
    print(f"batch 256: forward {t['forward'] * 1e3:.3f} ms, forward + backward {t['both'] * 1e3:.3f} ms, "
          f"ratio {t['both'] / t['forward']:.2f} (goal <= 3)")


if __name__ == "__main__":
    main()
