"""Per-block data moments: the threshold's scale, the lightweight coreset's mean."""

import numpy as np

from ._config import jit_parallel
from .distances import sq_distance_to_point
from .partials import weight_of


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def weighted_sums(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    bounds,  # IN (n_blocks + 1,) int64
    block_sums,  # OUT (n_blocks, d) float64: sum of w * x over each block
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Per-block weighted sums of the rows, in float64."""
    n_features = X.shape[1]
    for b in range(loop_start, loop_stop):
        acc = np.zeros(n_features, np.float64)
        for i in range(bounds[b], bounds[b + 1]):
            w = weight_of(sample_weight, unit_weights, i)
            for f in range(n_features):
                acc[f] += w * X[i, f]
        for slot in range(acc.shape[0]):  # a loop, not a slice assignment (compile time)
            block_sums[b, slot] = acc[slot]


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def weighted_sq_deviations(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    mean,  # IN (d,), X's dtype
    bounds,  # IN (n_blocks + 1,) int64
    block_sums,  # OUT (n_blocks,) float64: sum of w * ||x - mean||^2 over each block
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Per-block weighted squared deviations from ``mean``, in float64."""
    for b in range(loop_start, loop_stop):
        acc = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            sq = np.float64(sq_distance_to_point(X, i, mean))
            acc += sq if unit_weights else sample_weight[i] * sq
        block_sums[b] = acc
