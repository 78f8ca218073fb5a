"""Data layouts: which step kernels serve the data, and how they take it.

The drivers and :mod:`fastkmeans._steps` are written once, against :class:`Kernels`: the
dense kernels take X itself, the sparse ones (:mod:`fastkmeans._kernels.sparse`) the three CSR
arrays of :class:`~fastkmeans._validation_sparse.SparseRows` in its place, with otherwise the
same signatures. ``kernels_for(X)`` picks the set once per call; ``kernel_args(X)`` is what
replaces X in the call: ``k.lloyd_step(*kernel_args(X), weights.values, ...)``. The seeding's
scoring pass differs by layout, and :func:`fold_and_score` calls it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import _wide_rows
from ._kernels import distances, moments, seeding, sparse
from ._validation_sparse import SparseRows


class Kernels(NamedTuple):
    """The step kernels of one data layout (each documented at its dense definition)."""

    lloyd_step: object
    labels_and_cost: object
    hamerly_step: object
    weighted_sums: object
    weighted_sq_deviations: object
    center_distances: object
    assigned_sq_distances: object
    locate_in_blocks: object


# Fewest rows for which sparse_lloyd_step splits a one-block pass in two: below, one pass
# on one thread is as fast.
SPLIT_MIN_ROWS = 4096


def sparse_lloyd_step(
    data, indices, indptr, sample_weight, unit_weights, centers, bounds, labels, block_sums,
    block_weights, block_cost,
) -> int:  # fmt: skip
    """:func:`fastkmeans._kernels.sparse.lloyd_step`, split in two parallel passes where it
    would run on one thread: when the rows form a single block, as they do whenever two
    blocks' (k, d) sums would not fit the accumulators' memory budget (``k (d + 1)`` above
    2^21 entries: 100 centres of 50,000 columns).

    The first pass labels the rows in chunks of rows; the second sums each cluster's rows in
    chunks of clusters, in row order; the cost is then summed in row order: the labels, sums,
    weights and cost of the one-block pass, bit for bit.
    """
    n_rows = indptr.shape[0] - 1
    if bounds.shape[0] > 2 or n_rows < SPLIT_MIN_ROWS:
        return sparse.lloyd_step(
            data, indices, indptr, sample_weight, unit_weights, centers, bounds, labels,
            block_sums, block_weights, block_cost,
        )  # fmt: skip
    nearest_sq = np.empty(n_rows, dtype=np.float64)
    changed = sparse.nearest_with_distances(data, indices, indptr, centers, labels, nearest_sq)
    sparse.cluster_sums(
        data, indices, indptr, sample_weight, unit_weights, labels, block_sums[0],
        block_weights[0],
    )  # fmt: skip
    block_cost[0] = sparse.ordered_cost(sample_weight, unit_weights, nearest_sq)
    return changed


DENSE = Kernels(
    _wide_rows.lloyd_step,
    _wide_rows.labels_and_cost,
    _wide_rows.hamerly_step,
    moments.weighted_sums,
    moments.weighted_sq_deviations,
    distances.center_distances,
    distances.assigned_sq_distances,
    seeding.locate_in_blocks,
)
SPARSE = Kernels(
    sparse_lloyd_step,
    sparse.labels_and_cost,
    sparse.hamerly_step,
    sparse.weighted_sums,
    sparse.weighted_sq_deviations,
    sparse.center_distances,
    sparse.assigned_sq_distances,
    sparse.locate_in_blocks,
)


def kernels_for(X: np.ndarray | SparseRows) -> Kernels:
    """The kernels for X's layout."""
    return SPARSE if isinstance(X, SparseRows) else DENSE


def kernel_args(X: np.ndarray | SparseRows) -> tuple[np.ndarray, ...]:
    """What replaces X in a kernel call: ``(X,)``, or the CSR arrays."""
    return X.kernel_args() if isinstance(X, SparseRows) else (X,)


def dense_rows(X: np.ndarray | SparseRows, rows) -> np.ndarray:
    """Rows of X (an int array) as a dense (len(rows), d) array in X's dtype."""
    return X.dense_rows(rows) if isinstance(X, SparseRows) else X[rows]


def fold_and_score(
    X: np.ndarray | SparseRows,
    weights,
    pending_row: int,
    candidate_rows: np.ndarray,
    bounds: np.ndarray,
    closest: np.ndarray,
    block_scores: np.ndarray,
) -> None:
    """The seeding's pass (:func:`fastkmeans._kernels.seeding.fold_and_score`), its pending
    centre and candidates given as rows of X.

    Dense rows are copied out for the dense kernel; the sparse kernel reads them in place, so
    that a pass costs no ``O(d)`` work per candidate.
    """
    if isinstance(X, SparseRows):
        point_rows = np.empty(candidate_rows.shape[0] + 1, dtype=np.int64)
        point_rows[0] = pending_row
        point_rows[1:] = candidate_rows
        sparse.fold_and_score(
            *X.kernel_args(), weights.values, weights.unit, point_rows, bounds, closest,
            block_scores,
        )  # fmt: skip
    else:
        seeding.fold_and_score(
            X, weights.values, weights.unit, X[pending_row], X[candidate_rows], bounds, closest,
            block_scores,
        )  # fmt: skip


def rows_at_point(X: np.ndarray | SparseRows, row: int) -> np.ndarray:
    """Indices of the rows equal to row ``row`` (int64, ascending)."""
    if isinstance(X, SparseRows):
        same = np.empty(X.shape[0], dtype=np.bool_)
        sparse.rows_equal_to(*X.kernel_args(), X.dense_rows(row)[0], same)
        return np.flatnonzero(same)
    same = np.empty(X.shape[0], dtype=np.bool_)
    distances.rows_equal_to(X, X[row].copy(), same)
    return np.flatnonzero(same)
