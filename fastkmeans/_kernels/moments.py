"""Per-block data moments: the threshold's scale, the lightweight coreset's mean."""

import numpy as np

from ._config import jit_parallel
from ._small import zeroed
from .distances import sq_distance_to_point
from .partials import weight_of


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1, lean=True)
def _weighted_moments(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    mean,  # IN (d,), X's dtype (read only with deviations)
    deviations,  # IN bool: which moment
    bounds,  # IN (n_blocks + 1,) int64
    block_sums,  # OUT (n_blocks, d) float64: sum of w * x over each block (not deviations)
    block_deviation,  # OUT (n_blocks,) float64: sum of w * ||x - mean||^2 (deviations)
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Per-block weighted sums of the rows, or weighted squared deviations from ``mean``, in
    float64. One kernel for both: each kernel costs a fresh process a fixed ~0.25 s to
    compile, and a fit needs both moments once (the stopping threshold's scale)."""
    n_features = X.shape[1]
    for b in range(loop_start, loop_stop):
        if deviations:
            total = 0.0
            for i in range(bounds[b], bounds[b + 1]):
                sq = np.float64(sq_distance_to_point(X, i, mean))
                total += sq if unit_weights else sample_weight[i] * sq
            block_deviation[b] = total
        else:
            acc = zeroed(np.empty(n_features, np.float64))
            for i in range(bounds[b], bounds[b + 1]):
                w = weight_of(sample_weight, unit_weights, i)
                for f in range(n_features):
                    acc[f] += w * X[i, f]
            for slot in range(acc.shape[0]):  # a loop, not a slice assignment (compile time)
                block_sums[b, slot] = acc[slot]


def weighted_sums(X, sample_weight, unit_weights, bounds, block_sums):
    """``block_sums[b]`` (OUT, (n_blocks, d) float64) = sum of ``w * x`` over block ``b``."""
    unused = np.empty(block_sums.shape[0], dtype=np.float64)
    _weighted_moments(
        X, sample_weight, unit_weights, np.zeros(X.shape[1], dtype=X.dtype), False, bounds,
        block_sums, unused,
    )  # fmt: skip


def weighted_sq_deviations(X, sample_weight, unit_weights, mean, bounds, block_sums):
    """``block_sums[b]`` (OUT, (n_blocks,) float64) = sum of ``w * ||x - mean||^2`` over block
    ``b``; ``mean`` in X's dtype."""
    unused = np.empty((block_sums.shape[0], X.shape[1]), dtype=np.float64)
    _weighted_moments(
        X, sample_weight, unit_weights, np.asarray(mean, dtype=X.dtype), True, bounds, unused,
        block_sums,
    )  # fmt: skip
