"""Every check of user input, dtype/contiguity conversion and random_state handling.

Errors name the parameter, the value received, the rule and, where there is one, a remedy.
``ValueError`` for bad values, ``TypeError`` for bad types.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np

from ._parallel import max_threads


class FewDistinctPointsWarning(UserWarning):
    """Fewer distinct points (with positive weight) than clusters: some centres coincide."""


class ConvergenceWarning(UserWarning):
    """An iterative method stopped at its iteration budget before meeting its tolerance."""


def _describe(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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


def check_sample_weight(sample_weight, n_samples: int) -> np.ndarray:
    """Return float64 weights of shape (n_samples,): non-negative, finite, not all zero."""
    if sample_weight is None:
        return np.ones(n_samples, dtype=np.float64)
    if isinstance(sample_weight, numbers.Real) and not isinstance(sample_weight, bool):
        weights = np.full(n_samples, float(sample_weight))
    else:
        weights = np.asarray(sample_weight)
        if weights.dtype.kind not in "biuf":
            raise TypeError(f"sample_weight must hold real numbers, got dtype {weights.dtype}")
        if weights.ndim != 1 or weights.shape[0] != n_samples:
            raise ValueError(
                f"sample_weight must have shape ({n_samples},) to match X, "
                f"got shape {weights.shape}"
            )
        weights = np.ascontiguousarray(weights, dtype=np.float64)
    if not np.isfinite(weights).all():
        raise ValueError("sample_weight must be finite: it holds NaN or infinite value(s)")
    if (weights < 0).any():
        raise ValueError(
            f"sample_weight must be >= 0, got minimum {float(weights.min())!r} "
            f"at index {int(np.argmin(weights))}"
        )
    if not (weights > 0).any():
        raise ValueError("sample_weight must have at least one positive entry, got all zeros")
    return weights


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


def check_n_clusters(n_clusters, n_samples: int, sample_weight: np.ndarray | None = None) -> int:
    """``1 <= n_clusters <= n_samples`` (counting only samples of positive weight)."""
    if isinstance(n_clusters, bool) or not isinstance(n_clusters, numbers.Integral):
        raise TypeError(f"n_clusters must be an integer, got {_describe(n_clusters)}")
    n_clusters = int(n_clusters)
    if n_clusters < 1:
        raise ValueError(f"n_clusters={n_clusters} must be >= 1")
    if n_clusters > n_samples:
        raise ValueError(f"n_clusters={n_clusters} must be <= n_samples={n_samples}")
    if sample_weight is not None:
        n_positive = int(np.count_nonzero(sample_weight))
        if n_clusters > n_positive:
            raise ValueError(
                f"n_clusters={n_clusters} must be <= the number of samples with positive "
                f"weight ({n_positive})"
            )
    return n_clusters


def check_tol(tol) -> float:
    """A finite real ``tol >= 0``."""
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real):
        raise TypeError(f"tol must be a real number, got {_describe(tol)}")
    tol = float(tol)
    if not np.isfinite(tol) or tol < 0:
        raise ValueError(f"tol={tol!r} must be finite and >= 0")
    return tol


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


def check_algorithm(algorithm) -> str:
    """The assignment strategy's name."""
    if algorithm not in ("auto", "lloyd"):
        raise ValueError(f"algorithm={algorithm!r} must be 'auto' or 'lloyd'")
    return algorithm


def check_n_threads(n_threads) -> int | None:
    """``None`` (Numba's current setting) or an integer in [1, NUMBA_NUM_THREADS]."""
    if n_threads is None:
        return None
    limit = max_threads()
    if isinstance(n_threads, bool) or not isinstance(n_threads, numbers.Integral):
        raise TypeError(f"n_threads must be None or an integer, got {_describe(n_threads)}")
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


def check_features(X: np.ndarray, n_features: int, name: str = "X") -> None:
    """X has the number of features the model was fitted with."""
    if X.shape[1] != n_features:
        raise ValueError(
            f"{name} has {X.shape[1]} features, but the model was fitted with {n_features}"
        )


def warn_few_distinct(n_distinct: int, n_clusters: int, stacklevel: int) -> None:
    """The warning for fewer distinct points than clusters."""
    warnings.warn(
        f"only {n_distinct} distinct point(s) with positive weight for n_clusters={n_clusters}: "
        f"some centres coincide",
        FewDistinctPointsWarning,
        stacklevel=stacklevel + 1,
    )
