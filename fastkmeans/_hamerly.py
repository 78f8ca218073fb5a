"""Hamerly's algorithm: Lloyd's iterations, skipping the points whose bounds prove they stay.

Bitwise the same labels, centres and iteration count as :func:`fastkmeans._lloyd.lloyd` from the
same start (see :mod:`fastkmeans._kernels.hamerly` for why); on dense rows the same inertia too
(the same distances, added in the same order by another kernel); only fewer distances are
computed. Memory: two bounds per row and O(k) per iteration. Wide rows take
the filtered search of :mod:`fastkmeans._wide_rows` (where it applies) for the rows their bounds do
not settle. On dense rows the bounds also label the final centres.

Group bounds (Yinyang k-means: a lower bound per group of nearby centres, each group's rows
searched only where its bound does not rule it out) were built and measured on 1,000,000 x 32,
k = 1024, 10 iterations from the same centres, and did not pay: the rows needing a search were
as many as here (4.5 million of 10 million), each searching 29-50% of the centres (32 to 8
groups), but the groups' products cost more per product than one product over all the centres:
in tiles, 3.7 s; through BLAS on each group's gathered rows, 2.5-4.9 s; this driver 2.4-2.8 s.

Moving only the changed rows' sums where the sums are exact (as :mod:`fastkmeans._lloyd` does
on integer data) made the steps on photos' colours 13-22% faster, but the step kernel compiled
0.3 s longer for every first Hamerly fit (200,000 x 32: 4.8 -> 5.1 s, past the 5 s target);
colours at k < 171 run Lloyd's steps anyway. Not kept.
"""

from __future__ import annotations

import functools

import numpy as np

from ._kernels.distances import half_separations
from ._kernels.hamerly import BoundSlack, CentreMotion, PointBounds, labelled_cost
from ._kernels.hamerly import hamerly_step as bounded_step_in_tiles
from ._kernels.partials import block_partials
from ._layout import kernel_args, kernels_for
from ._steps import CentreHistory, Problem, RunResult, finish_run, update_centers
from ._validation_sparse import SparseRows
from ._wide_rows import assigned_inertia, carried_sums, hamerly_relabel, takes_product_search

# Centre shifts are added to the bounds rounded up by this factor: the bounds must move at
# least as far as the centres did.
_SHIFT_ROUNDING = 1.0 + 1e-12


def bound_slack(X: np.ndarray | SparseRows) -> BoundSlack:
    """The slacks that make Hamerly's skip test exact despite rounding.

    Squared distances computed in X's dtype are within ``(d + 4) * eps`` of the true value
    (relative), the float64 centre shifts and separations within a few ``1e-16``. The margin
    covers both with a factor 2 to spare, so a skipped point is one plain Lloyd would not move.
    Stored bounds are rounded outwards by ``2 eps`` of X's dtype (they are stored in it).
    Sparse rows: the distance error is absolute and checked per row by the sparse step, so the
    margin covers only the float64 arithmetic on the bounds.
    """
    eps = float(np.finfo(X.dtype).eps)
    if isinstance(X, SparseRows):
        return BoundSlack(1e-13, 2.0 * eps)
    return BoundSlack(2.0 * (X.shape[1] + 4) * eps + 1e-13, 2.0 * eps)


def half_separation(centers: np.ndarray) -> np.ndarray:
    """Half the distance from each centre to its nearest other centre (inf when k = 1).

    O(k^2 d) time and O(k) memory (no k x k x d temporary).
    """
    out = np.empty(centers.shape[0], dtype=np.float64)
    half_separations(centers, out)
    return out


