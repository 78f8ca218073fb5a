"""Per-block data moments (for the scale of the stopping threshold).

An empty ``sample_weight`` means unit weights.
"""

import numpy as np
from numba import prange

from ._config import jit_parallel


@jit_parallel
def weighted_sums(X, sample_weight, bounds, block_sums):
    """``block_sums[b, f] = sum_{i in block b} w_i x_if`` in float64."""
    n_blocks = bounds.shape[0] - 1
    n_features = X.shape[1]
    unit_weights = sample_weight.shape[0] == 0
    for b in prange(n_blocks):
        acc = np.zeros(n_features, np.float64)
        for i in range(bounds[b], bounds[b + 1]):
            w = 1.0 if unit_weights else sample_weight[i]
            for f in range(n_features):
                acc[f] += w * X[i, f]
        block_sums[b, :] = acc


@jit_parallel
def weighted_sq_deviations(X, sample_weight, mean, bounds, block_sums):
    """``block_sums[b] = sum_{i in block b} w_i ||x_i - mean||^2`` in float64."""
    n_blocks = bounds.shape[0] - 1
    n_features = X.shape[1]
    unit_weights = sample_weight.shape[0] == 0
    for b in prange(n_blocks):
        acc = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            sq = 0.0
            for f in range(n_features):
                diff = X[i, f] - mean[f]
                sq += diff * diff
            acc += sq if unit_weights else sample_weight[i] * sq
        block_sums[b] = acc
