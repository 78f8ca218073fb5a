"""Every check of user input, dtype/contiguity conversion and random_state handling.

Errors name the parameter, the value received, the rule and, where there is one, a remedy.
``ValueError`` for bad values, ``TypeError`` for bad types.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._parallel import max_threads


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
    """The assignment strategy's name, with "auto" resolved."""
    if algorithm not in ("auto", "lloyd", "hamerly"):
        raise ValueError(f"algorithm={algorithm!r} must be 'auto', 'lloyd' or 'hamerly'")
    return "hamerly" if algorithm == "auto" else algorithm


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


IMAGE_DTYPES = (np.uint8, np.uint16, np.float32, np.float64)


def check_image(image, name: str = "image") -> np.ndarray:
    """A C-contiguous (H, W) or (H, W, C) image, C in 1..4, of dtype uint8, uint16, float32 or
    float64; float images must lie in [0, 1]. Not copied when already C-contiguous.

    Channels: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA.
    """
    array = image if isinstance(image, np.ndarray) else np.asarray(image)
    if array.dtype not in IMAGE_DTYPES:
        raise TypeError(
            f"{name} must have dtype uint8, uint16, float32 or float64, got {array.dtype}; "
            f"convert it first, e.g. {name}.astype(np.uint8) for 8-bit data"
        )
    if array.ndim not in (2, 3):
        raise ValueError(
            f"{name} must be 2-D (H, W) or 3-D (H, W, channels), got shape {array.shape}"
        )
    if array.ndim == 3 and not 1 <= array.shape[2] <= 4:
        raise ValueError(
            f"{name} must have 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) channels, "
            f"got shape {array.shape}"
        )
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if array.shape[0] * array.shape[1] >= 2**31:
        raise ValueError(f"{name} must have fewer than 2**31 pixels, got shape {array.shape}")
    array = np.ascontiguousarray(array)
    if array.dtype.kind == "f":
        if not np.isfinite(array).all():
            raise ValueError(f"{name} must be finite: it holds NaN or infinite value(s)")
        low, high = float(array.min()), float(array.max())
        if low < 0.0 or high > 1.0:
            raise ValueError(
                f"a float {name} must lie in [0, 1], got values in [{low:g}, {high:g}]; "
                f"divide by its maximum or convert it to uint8/uint16"
            )
    return array


def check_color_space(color_space) -> str:
    """``"rgb"`` or ``"lab"``."""
    if color_space not in ("rgb", "lab"):
        raise ValueError(f"color_space={_describe(color_space)} must be 'rgb' or 'lab'")
    return color_space


def check_coreset_size(coreset_size, n_clusters: int) -> int:
    """An integer ``coreset_size >= n_clusters``."""
    size = check_int(coreset_size, "coreset_size", minimum=1)
    if size < n_clusters:
        raise ValueError(
            f"coreset_size={size} must be >= n_clusters={n_clusters}; "
            f"use a larger coreset or fewer clusters"
        )
    return size


def check_image_pair(reference, other) -> tuple[np.ndarray, np.ndarray]:
    """Two numeric 2-D or 3-D images of one shape, as C-contiguous (H, W, C) arrays.

    uint8, uint16, float32 and float64 stay in their dtype when both images share it;
    otherwise both become float64.
    """
    arrays = []
    for name, value in (("reference", reference), ("image", other)):
        array = value if isinstance(value, np.ndarray) else np.asarray(value)
        if array.dtype.kind not in "buif":
            raise TypeError(f"{name} must hold real numbers, got dtype {array.dtype}")
        if array.ndim not in (2, 3):
            raise ValueError(
                f"{name} must be 2-D (H, W) or 3-D (H, W, channels), got shape {array.shape}"
            )
        if array.size == 0:
            raise ValueError(f"{name} must not be empty, got shape {array.shape}")
        arrays.append(array)
    reference, other = arrays
    if reference.shape != other.shape:
        raise ValueError(
            f"reference and image must have the same shape, got {reference.shape} and {other.shape}"
        )
    if reference.dtype != other.dtype or reference.dtype not in IMAGE_DTYPES:
        dtype = np.float64
    else:
        dtype = reference.dtype
    out = []
    for name, array in (("reference", reference), ("image", other)):
        array = np.ascontiguousarray(array, dtype=dtype)
        if array.dtype.kind == "f" and not np.isfinite(array).all():
            raise ValueError(f"{name} must be finite: it holds NaN or infinite value(s)")
        out.append(array.reshape(array.shape[0], array.shape[1], -1))
    return out[0], out[1]


