"""Silhouette passes: the exact score (every pair of rows) and the simplified one (centres).

Distances are Euclidean (not squared), accumulated in float64. Weights follow the library's rule
that integer weights act as repeated rows: a row of weight w is w coincident points, so the
mean distance to its own cluster excludes one unit of weight (the point itself).
"""

import numpy as np

from ._config import jit_inline, jit_parallel
from .distances import nearest_two
from .partials import weight_of


@jit_inline
def _silhouette(a, b):
    """``(b - a) / max(a, b)``, 0 when both are 0."""
    largest = max(a, b)
    return (b - a) / largest if largest > 0.0 else 0.0


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def silhouette_sums(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    labels,  # IN (n,) int64 in [0, k)
    cluster_weight,  # IN (k,) float64: total weight of each cluster
    unit_mass,  # IN float: one unit of weight (a row of weight 1), in the weights' units
    bounds,  # IN (n_blocks + 1,) int64
    block_sums,  # OUT (n_blocks,) float64: sum of w_i * s_i over the block's rows
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Per-block weighted sums of the exact silhouette: O(n^2 d) work, O(k) memory per block.

    For row ``i`` of cluster ``A``: ``a = sum_{j in A} w_j d_ij / (W_A - 1)`` and
    ``b = min_{B != A} sum_{j in B} w_j d_ij / W_B``; ``s = (b - a) / max(a, b)``, and ``s = 0``
    when ``W_A <= 1`` (a cluster of one point). ``1`` is ``unit_mass`` here.
    """
    n_clusters = cluster_weight.shape[0]
    n_features = X.shape[1]
    for b in range(loop_start, loop_stop):
        to_cluster = np.empty(n_clusters, np.float64)
        acc = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            to_cluster[:] = 0.0
            for j in range(X.shape[0]):
                sq = 0.0
                for f in range(n_features):
                    diff = np.float64(X[i, f]) - np.float64(X[j, f])
                    sq += diff * diff
                to_cluster[labels[j]] += weight_of(sample_weight, unit_weights, j) * np.sqrt(sq)
            own = labels[i]
            if cluster_weight[own] <= unit_mass:
                continue  # s = 0
            a = to_cluster[own] / (cluster_weight[own] - unit_mass)
            nearest = np.inf
            for c in range(n_clusters):
                if c != own and cluster_weight[c] > 0.0:
                    nearest = min(nearest, to_cluster[c] / cluster_weight[c])
            acc += weight_of(sample_weight, unit_weights, i) * _silhouette(a, nearest)
        block_sums[b] = acc


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def simplified_silhouette_sums(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    centers,  # IN (k, d), X's dtype, k >= 2
    bounds,  # IN (n_blocks + 1,) int64
    block_sums,  # OUT (n_blocks,) float64: sum of w_i * s_i over the block's rows
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Per-block weighted sums of the simplified silhouette: ``a`` the distance to the nearest
    centre, ``b`` to the second nearest. O(n k d)."""
    centers_t = np.ascontiguousarray(centers.T)
    for b in range(loop_start, loop_stop):
        dist = np.empty(centers.shape[0], X.dtype)
        acc = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            _, best, second = nearest_two(X, i, centers_t, dist)
            a = np.sqrt(np.float64(best))
            acc += weight_of(sample_weight, unit_weights, i) * _silhouette(a, np.sqrt(second))
        block_sums[b] = acc