def hamerly(problem: Problem, centers: np.ndarray) -> RunResult:
    """Hamerly iterations from ``centers`` on validated input; stops when E <= threshold."""
    X, weights, bounds, max_iter, threshold, verbose = problem
    n_samples = X.shape[0]
    n_clusters, n_features = centers.shape
    labels = np.full(n_samples, -1, dtype=np.int32)
    partials = block_partials(bounds.shape[0] - 1, n_clusters, n_features)
    block_scanned = np.empty(bounds.shape[0] - 1, dtype=np.int64)
    # Bounds in X's dtype (half the memory traffic for float32), stored rounded outwards,
    # relative to the cumulative shifts (see _kernels.hamerly).
    point_bounds = PointBounds(np.empty(n_samples, X.dtype), np.empty(n_samples, X.dtype))
    slack = bound_slack(X)
    cum_shift = np.zeros(n_clusters, dtype=np.float64)
    cum_max_shift = 0.0
    centers = np.ascontiguousarray(centers, dtype=X.dtype)
    hamerly_step, data = kernels_for(X).hamerly_step, kernel_args(X)
    accumulated = carried_sums(X, centers)
    if accumulated is not None:  # wide rows: the partials carry over (one int32 per row)
        hamerly_step = functools.partial(hamerly_step, accumulated=accumulated)
    converged = False
    n_iter = 0
    history = CentreHistory()
    history.met_before(centers)
    for n_iter in range(1, max_iter + 1):
        motion = CentreMotion(cum_shift, cum_max_shift, half_separation(centers))
        n_changed = hamerly_step(
            *(*data, weights.values, weights.unit, centers, bounds, labels),
            *(*point_bounds, *motion, *slack, n_iter == 1),
            *(partials.sums, partials.weights, block_scanned),
        )
        if n_changed == 0:
            shift = 0.0
        else:
            centers, moved, relocated = update_centers(X, weights, centers, labels, partials)
            shift = float(moved.sum())
            cum_shift += moved * _SHIFT_ROUNDING
            cum_max_shift += float(moved.max()) * _SHIFT_ROUNDING
            point_bounds.upper[relocated] = np.inf
            point_bounds.lower[relocated] = 0.0
        if verbose:
            scanned = int(block_scanned.sum())
            print(
                f"Iteration {n_iter}: centre shift {shift:.6g}, "
                f"{scanned} of {n_samples} points rescanned"
            )
        if shift <= threshold or history.met_before(centers):
            converged = True  # a cycle stops the run as in Lloyd's (see CentreHistory)
            break
    if isinstance(X, np.ndarray) and takes_product_search(X, centers):
        # Wide rows: the bounds label the final centres too, sparing most rows the search.
        if shift != 0.0:
            motion = CentreMotion(cum_shift, cum_max_shift, half_separation(centers))
            hamerly_relabel(X, centers, bounds, labels, point_bounds, motion, slack)
        cost = assigned_inertia(X, weights, centers, bounds, labels)
        return finish_run(X, weights, centers, bounds, n_iter, converged, (labels, cost, None))
    if isinstance(X, np.ndarray):
        # Dense rows searched in tiles: one more bounded step labels the final centres (most
        # rows skipped, and not read: no sums), then one distance per row gives the cost, as
        # the full labelling pass (labels_and_cost) would: that pass searches every row over
        # every centre again, and a fresh process compiles it for its first fit (1.3 s on 32
        # features).
        if shift != 0.0:
            motion = CentreMotion(cum_shift, cum_max_shift, half_separation(centers))
            bounded_step_in_tiles(
                *(X, weights.values, weights.unit, centers, bounds, labels),
                *(*point_bounds, *motion, *slack, False, False),
                *(partials.sums, partials.weights, block_scanned),
            )
        block_cost = np.empty(bounds.shape[0] - 1, dtype=np.float64)
        labelled_cost(X, weights.values, weights.unit, centers, bounds, labels, block_cost)
        cost = float(block_cost.sum())
        return finish_run(X, weights, centers, bounds, n_iter, converged, (labels, cost, None))
    # Sparse rows: the bounded step computes no cost, so one more pass labels and costs the
    # returned centres, in the labels' own array, once the bounds are freed (the peak of memory
    # is then the iterations': two bounds and one label per row).
    del point_bounds
    return finish_run(X, weights, centers, bounds, n_iter, converged, labels_buffer=labels)
