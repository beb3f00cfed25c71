"""The reporting models: small logistic regressions over named features.

One JSON file (``kharita/data/models/reporting.json``), written by
``training/reporting/train.py`` (``make models``) and installed with the package,
holds every model as ``{"bias", "weights": {feature: weight}, "dense": [...],
"dense_mean": [...], "dense_scale": [...]}`` plus the thresholds the stage uses and
where the model came from (training data digest, sizes, cross-validated figures).
Weights are plain named numbers, so a user can read why an event was kept
(:meth:`LogisticModel.explain`).  Inference is a dictionary walk and one dot
product: no scikit-learn, no download, no GPU.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

MODEL_FILE = "reporting.json"


@dataclass
class LogisticModel:
    """P(y=1 | features) = sigmoid(bias + sum of weights of present features + dense . w)."""

    bias: float
    weights: dict[str, float]
    dense: np.ndarray | None = None
    dense_mean: np.ndarray | None = None
    dense_scale: np.ndarray | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LogisticModel:
        def arr(key: str) -> np.ndarray | None:
            value = data.get(key)
            return np.asarray(value, dtype="float32") if value else None

        return cls(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()},
                   arr("dense"), arr("dense_mean"), arr("dense_scale"))

    def to_dict(self) -> dict[str, Any]:
        def lst(a: np.ndarray | None) -> list[float] | None:
            return None if a is None else [round(float(x), 6) for x in a]

        return {"bias": round(self.bias, 6),
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
                "dense": lst(self.dense), "dense_mean": lst(self.dense_mean),
                "dense_scale": lst(self.dense_scale)}

    def logit(self, features: dict[str, float], dense: np.ndarray | None = None) -> float:
        w = self.weights
        z = self.bias + sum(w.get(k, 0.0) * v for k, v in features.items())
        if self.dense is not None and dense is not None and len(dense) == len(self.dense):
            x = (dense - self.dense_mean) / self.dense_scale
            z += float(x @ self.dense)
        return z

    def prob(self, features: dict[str, float], dense: np.ndarray | None = None) -> float:
        z = self.logit(features, dense)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def explain(self, features: dict[str, float], top: int = 8) -> list[tuple[str, float]]:
        """The named features that pushed this prediction most, with their weights."""
        parts = [(k, self.weights[k] * v) for k, v in features.items() if k in self.weights]
        return sorted(parts, key=lambda kv: -abs(kv[1]))[:top]


@dataclass
class ReportingModels:
    """The models the reporting stage uses, and its thresholds."""

    relevance: LogisticModel  # P(the document reports conflict at all)
    coded: LogisticModel  # P(the candidate's sentence tells a happening a coder codes)
    background: LogisticModel  # P(that happening is background | told)
    aggregate: LogisticModel  # P(it is a summary of many | told)
    typed: LogisticModel | None = None  # P(the candidate's ACLED type is the coder's | told)
    same: LogisticModel | None = None  # P(two kept events tell one happening)
    thresholds: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportingModels:
        models = data["models"]
        return cls(*(LogisticModel.from_dict(models[k])
                     for k in ("relevance", "coded", "background", "aggregate")),
                   typed=LogisticModel.from_dict(models["typed"]) if models.get("typed") else None,
                   same=LogisticModel.from_dict(models["same"]) if models.get("same") else None,
                   thresholds=dict(data.get("thresholds") or {}), meta=dict(data.get("meta") or {}))

    def to_dict(self) -> dict[str, Any]:
        names = ["relevance", "coded", "background", "aggregate"] + [
            k for k in ("typed", "same") if getattr(self, k) is not None]
        return {"meta": self.meta, "thresholds": self.thresholds,
                "models": {k: getattr(self, k).to_dict() for k in names}}


def read_models(path: str | Path) -> ReportingModels:
    """Models from a JSON file written by the training script."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return ReportingModels.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RuntimeError(f"{path}: not a usable kharita reporting model ({exc}); "
                           "rebuild it with `make models`") from exc


@lru_cache(maxsize=1)
def load_models() -> ReportingModels:
    """The models installed with kharita (``kharita/data/models/reporting.json``)."""
    ref = resources.files("kharita").joinpath("data", "models", MODEL_FILE)
    with resources.as_file(ref) as path:
        return read_models(path)
