"""CLI commands; see kharita.cli."""

from __future__ import annotations

from kharita.cli import app, evaluate_app, gazetteer_app  # noqa: F401
