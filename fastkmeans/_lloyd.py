"""Lloyd's algorithm: every point-centre distance, every iteration, in one fused pass."""

from __future__ import annotations

import functools

import numpy as np

from ._kernels.partials import block_partials
from ._layout import kernel_args, kernels_for
from ._steps import CentreHistory, Problem, RunResult, finish_run, update_centers
from ._wide_rows import carried_sums


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
    converged = False
    n_iter = 0
    shift = np.inf
    history = CentreHistory()
    history.met_before(centers)
    for n_iter in range(1, max_iter + 1):
        n_changed = lloyd_step(
            *data, weights.values, weights.unit, centers, bounds, labels, *partials
        )
        cost = float(partials.cost.sum())
        if n_changed == 0:
            shift = 0.0
        else:
            centers, moved, _ = update_centers(X, weights, centers, labels, partials)
            shift = float(moved.sum())
        if verbose:
            print(f"Iteration {n_iter}: cost {cost:.8g}, centre shift {shift:.6g}")
        if shift <= threshold or history.met_before(centers):
            # Centres met before: the run would cycle (see CentreHistory); it has converged
            # as far as it can, and the final pass below labels and costs these centres.
            converged = True
            break
    if shift != 0.0:
        # Label and cost every row against the final centres with the step itself (its sums
        # unused): a first fit then compiles one assignment kernel, not two (1.8 s less).
        lloyd_step(*data, weights.values, weights.unit, centers, bounds, labels, *partials)
        cost = float(partials.cost.sum())
    last_pass = (labels, cost, partials.weights.sum(axis=0))
    return finish_run(X, weights, centers, bounds, n_iter, converged, last_pass)
