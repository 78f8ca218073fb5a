"""Exact power-of-two rescaling that keeps squared distances and weighted sums in range.

Squared distances are computed in the data's dtype and summed in float64, so data near the edge
of its dtype would overflow (float32 beyond ~1e18, float64 beyond ~1e150: every distance inf)
or underflow (float32 below ~1e-11, float64 below ~1e-137: every distance 0), and weights near
float64's limits would overflow the weighted sums. Both are moved into range by a power of two:
multiplying by ``2^e`` is exact in binary floating point (short of subnormal results), so a
computation on ``2^e X`` is the computation on X with every coordinate scaled by ``2^e``:
the same labels, the same seeding draws, the same iteration count, and centres and costs that
scale back exactly (``c / 2^e``, ``cost / 2^(2e)``). Ordinary inputs are left alone (no copy).

What cannot be helped: a cost whose true value exceeds float64's range is reported as ``inf``
(with a warning), and differences between coordinates more than about 300 (float64) or 37
(float32) orders of magnitude below the largest coordinate lose their precision in the squared
distances, as they would in any floating-point computation.
"""

from __future__ import annotations

import warnings

import numpy as np

# Headroom: squared distances stay 2^6 below the dtype's maximum, weighted sums 2^6 below
# float64's.
_HEADROOM = 64.0
# Weights are rescaled when their largest lies outside [2^-_WEIGHT_EXP, 2^_WEIGHT_EXP].
_WEIGHT_EXP = 256


# Values per step of max_abs: 4-8 MiB, in cache between the step's two sweeps.
MAGNITUDE_STEP = 1 << 20


def max_abs(X) -> float:
    """The largest absolute value in X, dense or sparse rows (of a sparse one, its stored
    values); NaN or infinite when a value is not finite.

    One read in cache-sized steps: the absolute values of a slice into a buffer of at most
    MAGNITUDE_STEP values, then their maximum (which propagates NaN). Measured against numpy's
    minimum and maximum (two reads): 17 ms against 21 ms on 100,000 x 768 float32, 6 ms against
    7 ms on 8.6 M x 3. A parallel kernel was faster still but cost a fresh process 0.4 s of
    compilation before its first fit.
    """
    values = X.data if hasattr(X, "kernel_args") else X  # SparseRows: its zeros add nothing
    flat = values.reshape(-1)
    buffer = np.empty(min(flat.size, MAGNITUDE_STEP), dtype=flat.dtype)
    largest = 0.0
    for start in range(0, flat.size, MAGNITUDE_STEP):
        step = buffer[: min(MAGNITUDE_STEP, flat.size - start)]
        np.abs(flat[start : start + step.size], out=step)
        step_largest = float(step.max())
        if not np.isfinite(step_largest):
            return step_largest  # max() below would drop a NaN
        largest = max(largest, step_largest)
    return largest


def safe_range(dtype, n_features: int, total_weight: float) -> tuple[float, float]:
    """``(lower, upper)``: the largest coordinate magnitudes that need no rescaling.

    Above ``upper``, a squared distance (at most ``4 d m^2``) could overflow the dtype, or a
    weighted cost sum (at most ``W 4 d m^2``) could overflow float64. Below ``lower``, squared
    differences of neighbouring values (``(m eps)^2``) would fall below the dtype's smallest
    normal number and lose their precision.
    """
    info = np.finfo(dtype)
    big = np.finfo(np.float64).max
    upper = min(
        np.sqrt(float(info.max) / (4.0 * n_features * _HEADROOM)),
        np.sqrt(big / (4.0 * n_features * max(total_weight, 1.0) * _HEADROOM)),
    )
    lower = np.sqrt(float(info.tiny)) / float(info.eps) * 16.0
    return float(lower), float(upper)


def data_exponent(magnitude: float, dtype, n_features: int, total_weight: float) -> int:
    """``e`` such that ``2^e * magnitude`` is in the safe range; 0 when it is already.

    Out of range, the largest coordinate goes just below ``upper``: the most room for small
    differences between the smaller ones. (An exponent, not ``2^e``: that may lie outside
    float64's range, e.g. 2^1495 for float64 data of magnitude 1e-300.)
    """
    lower, upper = safe_range(dtype, n_features, total_weight)
    if magnitude == 0.0 or lower <= magnitude <= upper:
        return 0
    return int(np.frexp(upper)[1]) - 1 - int(np.frexp(magnitude)[1])


def weight_exponent(weights: np.ndarray) -> int:
    """``e`` putting the largest weight times ``2^e`` in [0.5, 1) when it lies outside
    ``[2^-256, 2^256]`` (weights that large or small would overflow or underflow the weighted
    sums); 0 otherwise."""
    largest = float(weights.max())
    if 2.0**-_WEIGHT_EXP <= largest <= 2.0**_WEIGHT_EXP:
        return 0
    return -int(np.frexp(largest)[1])


def scaled(array, exponent: int):
    """``2^exponent * array`` in the array's dtype (exact); the array itself for 0.

    ``array`` is a dense array or sparse rows (whose stored values are scaled).
    """
    if exponent == 0:
        return array
    if hasattr(array, "kernel_args"):
        return array._replace(data=scaled(array.data, exponent))
    return np.ldexp(array, exponent).astype(array.dtype, copy=False)


def unscaled_cost(cost: float, data_exp: int, weight_exp: int = 0) -> float:
    """A cost computed on ``2^data_exp X`` with weights times ``2^weight_exp``, in the
    caller's units. Warns when the true cost lies outside float64's range: above it the value
    is ``inf``, below the smallest positive float64 it is 0."""
    if data_exp == 0 and weight_exp == 0:
        return cost
    with np.errstate(over="ignore", under="ignore"):
        value = float(np.ldexp(np.float64(cost), -2 * data_exp - weight_exp))
    if (np.isinf(value) and np.isfinite(cost)) or (value == 0.0 and cost > 0.0):
        shown, limit = ("inf", "above") if value else ("0", "below")
        warnings.warn(
            f"the cost lies {limit} the float64 range and is reported as {shown}; labels and "
            f"centres are exact (computed on the data scaled by 2**{data_exp}, the cost is "
            f"{cost!r} times 2**{-2 * data_exp - weight_exp})",
            RuntimeWarning,
            stacklevel=3,
        )
    return value


def scaled_pair(
    X: np.ndarray, centers: np.ndarray, total_weight: float
) -> tuple[np.ndarray, np.ndarray, int]:
    """X and centres (of X's dtype) rescaled by one power of two when their magnitude needs it,
    and its exponent (0, with no copies, for ordinary inputs)."""
    magnitude = max(max_abs(X), max_abs(centers))
    exponent = data_exponent(magnitude, X.dtype, X.shape[1], total_weight)
    return scaled(X, exponent), scaled(centers, exponent), exponent
