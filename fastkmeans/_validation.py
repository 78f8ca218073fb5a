"""Checks of user input for the numerics: numbers, arrays, sample weights, random state.

Errors name the parameter, the value received, the rule and, where there is one, a remedy.
``ValueError`` for bad values, ``TypeError`` for bad types. Image checks live in
:mod:`fastkmeans._validation_image`; this module imports nothing else from the package but the
thread limit, so every other module may import it.
"""

from __future__ import annotations

import numbers
import sys
from typing import NamedTuple

import numpy as np

from ._parallel import max_threads
from ._scaling import max_abs, weight_exponent


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
    """``None`` (``NUMBA_NUM_THREADS``) or a positive integer, capped at NUMBA_NUM_THREADS.

    Capped, not refused: the same estimator runs in a joblib worker (which limits
    NUMBA_NUM_THREADS, to 1 in a search with ``n_jobs``) or is unpickled on a smaller machine,
    where an error would fail every fit or prediction for a setting about speed alone.
    """
    if n_threads is None:
        return None
    if isinstance(n_threads, bool) or not isinstance(n_threads, numbers.Integral):
        raise TypeError(f"n_threads must be None or an integer, got {_describe(n_threads)}")
    n_threads = int(n_threads)
    if n_threads < 1:
        raise ValueError(f"n_threads={n_threads} must be >= 1 (or None: every thread)")
    return min(n_threads, max_threads())


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
    remedy = ""
    if isinstance(random_state, np.random.RandomState):
        # Not drawn from: a legacy RandomState's stream is not the Generator's this promises.
        remedy = (
            "; pass an int seed (e.g. random_state.randint(2**31)) or "
            "numpy.random.default_rng(seed)"
        )
    raise TypeError(
        f"random_state must be None, a non-negative int, a SeedSequence or a "
        f"numpy.random.Generator, got {_describe(random_state)}{remedy}"
    )


def check_choice(value, name: str, choices: tuple[str, ...]) -> str:
    """One of the strings in ``choices``."""
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(repr(choice) for choice in choices[:-1]) + f" or {choices[-1]!r}"
        raise ValueError(f"{name}={_describe(value)} must be {listed}")
    return value


# -- arrays ----------------------------------------------------------------------------------


def is_sparse(X) -> bool:
    """Whether X is a scipy.sparse matrix or array, without importing scipy.

    A sparse matrix can only exist once its module was imported, so scipy is asked only then.
    """
    if "scipy.sparse" not in sys.modules:
        return False
    import scipy.sparse

    return bool(scipy.sparse.issparse(X))


def check_array(
    X, name: str = "X", *, ndim: int = 2, dtype=None, finite: bool = True
) -> np.ndarray:
    """Return ``X`` as a C-contiguous float32/float64 array with finite values (checked unless
    ``finite`` is false: for a caller that checks them with :func:`finite_magnitude`).

    float32 and float64 inputs keep their dtype and are not copied when already C-contiguous;
    integer and boolean inputs, and object arrays of numbers, become float64. ``dtype`` forces
    a floating dtype. Any object with ``__array__`` (a pandas DataFrame, ...) is accepted;
    scipy.sparse matrices are refused here (see :func:`fastkmeans._validation_sparse.check_data`
    for the functions that accept them).
    """
    if isinstance(X, np.ndarray):
        array = X
    else:
        if is_sparse(X):
            raise TypeError(
                f"{name} is a scipy.sparse matrix, which this function does not accept; "
                f"pass a dense array ({name}.toarray()), or cluster it with "
                f"fastkmeans.KMeans, which accepts sparse input"
            )
        try:
            array = np.asarray(X)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must be array-like of numbers, got {_describe(X)}") from exc
    try:
        array = _as_real(array, name)
    except TypeError as exc:
        column = _non_numeric_column(X)
        if column is None:
            raise
        raise TypeError(
            f"{name} column {column[0]!r} (dtype {column[1]}) does not hold numbers; encode "
            f"text or categories as numbers first (e.g. one-hot encoding), or drop the column"
        ) from exc
    if array.ndim != ndim:
        if ndim == 2 and array.ndim == 1 and name == "X":
            remedy = (
                f". Reshape your data: use {name}.reshape(-1, 1) for one feature "
                f"or {name}.reshape(1, -1) for one sample"
            )
        else:
            remedy = ""
        raise ValueError(f"{name} must be {ndim}-D, got shape {array.shape}{remedy}")
    check_not_empty(array.shape, name)
    if dtype is None:
        dtype = array.dtype if array.dtype in (np.float32, np.float64) else np.float64
    source = array
    with np.errstate(over="ignore"):
        array = np.ascontiguousarray(array, dtype=dtype)
    if finite:
        try:
            check_finite(array, name)
        except ValueError:
            # Finite as given but not once cast (centres in float64 for float32 data): say so.
            if array is not source and (source.dtype.kind in "biu" or np.isfinite(source).all()):
                raise ValueError(
                    f"{name} holds values beyond the range of {np.dtype(dtype).name} (the "
                    f"data's dtype, up to {float(np.finfo(dtype).max):.6g} in magnitude): "
                    f"largest {float(np.abs(source).max()):.6g}"
                ) from None
            raise
    return array


