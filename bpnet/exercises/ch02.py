"""Checkers for the exercises of Chapter 2."""
from __future__ import annotations

__all__: list[str] = []
