"""Lloyd steps: the fused assign-and-accumulate pass, and the labels-and-cost pass.

Both loop over the fixed blocks of :func:`fastkmeans._parallel.block_bounds` and write only
their own block's slots.
"""

import numpy as np

from ._config import jit_parallel
from ._small import transposed
from .distances import TILE_DIST_SIZE, TILE_ROWS, nearest_of_chunk
from .partials import add_to_cluster, cleared_slots, move_to_cluster, weight_of


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1, lean=True)
def lloyd_step(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    centers,  # IN (k, d), X's dtype
    bounds,  # IN (n_blocks + 1,) int64: block b is rows bounds[b]:bounds[b + 1]
    labels,  # IN/OUT (n,) int32: previous labels in, nearest centres out
    block_sums,  # OUT (n_blocks, k, d) float64  } a BlockPartials, passed
    block_weights,  # OUT (n_blocks, k) float64  } as *partials
    block_cost,  # OUT (n_blocks,) float64: cost against `centers`
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """One fused read of X: assign every row, accumulate its block's sums, weights and cost.

    Returns the number of labels that changed.
    """
    centers_t = transposed(centers)
    total_changed = 0
    for b in range(loop_start, loop_stop):
        tile = np.empty((X.shape[1], TILE_ROWS), X.dtype)
        dist = np.empty(TILE_DIST_SIZE, X.dtype)
        best = np.empty(TILE_ROWS, np.int32)
        best_dist = np.empty(TILE_ROWS, X.dtype)
        sums, weights = cleared_slots(block_sums, block_weights, b)
        cost = 0.0
        changed = 0
        for start in range(bounds[b], bounds[b + 1], TILE_ROWS):
            n_rows = min(TILE_ROWS, bounds[b + 1] - start)
            nearest_of_chunk(X, start, n_rows, centers_t, tile, dist, best, best_dist)
            for r in range(n_rows):
                i = start + r
                if labels[i] != best[r]:
                    labels[i] = best[r]
                    changed += 1
                w = weight_of(sample_weight, unit_weights, i)
                # Unsigned: indexing by it needs no negative-index wraparound.
                add_to_cluster(X, i, w, np.uint32(best[r]), sums, weights)
                cost += w * best_dist[r]
        block_cost[b] = cost
        total_changed += changed
    return total_changed


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1, lean=True)
def lloyd_step_moving_sums(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    centers,  # IN (k, d), X's dtype
    bounds,  # IN (n_blocks + 1,) int64: block b is rows bounds[b]:bounds[b + 1]
    labels,  # IN/OUT (n,) int32: previous labels (those of the sums) in, nearest centres out
    with_cost,  # IN bool: fill block_cost (else left as it was: 9-12% of a step's time)
    block_sums,  # IN/OUT (n_blocks, k, d) float64: the sums of the labels given  } as
    block_weights,  # IN/OUT (n_blocks, k) float64: and their weights              } *partials
    block_cost,  # OUT (n_blocks,) float64: cost against `centers`, with `with_cost`
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """:func:`lloyd_step` where the slots already hold the sums of ``labels`` (a step before
    updated them, or the driver summed them: before the first step, every row in cluster 0):
    only the rows whose label changes move their weighted values from their old cluster's
    slots to the new one's; every row is searched and costed as there.

    The same bits as :func:`lloyd_step` only where every sum is an exact float64 integer, in
    any order (:func:`fastkmeans._steps.sums_are_exact`: pixels, colour summaries). A kernel
    of its own, compiled on first use: within :func:`lloyd_step`, the two row loops behind a
    test per tile made LLVM compile the loop that sums every row 3x slower, and behind a test
    per block made a fresh process's first fit of any data compile 0.5 s longer (3.7 s).
    """
    centers_t = transposed(centers)
    total_changed = 0
    for b in range(loop_start, loop_stop):
        tile = np.empty((X.shape[1], TILE_ROWS), X.dtype)
        dist = np.empty(TILE_DIST_SIZE, X.dtype)
        best = np.empty(TILE_ROWS, np.int32)
        best_dist = np.empty(TILE_ROWS, X.dtype)
        running = np.empty(TILE_ROWS, np.float64)
        sums, weights = block_sums[b], block_weights[b]
        cost = 0.0
        changed = 0
        for start in range(bounds[b], bounds[b + 1], TILE_ROWS):
            n_rows = min(TILE_ROWS, bounds[b + 1] - start)
            nearest_of_chunk(X, start, n_rows, centers_t, tile, dist, best, best_dist)
            for r in range(n_rows):
                i = start + r
                if labels[i] != best[r]:
                    w = weight_of(sample_weight, unit_weights, i)
                    a, c = np.uint32(labels[i]), np.uint32(best[r])
                    move_to_cluster(X, i, w, a, c, sums, weights)
                    labels[i] = best[r]
                    changed += 1
            if with_cost:  # in row order, as lloyd_step adds it: the same float
                for r in range(n_rows):
                    cost += weight_of(sample_weight, unit_weights, start + r) * best_dist[r]
                    # The running total, stored: a prefix sum does not vectorise, so the
                    # terms are added in row order even under ``reassoc``.
                    running[r] = cost
        if with_cost:
            block_cost[b] = cost
        total_changed += changed
    return total_changed


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1, ordered=True)
def labels_and_cost(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    centers,  # IN (k, d), X's dtype
    bounds,  # IN (n_blocks + 1,) int64
    labels,  # OUT (n,) int32, or (0,): cost only
    block_cost,  # OUT (n_blocks,) float64: weighted cost of each block
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Each row's nearest centre and the per-block weighted cost, in one read of X.

    Compiled without ``reassoc`` (the search is :func:`~.distances.nearest_of_chunk`'s, compiled
    on its own): the cost adds its terms in row order, as :func:`lloyd_step` does, so
    ``score`` and :func:`fastkmeans.cost` give the same float64 as a run's inertia on the same
    rows."""
    centers_t = transposed(centers)
    write_labels = labels.shape[0] > 0
    for b in range(loop_start, loop_stop):
        tile = np.empty((X.shape[1], TILE_ROWS), X.dtype)
        dist = np.empty(TILE_DIST_SIZE, X.dtype)
        best = np.empty(TILE_ROWS, np.int32)
        best_dist = np.empty(TILE_ROWS, X.dtype)
        cost = 0.0
        for start in range(bounds[b], bounds[b + 1], TILE_ROWS):
            n_rows = min(TILE_ROWS, bounds[b + 1] - start)
            nearest_of_chunk(X, start, n_rows, centers_t, tile, dist, best, best_dist)
            for r in range(n_rows):
                if write_labels:
                    labels[start + r] = best[r]
                cost += best_dist[r] if unit_weights else sample_weight[start + r] * best_dist[r]
        block_cost[b] = cost
