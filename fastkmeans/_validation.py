"""Checks of user input for the numerics: numbers, arrays, sample weights, random state.

Errors name the parameter, the value received, the rule and, where there is one, a remedy.
``ValueError`` for bad values, ``TypeError`` for bad types. Image checks live in
:mod:`fastkmeans._validation_image`; this module imports nothing else from the package but the
thread limit, so every other module may import it.
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from ._parallel import max_threads


def _describe(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- numbers ---------------------------------------------------------------------------------


def check_int(value, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """An integer (not bool) within [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {_describe(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name}={value} must be >= {minimum}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name}={value} must be <= {maximum}")
    return value


def check_real(value, name: str, *, positive: bool = False) -> float:
    """A finite real number (not bool), ``>= 0``, or ``> 0`` when ``positive``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        kind = "a positive number" if positive else "a real number"
        raise TypeError(f"{name} must be {kind}, got {_describe(value)}")
    value = float(value)
    if not np.isfinite(value) or value < 0 or (positive and value == 0):
        raise ValueError(f"{name}={value!r} must be finite and {'>' if positive else '>='} 0")
    return value


def check_n_clusters(n_clusters, n_samples: int, sample_weight: Weights | None = None) -> int:
    """``1 <= n_clusters <= n_samples`` (counting only samples of positive weight)."""
    n_clusters = check_int(n_clusters, "n_clusters", minimum=1)
    if n_clusters > n_samples:
        raise ValueError(f"n_clusters={n_clusters} must be <= n_samples={n_samples}")
    if sample_weight is not None and n_clusters > sample_weight.n_positive:
        raise ValueError(
            f"n_clusters={n_clusters} must be <= the number of samples with positive "
            f"weight ({sample_weight.n_positive})"
        )
    return n_clusters


def check_coreset_size(coreset_size, n_clusters: int) -> int:
    """An integer ``coreset_size >= n_clusters``."""
    size = check_int(coreset_size, "coreset_size", minimum=1)
    if size < n_clusters:
        raise ValueError(
            f"coreset_size={size} must be >= n_clusters={n_clusters}; "
            f"use a larger coreset or fewer clusters"
        )
    return size


def check_sample_size(size, minimum: int, reason: str = "") -> int:
    """A coreset's ``size``: an integer ``>= minimum`` (``reason`` says why that minimum)."""
    size = check_int(size, "size")
    if size < minimum:
        why = f" ({reason})" if reason else ""
        raise ValueError(
            f"size={size} must be >= {minimum}{why}; use a larger size, e.g. 40 * n_clusters"
        )
    return size


def check_n_threads(n_threads) -> int | None:
    """``None`` (Numba's current setting) or an integer in [1, NUMBA_NUM_THREADS]."""
    if n_threads is None:
        return None
    if isinstance(n_threads, bool) or not isinstance(n_threads, numbers.Integral):
        raise TypeError(f"n_threads must be None or an integer, got {_describe(n_threads)}")
    limit = max_threads()
    n_threads = int(n_threads)
    if not 1 <= n_threads <= limit:
        raise ValueError(
            f"n_threads={n_threads} must be between 1 and {limit} (NUMBA_NUM_THREADS); "
            f"set NUMBA_NUM_THREADS before importing numba for more"
        )
    return n_threads


def check_random_state(random_state) -> np.random.Generator:
    """A ``numpy.random.Generator`` from None, an int, a SeedSequence or a Generator.

    A Generator is used as is (its state advances); ints and None give a fresh one.
    """
    if isinstance(random_state, np.random.Generator):
        return random_state
    if random_state is None or isinstance(random_state, np.random.SeedSequence):
        return np.random.default_rng(random_state)
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        if random_state < 0:
            raise ValueError(f"random_state={random_state} must be >= 0")
        return np.random.default_rng(int(random_state))
    raise TypeError(
        f"random_state must be None, a non-negative int, a SeedSequence or a "
        f"numpy.random.Generator, got {_describe(random_state)}"
    )


def check_choice(value, name: str, choices: tuple[str, ...]) -> str:
    """One of the strings in ``choices``."""
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(repr(choice) for choice in choices[:-1]) + f" or {choices[-1]!r}"
        raise ValueError(f"{name}={_describe(value)} must be {listed}")
    return value


# -- arrays ----------------------------------------------------------------------------------


def check_array(X, name: str = "X", *, ndim: int = 2, dtype=None) -> np.ndarray:
    """Return ``X`` as a C-contiguous float32/float64 array with finite values.

    float32 and float64 inputs keep their dtype and are not copied when already C-contiguous;
    integer and boolean inputs become float64. ``dtype`` forces a floating dtype.
    """
    if isinstance(X, np.ndarray):
        array = X
    else:
        try:
            array = np.asarray(X)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must be array-like of numbers, got {_describe(X)}") from exc
    kind = array.dtype.kind
    if kind not in "biuf":
        raise TypeError(
            f"{name} must hold real numbers, got dtype {array.dtype}; "
            f"convert it first, e.g. {name}.astype(np.float64)"
        )
    if array.ndim != ndim:
        if ndim == 2 and array.ndim == 1:
            remedy = (
                f"; use {name}.reshape(-1, 1) for one feature "
                f"or {name}.reshape(1, -1) for one sample"
            )
        else:
            remedy = ""
        raise ValueError(f"{name} must be {ndim}-D, got shape {array.shape}{remedy}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if dtype is None:
        dtype = array.dtype if array.dtype in (np.float32, np.float64) else np.float64
    array = np.ascontiguousarray(array, dtype=dtype)
    if not np.isfinite(array).all():
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(f"{name} must be finite: it holds {bad} NaN or infinite value(s)")
    return array


def check_features(X: np.ndarray, n_features: int, name: str = "X") -> None:
    """X has the number of features the model was fitted with."""
    if X.shape[1] != n_features:
        raise ValueError(
            f"{name} has {X.shape[1]} features, but the model was fitted with {n_features}"
        )


def check_centers(centers, n_features: int, dtype, name: str = "centers") -> np.ndarray:
    """A finite 2-D array of centres with X's number of features, in X's dtype."""
    centers = check_array(centers, name, dtype=dtype)
    if centers.shape[1] != n_features:
        raise ValueError(
            f"{name} has {centers.shape[1]} features, but X has {n_features}; "
            f"pass centres of shape (n_centers, {n_features})"
        )
    return centers


def check_init(init, n_clusters: int, n_features: int, dtype) -> str | np.ndarray:
    """``"k-means++"``, ``"random"`` or an array of shape (n_clusters, n_features)."""
    if isinstance(init, str):
        if init not in ("k-means++", "random"):
            raise ValueError(
                f"init={init!r} must be 'k-means++', 'random' or an array of shape "
                f"(n_clusters, n_features)"
            )
        return init
    centers = check_array(init, "init", dtype=dtype)
    if centers.shape != (n_clusters, n_features):
        raise ValueError(
            f"init must have shape (n_clusters, n_features) = ({n_clusters}, {n_features}), "
            f"got {centers.shape}"
        )
    return centers.copy()


# -- sample weights --------------------------------------------------------------------------


class Weights(NamedTuple):
    """Validated sample weights: the one representation from the public API to the kernels.

    Decided once, at validation: when every weight is 1 (no weights given, or all ones),
    ``unit`` is true and ``values`` is empty, so no array of ones is allocated, checked or read;
    otherwise ``values`` holds the float64 weights. Kernels take ``values, unit``.
    """

    values: np.ndarray  # (n,) float64 >= 0, finite, some positive; (0,) when unit
    unit: bool
    n_samples: int
    total: float  # sum of the weights
    n_positive: int  # rows of positive weight

    @classmethod
    def ones(cls, n_samples: int) -> Weights:
        """Unit weights for ``n_samples`` rows."""
        return cls(np.empty(0, dtype=np.float64), True, n_samples, float(n_samples), n_samples)

    @classmethod
    def of(cls, values: np.ndarray) -> Weights:
        """Weights from a trusted float64 array (non-negative, finite, some positive)."""
        values = np.ascontiguousarray(values, dtype=np.float64)
        if (values == 1.0).all():
            return cls.ones(values.shape[0])
        return cls(
            values, False, values.shape[0], float(values.sum()), int(np.count_nonzero(values))
        )

    def array(self) -> np.ndarray:
        """The weights as a float64 array of length ``n_samples`` (materialised if unit)."""
        return np.ones(self.n_samples) if self.unit else self.values

    def at(self, rows: np.ndarray) -> np.ndarray:
        """The float64 weights of ``rows``."""
        return np.ones(rows.shape[0]) if self.unit else self.values[rows]

    def positive_rows(self) -> np.ndarray:
        """Indices of the rows of positive weight, ascending."""
        if self.unit:
            return np.arange(self.n_samples)
        return np.flatnonzero(self.values > 0)

    def block_totals(self, bounds: np.ndarray) -> np.ndarray:
        """Sum of the weights of each block of rows ``bounds[b]:bounds[b + 1]``."""
        if self.unit:
            return np.diff(bounds).astype(np.float64)
        return np.add.reduceat(self.values, bounds[:-1])


def check_sample_weight(
    sample_weight, n_samples: int, *, name: str = "sample_weight", allow_all_zero: bool = False
) -> Weights:
    """Weights for ``n_samples`` rows: non-negative, finite, not all zero (None: all ones).

    ``name`` is the parameter the messages name (e.g. one chunk of it); ``allow_all_zero``
    accepts weights that are all zero (a part of the data that happens to carry none).
    """
    if sample_weight is None:
        return Weights.ones(n_samples)
    if isinstance(sample_weight, numbers.Real) and not isinstance(sample_weight, bool):
        weights = np.full(n_samples, float(sample_weight))
    else:
        weights = np.asarray(sample_weight)
        if weights.dtype.kind not in "biuf":
            raise TypeError(f"{name} must hold real numbers, got dtype {weights.dtype}")
        if weights.ndim != 1 or weights.shape[0] != n_samples:
            raise ValueError(
                f"{name} must have shape ({n_samples},) to match X, got shape {weights.shape}"
            )
        weights = np.ascontiguousarray(weights, dtype=np.float64)
    if not np.isfinite(weights).all():
        raise ValueError(f"{name} must be finite: it holds NaN or infinite value(s)")
    if (weights < 0).any():
        raise ValueError(
            f"{name} must be >= 0, got minimum {float(weights.min())!r} "
            f"at index {int(np.argmin(weights))}"
        )
    if not allow_all_zero and not (weights > 0).any():
        raise ValueError(f"{name} must have at least one positive entry, got all zeros")
    return Weights.of(weights)


def check_coreset(coreset, n_features: int, dtype) -> tuple[np.ndarray, Weights]:
    """Points (in ``dtype``) and weights of a Coreset or a ``(points, weights)`` pair."""
    if isinstance(coreset, tuple) and len(coreset) in (2, 3):
        points, weights = coreset[0], coreset[1]
    else:
        raise TypeError(
            f"coreset must be a Coreset or a (points, weights) tuple, got {_describe(coreset)}"
        )
    points = check_centers(points, n_features, dtype, "coreset.points")
    return points, check_sample_weight(weights, points.shape[0])
