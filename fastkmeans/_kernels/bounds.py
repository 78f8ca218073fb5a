"""Hamerly's triangle-inequality bounds: skip the distance scan for points that cannot move.

Each point keeps an upper bound ``u`` on the distance to its assigned centre and a lower bound
``l`` on the distance to every other centre. After the centres move, ``u`` grows by its centre's
shift and ``l`` shrinks by the largest shift; a point whose ``u`` is below ``max(l, s(a))``
(``s(a)``: half the distance from its centre to the nearest other centre) keeps its label
without computing any distance.

Exactness: bounds are stored in X's dtype, always rounded outwards (``round_up``/``round_down``
factors), so they stay valid however many iterations run; and a point is skipped only when the
bounds separate the centres by a relative ``margin`` larger than the worst rounding error of the
distance computation. A skipped point's label is therefore the one the plain Lloyd pass would
compute, bit for bit. Points that are not skipped go
through the same :func:`nearest_center` scan, and the per-block sums are accumulated in the same
row order as :func:`lloyd_step`, so centres are bitwise identical to plain Lloyd's.
"""

import numpy as np
from numba import prange

from ._config import jit_inline, jit_parallel
from .assign import center_sq_distances


@jit_inline
def nearest_two(X, i, centers_t, dist):
    """Nearest centre of row ``i``, its squared distance and the second-smallest one.

    Same distances as :func:`nearest_center` (the same routine computes them), so the same
    nearest centre.
    """
    center_sq_distances(X, i, centers_t, dist)
    best = 0
    best_dist = dist[0]
    second_dist = np.inf
    for j in range(1, centers_t.shape[1]):
        d = dist[j]
        if d < best_dist:
            second_dist = best_dist
            best_dist = d
            best = j
        elif d < second_dist:
            second_dist = d
    return best, best_dist, second_dist


@jit_inline
def sq_distance_to(X, i, centers, j):
    """Squared distance from row ``i`` to centre ``j``, in the dtype of X."""
    acc = X[i, 0] - X[i, 0]
    for f in range(X.shape[1]):
        diff = X[i, f] - centers[j, f]
        acc += diff * diff
    return acc


@jit_parallel
def hamerly_step(
    X,
    sample_weight,
    centers,
    center_shift,
    half_separation,
    margin,
    round_up,
    round_down,
    first,
    bounds,
    labels,
    upper,
    lower,
    block_sums,
    block_weights,
    block_scanned,
):
    """One Hamerly iteration fused with the accumulation of per-block sums.

    ``center_shift[j]`` is how far centre ``j`` moved in the last update (ignored when
    ``first``, which scans every point and initialises the bounds). ``upper``/``lower`` are
    updated in place. An empty ``sample_weight`` means unit weights (one less array to read).
    ``block_scanned[b]`` receives how many rows of block ``b`` needed a full scan. Returns the
    number of labels that changed.
    """
    n_blocks = bounds.shape[0] - 1
    n_clusters, n_features = centers.shape
    centers_t = np.ascontiguousarray(centers.T)
    max_shift = 0.0
    for j in range(n_clusters):
        max_shift = max(max_shift, center_shift[j])
    grow = 1.0 + margin
    shrink = 1.0 - margin
    unit_weights = sample_weight.shape[0] == 0
    block_changed = np.zeros(n_blocks, np.int64)
    for b in prange(n_blocks):
        dist = np.empty(n_clusters, X.dtype)
        sums = block_sums[b]
        weights = block_weights[b]
        sums[:] = 0.0
        weights[:] = 0.0
        changed = 0
        scanned = 0
        for i in range(bounds[b], bounds[b + 1]):
            a = labels[i]
            scan = first
            if not first:
                u = upper[i] + center_shift[a]
                l_bound = lower[i] - max_shift
                z = max(l_bound, half_separation[a]) * shrink
                if not u * grow < z:
                    u = np.sqrt(np.float64(sq_distance_to(X, i, centers, a)))
                    scan = not u * grow < z
                if not scan:
                    upper[i] = u * round_up
                    lower[i] = l_bound * round_down if l_bound > 0.0 else l_bound
            if scan:
                scanned += 1
                best, best_dist, second_dist = nearest_two(X, i, centers_t, dist)
                upper[i] = np.sqrt(np.float64(best_dist)) * round_up
                lower[i] = np.sqrt(np.float64(second_dist)) * round_down
                if best != a:
                    labels[i] = best
                    changed += 1
                a = best
            w = 1.0 if unit_weights else sample_weight[i]
            weights[a] += w
            for f in range(n_features):
                sums[a, f] += w * X[i, f]
        block_changed[b] = changed
        block_scanned[b] = scanned
    return block_changed.sum()
