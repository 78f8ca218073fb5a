"""Hamerly's triangle-inequality bounds: skip the distance scan for points that cannot move.

Each point keeps an upper bound ``u`` on the distance to its assigned centre ``a`` and a lower
bound ``l`` on the distance to every other centre. After the centres move, ``u`` grows by its
centre's shift and ``l`` shrinks by the largest shift; a point whose ``u`` is below
``max(l, s(a))`` (``s(a)``: half the distance from its centre to the nearest other centre)
keeps its label without computing any distance.

The bounds are stored relative to cumulative shifts, so a skipped point costs no store: with
``S_j`` the total distance centre ``j`` has moved so far and ``M`` the sum of the largest shift
of every update, a point stores ``U = u - S_a`` and ``L = l + M`` when its distances are
computed, and ``u = U + S_a``, ``l = L - M`` later. Its label changes only when it is rescanned,
so ``S_a`` keeps referring to the right centre.

Exactness: stored values are rounded outwards by a slack relative to the magnitudes involved
(``|u| + S_a``, ``l + M``), which covers the float64 arithmetic and the conversion to X's dtype,
so the bounds stay valid however many iterations run; and a point is skipped only when the
bounds separate the centres by a relative ``margin`` larger than the worst rounding error of the
distance computation (plus ``slack`` for the float64 sums). A skipped point's label is therefore
the one the plain Lloyd pass would compute, bit for bit. Points that are not skipped go through
the same :func:`nearest_center` scan, and the per-block sums are accumulated in the same row
order as :func:`lloyd_step`, so centres are bitwise identical to plain Lloyd's.
"""

import numpy as np
from numba import prange

from ._config import jit_inline, jit_parallel
from .assign import add_to_cluster, center_sq_distances


@jit_inline
def nearest_two(X, i, centers_t, dist):
    """Nearest centre of row ``i``, its squared distance and the second-smallest one.

    Same distances as :func:`nearest_center` (the same routine computes them), so the same
    nearest centre (ties to the lowest index). Branch-free like :func:`nearest_center`: a point
    is rescanned because it lies near a boundary, where which centre wins is least predictable.
    """
    center_sq_distances(X, i, centers_t, dist)
    best = 0
    best_dist = dist[0]
    second_dist = np.inf
    for j in range(1, centers_t.shape[1]):
        d = dist[j]
        closer = d < best_dist
        second_dist = best_dist if closer else min(second_dist, d)
        best = j if closer else best
        best_dist = d if closer else best_dist
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
    cum_shift,
    cum_max_shift,
    half_separation,
    margin,
    round_eps,
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

    ``cum_shift[j]`` is how far centre ``j`` has moved in total (``S_j``), ``cum_max_shift``
    the sum of the per-update largest shifts (``M``); both rounded up. ``upper``/``lower`` hold
    ``U``/``L`` (module docstring) and are written only for rows whose distances are computed
    (all of them when ``first``, which initialises the bounds). ``round_eps`` is the relative
    slack of every stored bound. An empty ``sample_weight`` means unit weights (one less array
    to read). ``block_scanned[b]`` receives how many rows of block ``b`` needed a full scan.
    Returns the number of labels that changed.
    """
    n_blocks = bounds.shape[0] - 1
    n_clusters = centers.shape[0]
    centers_t = np.ascontiguousarray(centers.T)
    largest_shift = 0.0
    for j in range(n_clusters):
        largest_shift = max(largest_shift, cum_shift[j])
    # Absolute error of the float64 sums U + S_a and L - M: a few ulps of the totals.
    slack = 8.0 * np.finfo(np.float64).eps * (largest_shift + cum_max_shift)
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
            # Unsigned: indexing by it needs no negative-index wraparound.
            a = np.uint32(labels[i])
            scan = first
            if not first:
                u = upper[i] + cum_shift[a]
                z = max(lower[i] - cum_max_shift, half_separation[a]) * shrink - slack
                if not u * grow < z:
                    # Tighten the upper bound to the exact distance; that may suffice.
                    u = np.sqrt(np.float64(sq_distance_to(X, i, centers, a)))
                    scan = not u * grow < z
                    if not scan:
                        upper[i] = u - cum_shift[a] + (u + cum_shift[a]) * round_eps
            if scan:
                scanned += 1
                best, best_dist, second_dist = nearest_two(X, i, centers_t, dist)
                u = np.sqrt(np.float64(best_dist))
                l_bound = np.sqrt(np.float64(second_dist))
                upper[i] = u - cum_shift[best] + (u + cum_shift[best]) * round_eps
                # Multiplied, not subtracted: with one centre l is inf, and inf - inf is NaN.
                lower[i] = (l_bound + cum_max_shift) * (1.0 - round_eps)
                if best != a:
                    labels[i] = best
                    changed += 1
                a = np.uint32(best)
            add_to_cluster(X, i, 1.0 if unit_weights else sample_weight[i], a, sums, weights)
        block_changed[b] = changed
        block_scanned[b] = scanned
    return block_changed.sum()
