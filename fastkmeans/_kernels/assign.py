"""Nearest-centre assignment: the fused Lloyd pass, label/cost passes and distances.

Distances are exact squared Euclidean distances, sum_f (x_f - c_f)^2, computed with the centres
transposed to (d, k) so the innermost loop runs over centres and vectorises. Ties go to the
lowest centre index.
"""

import numpy as np
from numba import prange

from ._config import jit, jit_parallel


@jit
def nearest_center(X, i, centers_t, dist):
    """Index of the centre nearest to row ``i`` and its squared distance; ``dist`` is scratch."""
    n_features, n_clusters = centers_t.shape
    for j in range(n_clusters):
        dist[j] = 0.0
    for f in range(n_features):
        xf = X[i, f]
        for j in range(n_clusters):
            diff = xf - centers_t[f, j]
            dist[j] += diff * diff
    best = 0
    best_dist = dist[0]
    for j in range(1, n_clusters):
        if dist[j] < best_dist:
            best_dist = dist[j]
            best = j
    return best, best_dist


@jit_parallel
def lloyd_step(X, sample_weight, centers, bounds, labels, block_sums, block_weights, block_cost):
    """One fused read of X: assign every row, accumulate per-block weighted sums and cost.

    Writes ``labels`` (n,), ``block_sums`` (n_blocks, k, d) float64, ``block_weights``
    (n_blocks, k) float64 and ``block_cost`` (n_blocks,) float64, the cost being measured
    against ``centers``. Returns the number of labels that changed.
    """
    n_blocks = bounds.shape[0] - 1
    n_clusters, n_features = centers.shape
    centers_t = np.ascontiguousarray(centers.T)
    block_changed = np.zeros(n_blocks, np.int64)
    for b in prange(n_blocks):
        dist = np.empty(n_clusters, X.dtype)
        sums = block_sums[b]
        weights = block_weights[b]
        sums[:] = 0.0
        weights[:] = 0.0
        cost = 0.0
        changed = 0
        for i in range(bounds[b], bounds[b + 1]):
            best, best_dist = nearest_center(X, i, centers_t, dist)
            if labels[i] != best:
                labels[i] = best
                changed += 1
            w = sample_weight[i]
            weights[best] += w
            for f in range(n_features):
                sums[best, f] += w * X[i, f]
            cost += w * best_dist
        block_cost[b] = cost
        block_changed[b] = changed
    return block_changed.sum()


@jit_parallel
def assign_labels(X, sample_weight, centers, bounds, labels, block_cost):
    """Write each row's nearest centre into ``labels`` and the per-block weighted cost.

    ``labels`` may have length 0, in which case only the cost is computed.
    """
    n_blocks = bounds.shape[0] - 1
    n_clusters = centers.shape[0]
    centers_t = np.ascontiguousarray(centers.T)
    write_labels = labels.shape[0] > 0
    for b in prange(n_blocks):
        dist = np.empty(n_clusters, X.dtype)
        cost = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            best, best_dist = nearest_center(X, i, centers_t, dist)
            if write_labels:
                labels[i] = best
            cost += sample_weight[i] * best_dist
        block_cost[b] = cost


@jit_parallel
def center_distances(X, centers, out):
    """``out[i, j] = ||X[i] - centers[j]||`` (Euclidean, not squared)."""
    n_samples, n_features = X.shape
    n_clusters = centers.shape[0]
    for i in prange(n_samples):
        for j in range(n_clusters):
            acc = 0.0
            for f in range(n_features):
                diff = X[i, f] - centers[j, f]
                acc += diff * diff
            out[i, j] = np.sqrt(acc)


@jit_parallel
def assigned_sq_distances(X, centers, labels, out):
    """``out[i] = ||X[i] - centers[labels[i]]||^2`` in float64."""
    n_samples, n_features = X.shape
    for i in prange(n_samples):
        c = labels[i]
        acc = 0.0
        for f in range(n_features):
            diff = np.float64(X[i, f]) - np.float64(centers[c, f])
            acc += diff * diff
        out[i] = acc
