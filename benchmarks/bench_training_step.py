"""One training step of a 784-128-10 network (sigmoid hidden, softmax + cross-entropy, batch 128, float64),
each contender timed in a process of its own.

Contenders, all starting from the same weights and batch:
* bpnet: ``net.step(net.gradients(X, Y), lr)``, its input checks included;
* bare NumPy: the same products and the same overflow-safe elementwise work (sigmoid with no overflow at any z,
  sigma' from z, never from a rounded a), inline, with no checks and with the allocator primed (below): the floor
  for this design. The naive variant (``1 / (1 + exp(-z))``, ``a (1 - a)``) is timed too, for information;
* PyTorch as its users write it: ``nn.Sequential(nn.Linear(784, 128), nn.Sigmoid(), nn.Linear(128, 10))`` in
  float64, ``F.cross_entropy`` on class labels, ``optim.SGD`` (``zero_grad``, ``backward``, ``step``); skipped,
  with a note, when torch is not installed (``make bench-torch`` installs requirements-bench.txt).

Why a process each: interleaved in one process, the contenders share (and fight over) the BLAS and OpenMP thread
pools, and the first one run pays for the others' warm-up. Each round starts one process per contender, the order
alternating from round to round so that a change in the machine's load hits each contender alike; a process warms
up, then times ``--steps`` steps and reports their median. Printed: the median over rounds, the spread (min-max
over rounds), the ratios taken round by round (then their median and spread), the thread counts every process
really ran with, and the load average.

Threads: each process gets the same count through OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and MKL_NUM_THREADS,
then threadpoolctl's ``threadpool_limits`` and, for PyTorch, ``torch.set_num_threads``; each is measured with 1
thread and with every core (``--threads 1 2`` to choose). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which some
machines set for old OpenBLAS builds and which slow a current NumPy's matrix products, are removed from the
workers' environment (``--keep-openblas-env`` keeps them); the OpenBLAS kernel each process ran is printed.

Page faults: glibc hands the free top of its heap back to the system once more than twice its "mmap threshold"
lies there, and that threshold starts at 128 KB, rising only when a larger block that was mmapped is freed
(mallopt(3), M_MMAP_THRESHOLD). A step that frees ~2 MB of arrays can then give the memory back and fault it in
again on every step, ~0.25 ms per MB here, whatever its arithmetic. Importing torch raises the threshold as a side
effect; a fresh bpnet or NumPy process does not. The minor page faults per step of every contender are printed.
The floor's processes, and with ``--prime-allocator`` every process, allocate and free one 8 MB block first
(``prime_allocator``), which raises the threshold to 8 MB.

Also printed for bpnet, measured in its own processes: (forward + backward) / forward (goal <= 2.5), with
``net.forward(X)`` against ``net.gradients(X, Y)`` on the same batch.

    .venv/bin/python benchmarks/bench_training_step.py [--rounds 7] [--steps 200] [--threads 1 2] [--prime-allocator]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SIZES, BATCH, LR = (784, 128, 10), 128, 0.1
CONTENDERS = ("bpnet", "numpy", "torch", "naive")
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
OPENBLAS_OVERRIDES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
ROOT = Path(__file__).resolve().parents[1]


# ---- the contenders (run inside a worker process) -----------------------------------------------------------
def prime_allocator() -> None:
    """Allocate and free one 8 MB block, never touched: glibc's dynamic mmap threshold rises to 8 MB and its trim
    threshold to 16 MB, so the heap stops being handed back to the system after every step (no effect elsewhere)."""
    np.empty(1 << 20)


def data(n: int = BATCH, seed: int = 0):
    """A batch: X uniform in [0, 1) like pixel intensities, and one class label per row (one-hot for bpnet)."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, SIZES[-1], n)
    return rng.uniform(size=(n, SIZES[0])), labels, np.eye(SIZES[-1])[labels]


def new_network():
    """bpnet's network with its initial weights (seed 0), which every contender starts from."""
    import bpnet

    return bpnet.Network(SIZES, output_activation="softmax", loss="cross_entropy", seed=0)


def save_params(path: Path) -> None:
    """Write the initial weights for the other contenders' processes, which do not import bpnet."""
    net = new_network()
    np.savez(path, W1=net.weights[0], b1=net.biases[0], W2=net.weights[1], b2=net.biases[1])


