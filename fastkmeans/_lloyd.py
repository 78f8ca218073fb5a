"""Lloyd's algorithm: every point-centre distance, every iteration, in one fused pass."""

from __future__ import annotations

import functools

import numpy as np

from ._kernels.lloyd import lloyd_step_moving_sums
from ._kernels.partials import BlockPartials, block_partials
from ._layout import kernel_args, kernels_for
from ._steps import (
    CentreHistory,
    Problem,
    RunResult,
    finish_run,
    sums_are_exact,
    update_centers,
)
from ._validation import Weights
from ._wide_rows import carried_sums, takes_product_search


def lloyd(problem: Problem, centers: np.ndarray) -> RunResult:
    """Lloyd iterations from ``centers``; stop when the shift E <= ``problem.threshold``.

    Each iteration is one read of X (:func:`~fastkmeans._kernels.lloyd.lloyd_step`: assign,
    accumulate per-block sums, weights and cost), then the shared centre update. When no label
    changes the update would reproduce the centres, so the run stops with shift 0 and reuses
    that pass's labels and cost. It also stops, converged, when an update brings back centres
    already met (a cycle, see :class:`~fastkmeans._steps.CentreHistory`).
    """
    X, weights, bounds, max_iter, threshold, verbose = problem
    n_clusters, n_features = centers.shape
    labels = np.full(X.shape[0], -1, dtype=np.int32)
    partials = block_partials(bounds.shape[0] - 1, n_clusters, n_features)
    centers = np.ascontiguousarray(centers, dtype=X.dtype)
    lloyd_step, data = kernels_for(X).lloyd_step, kernel_args(X)
    accumulated = carried_sums(X, centers)
    if accumulated is not None:  # wide rows: the partials carry over (one int32 per row)
        lloyd_step = functools.partial(lloyd_step, accumulated=accumulated)
    # Rows searched in tiles whose sums are exact in any order (integers: pixels, a photo's
    # colours and counts): the slots carry over from step to step, only the rows that change
    # label move their values, and the cost is added only where it is read (verbose, the
    # last step): fits of photos' colours in 0.81-0.94 of the time. The rows start out in
    # cluster 0's sums, so the first step moves rows too, and a fresh process compiles one
    # step kernel for such data, not two (0.7 s).
    moving_sums = (
        isinstance(X, np.ndarray)
        and not takes_product_search(X, centers)
        and sums_are_exact(X, weights)
    )
    if moving_sums:
        labels[:] = 0
        _sum_into_first_cluster(X, weights, partials)
    converged = False
    n_iter = 0
    shift = np.inf
    history = CentreHistory()
    history.met_before(centers)
    for n_iter in range(1, max_iter + 1):
        step_args = (*data, weights.values, weights.unit, centers, bounds, labels)
        if moving_sums:
            n_changed = lloyd_step_moving_sums(*step_args, verbose, *partials)
        else:
            n_changed = lloyd_step(*step_args, *partials)
        cost = float(partials.cost.sum())
        if n_changed == 0 and n_iter > 1:  # the labels of the last centres: the same means
            shift = 0.0
        else:
            centers, moved, relocated = update_centers(X, weights, centers, labels, partials)
            shift = float(moved.sum())
            if moving_sums and relocated.size:
                _sum_labels(X, weights, labels, partials)  # labels changed outside a step
        if verbose:
            print(f"Iteration {n_iter}: cost {cost:.8g}, centre shift {shift:.6g}")
        if shift <= threshold or history.met_before(centers):
            # Centres met before: the run would cycle (see CentreHistory); it has converged
            # as far as it can, and the final pass below labels and costs these centres.
            converged = True
            break
    if shift != 0.0 or (moving_sums and not verbose):
        # Label and cost every row against the final centres with the step itself (its sums
        # unused): a first fit then compiles one assignment kernel, not two (1.8 s less).
        step_args = (*data, weights.values, weights.unit, centers, bounds, labels)
        if moving_sums:
            lloyd_step_moving_sums(*step_args, True, *partials)
        else:
            lloyd_step(*step_args, *partials)
        cost = float(partials.cost.sum())
    last_pass = (labels, cost, partials.weights.sum(axis=0))
    return finish_run(X, weights, centers, bounds, n_iter, converged, last_pass)


# Rows per numpy call of the sums below: their temporaries stay a few MiB on any data.
_SUM_CHUNK = 1 << 16


def _sum_into_first_cluster(X: np.ndarray, weights: Weights, partials: BlockPartials):
    """Set the slots to the sums of every row in cluster 0, all in the first block's, on data
    whose sums are exact (any order gives them, BLAS's too): 0.9 ms for 435,238 colours,
    where bincount, as in _sum_labels, took 7 ms."""
    partials.sums[:] = 0.0
    partials.weights[:] = 0.0
    partials.weights[0, 0] = weights.total
    for start in range(0, X.shape[0], _SUM_CHUNK):
        rows = np.asarray(X[start : start + _SUM_CHUNK], dtype=np.float64)
        if weights.unit:
            partials.sums[0, 0] += rows.sum(axis=0)
        else:
            partials.sums[0, 0] += weights.values[start : start + _SUM_CHUNK] @ rows


def _sum_labels(X: np.ndarray, weights: Weights, labels: np.ndarray, partials: BlockPartials):
    """Set the slots to the sums of ``labels``, all in the first block's, on data whose sums
    are exact (the same in any order and split): after a relocation, which is rare."""
    n_clusters = partials.weights.shape[1]
    partials.sums[:] = 0.0
    partials.weights[:] = 0.0
    for start in range(0, X.shape[0], _SUM_CHUNK):
        rows = slice(start, start + _SUM_CHUNK)
        chunk_labels = labels[rows]
        values = weights.values[rows] if not weights.unit else np.ones(chunk_labels.shape[0])
        partials.weights[0] += np.bincount(chunk_labels, values, minlength=n_clusters)
        for f in range(X.shape[1]):
            column = values * X[rows, f]
            partials.sums[0, :, f] += np.bincount(chunk_labels, column, minlength=n_clusters)
