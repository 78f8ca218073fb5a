"""Greedy D² (k-means++) seeding."""

from __future__ import annotations

import numpy as np

from ._layout import dense_rows, fold_and_score, kernel_args, kernels_for
from ._parallel import MIN_BLOCK_ROWS, block_bounds, thread_limit, threads_for_size
from ._scaling import data_exponent, max_abs, scaled
from ._validation import (
    Weights,
    check_int,
    check_n_clusters,
    check_random_state,
    check_sample_weight,
)
from ._validation_sparse import SparseRows, check_data
from .exceptions import warn_few_distinct

# Sparse rows are seeded in blocks of at least this many rows, not MIN_BLOCK_ROWS: each draw
# recomputes distances over the start of one block, and a sparse row's distance costs a
# gather per non-zero. k-means++ with k = 100 on 2,000 x 100,000 TF-IDF-like rows (one block
# of 2,048): 0.43 s, of which the draws 0.23 s; in blocks of 256, 128 or 64 rows: 0.14, 0.13,
# 0.12 s. 16 was slower again (0.19 s: the per-block work of the scoring pass).
SPARSE_MIN_BLOCK_ROWS = 128


def kmeans_plusplus(
    X,
    n_clusters: int,
    *,
    sample_weight=None,
    random_state=None,
    n_local_trials: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Choose initial centres by weighted greedy D² sampling (k-means++).

    The first centre is a row drawn with probability proportional to its weight. Each further
    centre is chosen among ``n_local_trials`` candidates, each drawn with probability
    proportional to ``w(x) * D(x)^2`` (``D`` the distance to the nearest centre chosen so far),
    as the candidate that lowers the weighted potential the most. ``n_local_trials=1`` is plain
    D² sampling (Arthur & Vassilvitskii, 2007), whose expected cost is at most
    ``8 (ln k + 2)`` times the optimum.

    Parameters
    ----------
    X : array-like or scipy.sparse matrix of shape (n_samples, n_features)
        Data. float32 and float64 stay in their dtype; other numeric types become float64.
        Sparse matrices (any format) are read as CSR rows; the centres are dense.
    n_clusters : int
        Number of centres, ``1 <= n_clusters <= n_samples``.
    sample_weight : array-like of shape (n_samples,), optional
        Non-negative weights; a row of weight zero is never chosen. Integer weights act exactly
        like repeated rows.
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Source of randomness. Results are bitwise identical for a given seed whatever the
        number of threads.
    n_local_trials : int, optional
        Candidates per centre; default ``2 + floor(ln(n_clusters))``.

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features), dtype of X
        The chosen centres (rows of X).
    indices : ndarray of shape (n_clusters,), int64
        Their row indices in X.

    Warns
    -----
    FewDistinctPointsWarning
        When X has fewer distinct rows of positive weight than ``n_clusters``; the remaining
        centres then repeat existing rows.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import kmeans_plusplus
    >>> X = np.array([[0.0, 0.0], [0.1, 0.0], [10.0, 10.0], [10.1, 10.0]])
    >>> centers, indices = kmeans_plusplus(X, 2, random_state=0)
    >>> sorted(int(i) // 2 for i in indices)
    [0, 1]
    """
    X = check_data(X)
    weights = check_sample_weight(sample_weight, X.shape[0])
    n_clusters = check_n_clusters(n_clusters, X.shape[0], weights)
    rng = check_random_state(random_state)
    if n_local_trials is not None:
        n_local_trials = check_int(n_local_trials, "n_local_trials", minimum=1)
    # Seeded on data rescaled exactly when its magnitude needs it: the same draws.
    exponent = data_exponent(max_abs(X), X.dtype, X.shape[1], weights.total)
    with thread_limit(threads_for_size(X)):
        _, indices, n_distinct = _kmeans_plusplus(
            scaled(X, exponent), n_clusters, weights, rng, n_local_trials
        )
    centers = dense_rows(X, indices)
    if n_distinct < n_clusters:
        warn_few_distinct(n_distinct, n_clusters, stacklevel=2)
    return centers, indices


def _draw_by_weight(
    cumulative_weight: np.ndarray | None, n_samples: int, rng: np.random.Generator
) -> int:
    """A row drawn with probability proportional to its weight (never one of weight zero).

    ``cumulative_weight=None`` means unit weights: the same draw as with a cumulative sum of
    ones (``1, 2, ..., n``), computed without one.
    """
    if cumulative_weight is None:
        return min(int(rng.random() * n_samples), n_samples - 1)
    target = rng.random() * cumulative_weight[-1]
    index = int(np.searchsorted(cumulative_weight, target, side="right"))
    return min(index, n_samples - 1)


def _kmeans_plusplus(
    X: np.ndarray | SparseRows,
    n_clusters: int,
    weights: Weights,
    rng: np.random.Generator,
    n_local_trials: int | None,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Greedy D² seeding on validated input.

    Returns the centres, their row indices and the number of distinct centres found (less than
    ``n_clusters`` only when every remaining row of positive weight coincides with a centre).
    """
    n_samples, n_features = X.shape
    if n_local_trials is None:
        n_local_trials = 2 + int(np.log(n_clusters))
    min_rows = SPARSE_MIN_BLOCK_ROWS if isinstance(X, SparseRows) else MIN_BLOCK_ROWS
    bounds = block_bounds(n_samples, n_local_trials, min_rows)
    n_blocks = bounds.shape[0] - 1

    centers = np.empty((n_clusters, n_features), dtype=X.dtype)
    indices = np.empty(n_clusters, dtype=np.int64)
    # Unit weights: the kernels read no weight array, and draws need no cumulative sum.
    cumulative_weight = None if weights.unit else np.cumsum(weights.values)
    indices[0] = _draw_by_weight(cumulative_weight, n_samples, rng)
    kernels, data = kernels_for(X), kernel_args(X)
    centers[0] = dense_rows(X, indices[:1])[0]

    # Distances are computed in X's dtype, so storing them there loses nothing.
    closest = np.full(n_samples, np.inf, dtype=X.dtype)
    block_scores = np.empty((n_blocks, n_local_trials), dtype=np.float64)
    # The first centre folded in by the scoring pass, as its only candidate: its score is the
    # potential. (A kernel of its own for this one pass cost a fresh process 0.25 s of
    # compilation before its first fit.)
    first_scores = np.empty((n_blocks, 1), dtype=np.float64)
    fold_and_score(X, weights, indices[0], indices[:1], bounds, closest, first_scores)
    block_potential = first_scores[:, 0].copy()
    # The last chosen centre (its index in `centers`), not yet folded into `closest` (folding
    # centre 0 again is a no-op).
    pending = 0

    n_distinct = n_clusters
    for c in range(1, n_clusters):
        potential = block_potential.sum()
        if potential <= 0.0:
            # Every row of positive weight sits on a centre already: repeat rows from here on.
            n_distinct = min(n_distinct, c)
            indices[c] = _draw_by_weight(cumulative_weight, n_samples, rng)
            centers[c] = dense_rows(X, indices[c : c + 1])[0]
            continue
        targets = np.sort(rng.random(n_local_trials) * potential)
        candidates = kernels.locate_in_blocks(
            *data, weights.values, weights.unit, closest, centers[pending], bounds,
            block_potential, targets,
        )  # fmt: skip
        # Scoring is also the pass that yields the new potential, so plain D² (one candidate)
        # runs it too.
        fold_and_score(X, weights, indices[pending], candidates, bounds, closest, block_scores)
        best = int(np.argmin(block_scores.sum(axis=0)))
        indices[c] = candidates[best]
        centers[c] = dense_rows(X, candidates[best : best + 1])[0]
        block_potential = block_scores[:, best].copy()
        pending = c
    return centers, indices, n_distinct
