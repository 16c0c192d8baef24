"""Network's unchecked protocol: the names bpnet's modules and the chapters use instead of private members."""
from __future__ import annotations

import pathlib
import re

import numpy as np
import pytest

from bpnet import Network

ROOT = pathlib.Path(__file__).resolve().parents[1]
PRIVATE = re.compile(r"(?<!self)\._(forward|backward|cost|step|check_X|check_Y|check_params|rng)\b")
# autodiff's Value has its own ``_backward``, which Chapter 11 builds and its exercise checks
VALUE_BACKWARD = {"bpnet/autodiff.py", "tests/test_exercises_ch11.py", "chapters/11_history.ipynb"}


def test_no_module_or_chapter_reaches_into_a_network():
    files = [*ROOT.glob("bpnet/**/*.py"), *ROOT.glob("tests/**/*.py"), *ROOT.glob("tools/**/*.py"),
             *ROOT.glob("benchmarks/**/*.py"), *ROOT.glob("chapters/*.ipynb")]
    found = []
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        if rel == "bpnet/network.py" or "/static/" in rel:
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for hit in PRIVATE.finditer(line):
                if not (hit.group(1) == "backward" and rel in VALUE_BACKWARD):
                    found.append(f"{rel}:{i}: {line.strip()}")
    assert not found, "use Network's unchecked protocol (see its docstring):\n" + "\n".join(found)


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_unchecked_path_is_what_the_public_methods_run(loss):
    net = Network([3, 4, 2], loss=loss, seed=0)
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(5, 3)), rng.uniform(size=(5, 2))
    trace = net.forward_unchecked(net.check_X(X))
    Yc = net.check_Y(Y, 5)
    assert all(np.array_equal(a, b) for a, b in zip(trace.activations, net.forward(X).activations))
    assert net.cost_unchecked(trace, Yc) == net.loss(X, Y)
    grads = net.backward_unchecked(trace, Yc)
    assert np.array_equal(grads.flat(), net.gradients(X, Y).flat())
    other = net.copy()
    net.step_unchecked(grads, 0.5)
    other.step(grads, 0.5)
    assert all(np.array_equal(p, q) for p, q in zip([*net.weights, *net.biases], [*other.weights, *other.biases]))
    tail = net.forward_unchecked(trace.activations[1], 1)  # from a^{(1)}: only the last layer runs
    assert len(tail.zs) == 1


def test_checks_raise_the_public_errors_and_rng_is_read_only():
    net = Network([3, 2], seed=0)
    with pytest.raises(ValueError, match=r"X must have shape \(n, 3\)"):
        net.check_X(np.zeros((2, 4)))
    with pytest.raises(ValueError, match=r"Y must have shape \(2, 2\) to match X"):
        net.check_Y(np.zeros((3, 2)), 2)
    net.weights[0][0, 0] = 1.0
    net.weights[0][0, 0] *= np.inf  # in place, past the list's own check
    with pytest.raises(ValueError, match="weights"):
        net.check_params()
    assert isinstance(net.rng, np.random.Generator) and net.rng is net.rng
    with pytest.raises(AttributeError):
        net.rng = np.random.default_rng(0)
