"""The cleaner's three models (lines, the article's end, pages) are logistic regressions shipped as
JSON weights, {"version", "threshold", "bias", "weights": {feature: weight}}, and scored here with
a dot product over named features: no library at run time."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import mul
from pathlib import Path


@lru_cache(maxsize=None)
def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class LinearModel:
    path: Path  # the shipped weights

    def fitted(self) -> dict:
        return load(self.path)

    def version(self) -> str:
        return self.fitted()["version"]

    def probability(self, found: dict[str, float]) -> float:
        """The model's probability for named feature values (a feature it does not know weighs 0)."""
        fitted = self.fitted()
        z = fitted["bias"] + sum(map(mul, found.values(), map(fitted["weights"].get, found, repeat(0.0))))
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
