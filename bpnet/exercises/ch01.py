"""Checkers for the exercises of Chapter 1."""
from __future__ import annotations

__all__: list[str] = []
