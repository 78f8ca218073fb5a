"""Nearest-centre assignment: the fused Lloyd pass, label/cost passes and distances.

Distances are exact squared Euclidean distances, sum_f (x_f - c_f)^2, computed with the centres
transposed to (d, k) so the innermost loop runs over centres and vectorises. Ties go to the
lowest centre index.
"""

import numpy as np
from numba import prange

from ._config import jit_inline, jit_parallel


@jit_inline
def center_sq_distances(X, i, centers_t, dist):
    """Fill ``dist[j]`` with the squared distance from row ``i`` to centre ``j``.

    Colour-sized rows (1 to 4 features) keep their coordinates in registers and make one
    vectorised sweep over the centres; wider rows sweep the centres once per feature. Every
    caller uses this one routine, so the same row and centres always give the same bits.
    """
    n_features, n_clusters = centers_t.shape
    if n_features == 3:
        x0 = X[i, 0]
        x1 = X[i, 1]
        x2 = X[i, 2]
        for j in range(n_clusters):
            t0 = x0 - centers_t[0, j]
            t1 = x1 - centers_t[1, j]
            t2 = x2 - centers_t[2, j]
            dist[j] = t0 * t0 + t1 * t1 + t2 * t2
    elif n_features == 1:
        x0 = X[i, 0]
        for j in range(n_clusters):
            t0 = x0 - centers_t[0, j]
            dist[j] = t0 * t0
    elif n_features == 2:
        x0 = X[i, 0]
        x1 = X[i, 1]
        for j in range(n_clusters):
            t0 = x0 - centers_t[0, j]
            t1 = x1 - centers_t[1, j]
            dist[j] = t0 * t0 + t1 * t1
    elif n_features == 4:
        x0 = X[i, 0]
        x1 = X[i, 1]
        x2 = X[i, 2]
        x3 = X[i, 3]
        for j in range(n_clusters):
            t0 = x0 - centers_t[0, j]
            t1 = x1 - centers_t[1, j]
            t2 = x2 - centers_t[2, j]
            t3 = x3 - centers_t[3, j]
            dist[j] = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3
    else:
        for j in range(n_clusters):
            dist[j] = 0.0
        for f in range(n_features):
            xf = X[i, f]
            for j in range(n_clusters):
                diff = xf - centers_t[f, j]
                dist[j] += diff * diff


@jit_inline
def nearest_center(X, i, centers_t, dist):
    """Index of the centre nearest to row ``i`` and its squared distance; ``dist`` is scratch.

    Ties go to the lowest index. The selection is branch-free: which centre wins is
    data-dependent, and a mispredicted branch per centre costs more than the comparison.
    """
    center_sq_distances(X, i, centers_t, dist)
    best = 0
    best_dist = dist[0]
    for j in range(1, centers_t.shape[1]):
        d = dist[j]
        closer = d < best_dist
        best = j if closer else best
        best_dist = d if closer else best_dist
    return best, best_dist


@jit_inline
def add_to_cluster(X, i, w, a, sums, weights):
    """``weights[a] += w`` and ``sums[a, f] += w * X[i, f]``: a row joins cluster ``a``'s sums.

    The one routine both Lloyd kernels accumulate with, so their sums agree bit for bit.
    Colour-sized rows are unrolled: this runs for every row of every iteration, and a loop of
    three costs more instructions than its body.
    """
    weights[a] += w
    if X.shape[1] == 3:
        sums[a, 0] += w * X[i, 0]
        sums[a, 1] += w * X[i, 1]
        sums[a, 2] += w * X[i, 2]
    else:
        for f in range(X.shape[1]):
            sums[a, f] += w * X[i, f]


@jit_parallel
def lloyd_step(X, sample_weight, centers, bounds, labels, block_sums, block_weights, block_cost):
    """One fused read of X: assign every row, accumulate per-block weighted sums and cost.

    Writes ``labels`` (n,), ``block_sums`` (n_blocks, k, d) float64, ``block_weights``
    (n_blocks, k) float64 and ``block_cost`` (n_blocks,) float64, the cost being measured
    against ``centers``. An empty ``sample_weight`` means unit weights. Returns the number of
    labels that changed.
    """
    n_blocks = bounds.shape[0] - 1
    n_clusters = centers.shape[0]
    centers_t = np.ascontiguousarray(centers.T)
    unit_weights = sample_weight.shape[0] == 0
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
            w = 1.0 if unit_weights else sample_weight[i]
            # Unsigned: indexing by it needs no negative-index wraparound.
            add_to_cluster(X, i, w, np.uint32(best), sums, weights)
            cost += w * best_dist
        block_cost[b] = cost
        block_changed[b] = changed
    return block_changed.sum()


@jit_parallel
def assign_labels(X, sample_weight, centers, bounds, labels, block_cost):
    """Write each row's nearest centre into ``labels`` and the per-block weighted cost.

    ``labels`` may have length 0, in which case only the cost is computed; an empty
    ``sample_weight`` means unit weights.
    """
    n_blocks = bounds.shape[0] - 1
    n_clusters = centers.shape[0]
    centers_t = np.ascontiguousarray(centers.T)
    write_labels = labels.shape[0] > 0
    unit_weights = sample_weight.shape[0] == 0
    for b in prange(n_blocks):
        dist = np.empty(n_clusters, X.dtype)
        cost = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            best, best_dist = nearest_center(X, i, centers_t, dist)
            if write_labels:
                labels[i] = best
            cost += best_dist if unit_weights else sample_weight[i] * best_dist
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
