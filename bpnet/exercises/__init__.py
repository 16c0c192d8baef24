"""Exercise checkers: ``bpnet.exercises.check_...(answer)`` tells the reader whether their SymPy
expression or code is right, with a hint when it is not. One module per chapter; each checker's
docstring names its exercise. See :mod:`bpnet.exercises._core` for the shared machinery.
"""
from __future__ import annotations

from ._core import CheckResult, check_array, check_expression, check_function
from .ch01 import *  # noqa: F401,F403
from .ch02 import *  # noqa: F401,F403
from .ch03 import *  # noqa: F401,F403
from .ch04 import *  # noqa: F401,F403
from .ch05 import *  # noqa: F401,F403
from .ch06 import *  # noqa: F401,F403
from .ch07 import *  # noqa: F401,F403
from .ch08 import *  # noqa: F401,F403
from .ch09 import *  # noqa: F401,F403
from .ch10 import *  # noqa: F401,F403
from .ch11 import *  # noqa: F401,F403
