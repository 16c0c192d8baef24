"""bpnet: a small NumPy network whose every gradient the book derives and checks with SymPy.

The public API is a contract used by the book and by tests outside this repository; see README.md.
"""
from __future__ import annotations

from . import activations, curvature, datasets, exercises, losses, symbolic
from .errors import DivergenceError
from .examples import worked_example
from .gradcheck import check_agreement, numerical_gradients, relative_error
from .network import Gradients, Network, Trace
from .training import History

__all__ = [
    "Network", "Trace", "Gradients", "History", "DivergenceError", "numerical_gradients", "relative_error",
    "check_agreement",
    "worked_example", "activations", "curvature", "losses", "datasets", "symbolic", "exercises",
]
__version__ = "0.1.0"