def check_data_range(data_range, dtype) -> float:
    """A positive finite ``data_range``; ``None``: the dtype's range (1.0 for floats)."""
    if data_range is None:
        dtype = np.dtype(dtype)
        if dtype.kind == "b":
            return 1.0
        if dtype.kind in "iu":
            info = np.iinfo(dtype)
            return float(info.max) - float(info.min)
        return 1.0
    return check_positive_real(data_range, "data_range")


def check_ssim_window(win_size, sigma, shape: tuple[int, ...]) -> tuple[int, float]:
    """An odd ``win_size`` no larger than the image's sides and a positive finite ``sigma``."""
    win_size = check_int(win_size, "win_size", minimum=1)
    if win_size % 2 == 0:
        raise ValueError(f"win_size={win_size} must be odd")
    if win_size > min(shape[0], shape[1]):
        raise ValueError(
            f"win_size={win_size} must be <= the image's smaller side ({min(shape[0], shape[1])}"
            f" for shape {shape}); pass a smaller odd win_size"
        )
    return win_size, check_positive_real(sigma, "sigma")


def check_positive_real(value, name: str) -> float:
    """A finite real ``value > 0`` (a data range, a window's sigma, SSIM's K1 and K2)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {_describe(value)}")
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name}={value!r} must be finite and > 0")
    return value


def check_sample_size(size, minimum: int, reason: str = "") -> int:
    """A coreset's ``size``: an integer ``>= minimum`` (``reason`` says why that minimum)."""
    if isinstance(size, bool) or not isinstance(size, numbers.Integral):
        raise TypeError(f"size must be an integer, got {_describe(size)}")
    size = int(size)
    if size < minimum:
        why = f" ({reason})" if reason else ""
        raise ValueError(
            f"size={size} must be >= {minimum}{why}; use a larger size, e.g. 40 * n_clusters"
        )
    return size


def check_centers(centers, n_features: int, dtype, name: str = "centers") -> np.ndarray:
    """A finite 2-D array of centres with X's number of features, in X's dtype."""
    centers = check_array(centers, name, dtype=dtype)
    if centers.shape[1] != n_features:
        raise ValueError(
            f"{name} has {centers.shape[1]} features, but X has {n_features}; "
            f"pass centres of shape (n_centers, {n_features})"
        )
    return centers


def check_merge(parts, offsets) -> list[int]:
    """Coresets to merge share their number of features; one non-negative offset per part."""
    from .coreset import Coreset

    for part in parts:
        if not isinstance(part, Coreset):
            raise TypeError(f"merge takes Coreset objects, got {type(part).__name__}")
    n_features = {np.shape(part.points)[1] for part in parts}
    if len(n_features) > 1:
        raise ValueError(
            f"cannot merge coresets with different numbers of features {sorted(n_features)}"
        )
    if offsets is None:
        return [0] * len(parts)
    offsets = list(offsets)
    if len(offsets) != len(parts):
        raise ValueError(
            f"offsets must have one entry per coreset ({len(parts)}, this one first), "
            f"got {len(offsets)}"
        )
    return [check_int(offset, "offsets[i]", minimum=0) for offset in offsets]


def check_eps(eps) -> float:
    """A finite real ``eps > 0`` (a relative error)."""
    return check_positive_real(eps, "eps")


def check_coreset(coreset, n_features: int, dtype) -> tuple[np.ndarray, np.ndarray]:
    """Points (in ``dtype``) and float64 weights of a Coreset or a ``(points, weights)`` pair."""
    if isinstance(coreset, tuple) and len(coreset) in (2, 3):
        points, weights = coreset[0], coreset[1]
    else:
        raise TypeError(
            f"coreset must be a Coreset or a (points, weights) tuple, got {_describe(coreset)}"
        )
    points = check_centers(points, n_features, dtype, "coreset.points")
    weights = check_sample_weight(weights, points.shape[0])
    return points, weights
