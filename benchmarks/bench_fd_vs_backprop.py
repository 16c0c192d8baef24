"""Finite differences (2P + 1 forward passes) against backpropagation, on growing networks (Chapter 6).

    .venv/bin/python benchmarks/bench_fd_vs_backprop.py      (or: make bench)

Prints one row per network: widths, P (weights and biases), the two times (best of 3, 32 examples), their ratio
and the gradient check's verdict (bpnet.gradcheck: "correct" or "look closer" for tiny entries, never "a bug").
The measuring function is bpnet.complexity.time_gradient_methods, the one the chapter uses.
"""
from __future__ import annotations

from bpnet.complexity import time_gradient_methods
from bpnet.gradcheck import verdict

SIZES = [[8, h, h, 1] for h in (2, 4, 8, 16, 32, 64)]


def main() -> None:
    rows = time_gradient_methods(SIZES, repeats=3, n_examples=32, seed=0)
    print(f"{'network':>18} {'P':>6} {'FD passes':>10} {'FD time (s)':>12} {'backprop (s)':>13} {'ratio':>8}"
          f"  gradient check")
    for r in rows:
        check = verdict(r["rel_error"])
        assert check != "a bug", f"finite differences and backprop disagree on {r['sizes']}: {r['rel_error']:.1e}"
        print(f"{str(r['sizes']):>18} {r['n_params']:>6} {r['fd_passes']:>10} {r['fd_time']:>12.4f} "
              f"{r['backprop_time']:>13.6f} {r['ratio']:>8.0f}  {check} ({r['rel_error']:.1e})")


if __name__ == "__main__":
    main()