def _non_numeric_column(X) -> tuple[object, str] | None:
    """The first column of a data frame (pandas, polars) that does not convert to numbers, with
    its dtype; None for other inputs or when every column converts."""
    columns, dtypes = getattr(X, "columns", None), getattr(X, "dtypes", None)
    if columns is None or dtypes is None or isinstance(X, np.ndarray):
        return None
    for column, dtype in zip(list(columns), list(dtypes), strict=False):
        try:
            np.asarray(X[column], dtype=np.float64)
        except (TypeError, ValueError):
            return column, str(dtype)
        except Exception:  # an unusual frame: keep the general message
            return None
    return None


def _as_real(array: np.ndarray, name: str) -> np.ndarray:
    """``array`` itself when it holds real numbers; object arrays of numbers as float64."""
    kind = array.dtype.kind
    if kind in "biuf":
        return array
    if kind == "c":
        raise ValueError(
            f"{name} holds complex numbers (dtype {array.dtype}): Complex data not supported; "
            f"pass the real part, the modulus or both as separate features"
        )
    if kind == "O":
        try:
            return array.astype(np.float64)
        except (TypeError, ValueError) as exc:
            if any(value is None or type(value).__name__ == "NAType" for value in array.flat):
                raise ValueError(
                    f"{name} holds missing values (None or pandas.NA); fill them in or drop "
                    f"their rows first"
                ) from exc
            raise TypeError(
                f"{name} must hold real numbers, got an object array with an entry that is "
                f"not one ({exc})"
            ) from exc
    raise TypeError(
        f"{name} must hold real numbers, got dtype {array.dtype}; encode text or categories "
        f"as numbers first (e.g. one-hot encoding, or TF-IDF for text)"
    )


def check_not_empty(shape: tuple[int, ...], name: str = "X") -> None:
    """At least one sample and one feature (scikit-learn's wording, which its checks expect)."""
    if shape[0] == 0:
        raise ValueError(
            f"{name} must not be empty, got shape {shape}: found 0 sample(s) while a minimum "
            f"of 1 is required; pass at least one row"
        )
    if len(shape) == 2 and shape[1] == 0:
        raise ValueError(
            f"{name} must not be empty: found 0 feature(s) (shape={shape}) while a minimum "
            f"of 1 is required; pass at least one column"
        )
    if 0 in shape:
        raise ValueError(f"{name} must not be empty, got shape {shape}")


def check_finite(values: np.ndarray, name: str = "X") -> None:
    """No NaN or infinite value."""
    # A sum of finite values is finite or overflows to infinity, and a NaN or an infinity makes
    # it NaN or infinite: a finite sum proves every value finite. It takes half the time of
    # isfinite(...).all(), which writes a boolean per value (measured on 100,000 x 768 float32:
    # 14 ms against 31 ms); only a sum that is not finite is checked value by value.
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(np.sum(values)):
            return
    _raise_if_not_finite(values, name)


def finite_magnitude(values: np.ndarray, name: str = "X") -> float:
    """The largest absolute value of ``values`` (0.0 when empty; see
    :func:`fastkmeans._scaling.max_abs`), with the check of :func:`check_finite`, in one read:
    the maximum is finite exactly when every value is. One read instead of the three of a
    finiteness check, a minimum and a maximum (17 ms against 34 ms on 100,000 x 768 float32).
    """
    largest = max_abs(values)
    if not np.isfinite(largest):
        _raise_if_not_finite(values, name)
    return largest


def _raise_if_not_finite(values: np.ndarray, name: str) -> None:
    if not np.isfinite(values).all():
        bad = int(np.size(values) - np.count_nonzero(np.isfinite(values)))
        raise ValueError(f"{name} must be finite: it holds {bad} NaN or infinite value(s)")