def load_params(path: str) -> list[np.ndarray]:
    with np.load(path) as saved:
        return [saved[k].copy() for k in ("W1", "b1", "W2", "b2")]


def bpnet_step():
    net = new_network()
    X, _, Y = data()
    return lambda: net.step(net.gradients(X, Y), LR)


def numpy_step(params_path: str, safe: bool = True):
    """The same products and elementwise work as bpnet's step, inline, with no checks and no abstractions."""
    params = load_params(params_path)
    X, _, Y = data()
    n = X.shape[0]

    def step():
        W1, b1, W2, b2 = params  # updated in place below
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
        d2 = E / E.sum(axis=1, keepdims=True) - Y  # softmax + cross-entropy: delta = a - y
        d1 = (d2 @ W2) * S1
        W2 -= LR * (d2.T @ A1 / n)
        b2 -= LR * d2.mean(axis=0)
        W1 -= LR * (d1.T @ X / n)
        b1 -= LR * d1.mean(axis=0)

    return step


def torch_step(threads: int, params_path: str):
    """PyTorch as its users write it: nn.Sequential, F.cross_entropy on class labels, optim.SGD; float64."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.set_num_threads(threads)
    W1, b1, W2, b2 = load_params(params_path)
    X, labels, _ = data()
    model = nn.Sequential(nn.Linear(784, 128), nn.Sigmoid(), nn.Linear(128, 10)).double()
    with torch.no_grad():
        for p, value in zip(model.parameters(), (W1, b1, W2, b2)):
            p.copy_(torch.from_numpy(value))
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(labels)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(Xt), yt)
        loss.backward()
        opt.step()

    return step


def median_seconds(fn, steps: int, warmup: int) -> tuple[float, float]:
    """The median seconds per call, and the minor page faults per call (memory the allocator handed back to the
    system and touches anew: a cost that depends on the sizes and lifetimes of the temporaries)."""
    for _ in range(warmup):
        fn()
    times = []
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(steps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults) / steps


def worker(name: str, threads: int, steps: int, warmup: int, prime: bool, params_path: str) -> dict:
    """Time one contender in this process; report the median step and the thread pools as they really were."""
    from threadpoolctl import threadpool_info, threadpool_limits

    if prime or name in ("numpy", "naive"):
        prime_allocator()
    with threadpool_limits(limits=threads):
        if name == "torch":
            fn = torch_step(threads, params_path)
        elif name == "bpnet":
            fn = bpnet_step()
        else:
            fn = numpy_step(params_path, safe=name == "numpy")
        out = dict(zip(("step", "faults"), median_seconds(fn, steps, warmup)))
        if name == "bpnet":  # (forward + backward) / forward on the same batch, in the same process
            net = new_network()
            X, _, Y = data()
            out["forward"], out["forward_faults"] = median_seconds(lambda: net.forward(X), steps, warmup)
            out["forward_backward"], out["fb_faults"] = median_seconds(lambda: net.gradients(X, Y), steps, warmup)
        pools = [f"{p['internal_api']}{'/' + p['architecture'] if p.get('architecture') else ''}={p['num_threads']}"
                 for p in threadpool_info()]
        if name == "torch":
            import torch

            pools.append(f"torch.get_num_threads()={torch.get_num_threads()}")
        out["threads"] = ", ".join(pools)
    return out


# ---- the driver ----------------------------------------------------------------------------------------------
def run_worker(name: str, threads: int, steps: int, warmup: int, keep_openblas_env: bool, prime: bool,
               params_path: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    env.update({var: str(threads) for var in THREAD_VARS})
    if not keep_openblas_env:
        for var in OPENBLAS_OVERRIDES:
            env.pop(var, None)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name, "--threads", str(threads),
           "--steps", str(steps), "--warmup", str(warmup), "--params", str(params_path)]
    cmd += ["--prime-allocator"] if prime else []
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"worker {name} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def torch_available() -> bool:
    probe = subprocess.run([sys.executable, "-c", "import torch"], capture_output=True, check=False)
    return probe.returncode == 0


def summary(values: list[float], scale: float = 1.0, fmt: str = ".3f") -> str:
    """median [min-max] over rounds."""
    med, lo, hi = (scale * v for v in (statistics.median(values), min(values), max(values)))
    return f"{med:{fmt}} [{lo:{fmt}}-{hi:{fmt}}]"


def measure(threads: int, rounds: int, steps: int, warmup: int, contenders: list[str], keep_openblas_env: bool,
            prime: bool):
    results = {name: [] for name in contenders}
    with tempfile.TemporaryDirectory() as tmp:
        params_path = Path(tmp) / "params.npz"
        save_params(params_path)
        for r in range(rounds):
            order = contenders if r % 2 == 0 else contenders[::-1]
            for name in order:
                results[name].append(run_worker(name, threads, steps, warmup, keep_openblas_env, prime, params_path))
    return results


def report(threads: int, results: dict) -> None:
    step = {name: [r["step"] for r in rs] for name, rs in results.items()}
    print(f"-- {threads} thread(s) per process; pools as each process ran them:")
    for name, rs in results.items():
        print(f"   {name:6s} {sorted({r['threads'] for r in rs})}")
    label = {"bpnet": "bpnet", "numpy": "bare NumPy floor", "torch": "PyTorch", "naive": "naive NumPy"}
    print("   one step, ms, median [min-max] over rounds:  "
          + ";  ".join(f"{label[n]} {summary(ts, 1e3)}" for n, ts in step.items()))
    print("   minor page faults per step, median [min-max]:  "
          + ";  ".join(f"{label[n]} {summary([r['faults'] for r in rs], fmt='.0f')}" for n, rs in results.items()))

    def ratio(a: str, b: str) -> str:
        return summary([x / y for x, y in zip(step[a], step[b])], fmt=".2f")

    if "torch" in step:
        print(f"   bpnet / PyTorch     {ratio('bpnet', 'torch')}   (goal <= 1.0)")
    print(f"   bpnet / bare NumPy  {ratio('bpnet', 'numpy')}   (the same safe elementwise work, no checks)")
    if "naive" in step:
        print(f"   bpnet / naive NumPy {ratio('bpnet', 'naive')}   (information)")
    fb = [r["forward_backward"] / r["forward"] for r in results["bpnet"]]
    fwd = [r["forward"] for r in results["bpnet"]]
    faults = {k: summary([r[k] for r in results["bpnet"]], fmt=".0f") for k in ("forward_faults", "fb_faults")}
    print(f"   bpnet (forward + backward) / forward {summary(fb, fmt='.2f')}   (goal <= 2.5; forward "
          f"{summary(fwd, 1e3)} ms; page faults per call: forward {faults['forward_faults']}, forward + backward "
          f"{faults['fb_faults']})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--steps", type=int, default=200, help="timed steps per process")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--threads", type=int, nargs="+", default=sorted({1, os.cpu_count() or 1}))
    parser.add_argument("--keep-openblas-env", action="store_true",
                        help="leave OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE as set (they slow a current NumPy)")
    parser.add_argument("--prime-allocator", action="store_true",
                        help="prime glibc's allocator in every process, not only the floor's (see the docstring)")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive bare-NumPy variant")
    parser.add_argument("--worker", choices=CONTENDERS, help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.threads[0], args.steps, args.warmup, args.prime_allocator,
                                args.params)))
        return

    contenders = [c for c in CONTENDERS if not (c == "naive" and args.no_naive)]
    if not torch_available():
        contenders.remove("torch")
        print("PyTorch: NOT INSTALLED, so bpnet / PyTorch is not measured (`make bench-torch` installs its CPU "
              "build from requirements-bench.txt); timing bpnet and bare NumPy only")
    overrides = {v: os.environ[v] for v in OPENBLAS_OVERRIDES if v in os.environ}
    print(f"784-128-10, batch {BATCH}, float64; {args.rounds} rounds x {len(contenders)} processes per thread "
          f"count, {args.steps} timed steps per process after {args.warmup} warm-up steps; "
          + (f"removed from the workers' environment: {overrides}" if overrides and not args.keep_openblas_env
             else f"OpenBLAS environment as set: {overrides or 'nothing'}")
          + f"; allocator primed in {'every process' if args.prime_allocator else 'the floor only'}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    for threads in args.threads:
        report(threads, measure(threads, args.rounds, args.steps, args.warmup, contenders, args.keep_openblas_env,
                                args.prime_allocator))
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
