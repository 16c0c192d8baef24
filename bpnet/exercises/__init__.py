"""Exercise checkers: ``bpnet.exercises.check_...(answer)`` tells the reader whether their SymPy
expression or code is right, with a hint when it is not. One module per chapter; each checker's
docstring names its exercise. See :mod:`bpnet.exercises._core` for the shared machinery.

An exercise whose answer is a number or an expression is described once by a spec (:mod:`bpnet.exercises.spec`) in
its chapter's ``ANSWERS``; its checker is built from it, and :func:`export_answers` gives the book's page the same
expected values, tolerances and hints (:mod:`bpnet.exercises.page`).
"""
from __future__ import annotations

from ._core import CheckResult as CheckResult  # re-exported: the building blocks of every checker
from ._core import check_array as check_array
from ._core import check_expression as check_expression
from ._core import check_function as check_function
from .ch01 import *  # noqa: F401,F403 (every chapter's checkers are the package's API)
from .ch02 import *  # noqa: F401,F403 (every chapter's checkers are the package's API)
from .ch03 import *  # noqa: F401,F403 (every chapter's checkers are the package's API)
from .ch04 import *  # noqa: F401,F403 (every chapter's checkers are the package's API)
from .ch05 import *  # noqa: F401,F403 (every chapter's checkers are the package's API)
from .ch06 import *  # noqa: F401,F403 (every chapter's checkers are the package's API)
from .ch07 import *  # noqa: F401,F403 (every chapter's checkers are the package's API)
from .ch08 import *  # noqa: F401,F403 (every chapter's checkers are the package's API)
from .ch09 import *  # noqa: F401,F403 (every chapter's checkers are the package's API)
from .ch10 import *  # noqa: F401,F403 (every chapter's checkers are the package's API)
from .ch11 import *  # noqa: F401,F403 (every chapter's checkers are the package's API)
from .page import all_answers as all_answers
from .page import export_answers as export_answers
from .project import *  # noqa: F401,F403 (the final project of Chapter 10)