def check_features(X, n_features: int, owner: str, name: str = "X") -> None:
    """X has the number of features ``owner`` (a fitted estimator's name) was fitted with."""
    if X.shape[1] != n_features:
        raise ValueError(
            f"{name} has {X.shape[1]} features, but {owner} is expecting {n_features} features "
            f"as input (the number it was fitted with); pass data with the columns used in fit"
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


def check_init(init, n_clusters: int, n_features: int, dtype):
    """``"k-means++"``, ``"random"``, a callable, or an array of shape (n_clusters, n_features).

    A callable is returned as is; what it returns is checked by :func:`check_init_centers`.
    """
    if isinstance(init, str):
        if init not in ("k-means++", "random"):
            raise ValueError(
                f"init={init!r} must be 'k-means++', 'random', a callable or an array of shape "
                f"(n_clusters, n_features)"
            )
        return init
    if callable(init):
        return init
    return check_init_centers(init, n_clusters, n_features, dtype, "init")


def check_init_centers(centers, n_clusters: int, n_features: int, dtype, name: str) -> np.ndarray:
    """Initial centres: a finite array of shape (n_clusters, n_features), copied into ``dtype``."""
    if is_sparse(centers):
        raise TypeError(f"{name} must be a dense array of centres, got a scipy.sparse matrix")
    centers = check_array(centers, name, dtype=dtype)
    if centers.shape != (n_clusters, n_features):
        raise ValueError(
            f"{name} must have shape (n_clusters, n_features) = ({n_clusters}, {n_features}), "
            f"got {centers.shape}"
        )
    return centers.copy()


# -- sample weights --------------------------------------------------------------------------


class Weights(NamedTuple):
    """Validated sample weights: the one representation from the public API to the kernels.

    Decided once, at validation: when every weight is 1 (no weights given, or all ones),
    ``unit`` is true and ``values`` is empty, so no array of ones is allocated, checked or read;
    otherwise ``values`` holds the float64 weights. Kernels take ``values, unit``.

    Weights so large or small that weighted sums would overflow or underflow (largest outside
    ``[2^-256, 2^256]``) are stored multiplied by ``2^exponent`` (exact): means and labels do
    not change, and a cost computed with ``values`` is ``2^exponent`` times the user's.
    """

    values: np.ndarray  # (n,) float64 >= 0, finite, some positive; (0,) when unit
    unit: bool
    n_samples: int
    total: float  # sum of the (stored) weights
    n_positive: int  # rows of positive weight
    exponent: int = 0  # stored weights = the user's weights * 2^exponent

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
        exponent = weight_exponent(values)
        if exponent == 0:
            return cls.unscaled(values)
        return cls.unscaled(np.ldexp(values, exponent))._replace(exponent=exponent)

    @classmethod
    def unscaled(cls, values: np.ndarray) -> Weights:
        """Trusted float64 weights stored as given (exponent 0), whatever their magnitude: for
        one chunk of weights whose range the caller checks over all of them (a chunk must not
        choose its own exponent: chunks' sums are added)."""
        values = np.ascontiguousarray(values, dtype=np.float64)
        if (values == 1.0).all():
            return cls.ones(values.shape[0])
        total, n_positive = float(values.sum()), int(np.count_nonzero(values))
        return cls(values, False, values.shape[0], total, n_positive)

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
    sample_weight,
    n_samples: int,
    *,
    name: str = "sample_weight",
    allow_all_zero: bool = False,
    first_row: int = 0,
) -> Weights:
    """Weights for ``n_samples`` rows: non-negative, finite, not all zero (None: all ones).

    ``name`` is the parameter the messages name (e.g. one chunk of it); ``allow_all_zero``
    accepts weights that are all zero (a part of the data that happens to carry none);
    ``first_row``: the index in the whole data of these weights' first (for messages).
    """
    if sample_weight is None:
        return Weights.ones(n_samples)
    if isinstance(sample_weight, numbers.Real) and not isinstance(sample_weight, bool):
        weights = np.full(n_samples, float(sample_weight))
    else:
        if is_sparse(sample_weight):
            raise TypeError(f"{name} must be a dense 1-D array, got a scipy.sparse matrix")
        weights = np.asarray(sample_weight)
        if weights.dtype.kind == "O":  # numbers held as objects, as X may be
            weights = _as_real(weights, name)
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
            f"at index {first_row + int(np.argmin(weights))}"
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
    return points, check_sample_weight(weights, points.shape[0], name="coreset.weights")
