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
the same search as the Lloyd pass (the tiles of :mod:`~.distances`: the rescanned rows are gathered
until they fill one), and the per-block sums are accumulated in the same row order as
:func:`~.lloyd.lloyd_step`, so centres are bitwise identical to plain Lloyd's.
"""

from typing import NamedTuple

import numpy as np

from ._config import jit_inline, jit_parallel
from ._small import FLOAT64_EPS, transposed
from .distances import (
    TILE_DIST_SIZE,
    TILE_ROWS,
    labelled_sq_distances_in_tile,
    load_tile_rows,
    nearest_two_of_rows,
    sq_distance_to_point,
)
from .partials import add_to_cluster, cleared_slots, weight_of


class PointBounds(NamedTuple):
    """Per-row bounds, in X's dtype, stored relative to the cumulative shifts: ``U`` and ``L``."""

    upper: np.ndarray  # (n,)
    lower: np.ndarray  # (n,)


class CentreMotion(NamedTuple):
    """How far the centres have moved so far, and how far apart they are now (float64)."""

    cum_shift: np.ndarray  # (k,) S_j, rounded up
    cum_max_shift: float  # M, rounded up
    half_separation: np.ndarray  # (k,) s(j): half the distance to the nearest other centre


class BoundSlack(NamedTuple):
    """The relative slacks that keep the skip test exact (see the module docstring)."""

    margin: float  # separation required beyond the distance computation's rounding
    round_eps: float  # outward rounding of every stored bound


@jit_inline
def _rescan(
    X, rows, n_rows, centers_t, tile, dist, best, best_dist, second_dist,
    labels, upper, lower, cum_shift, cum_max_shift, round_eps,
):  # fmt: skip
    """Search the rows ``rows[:n_rows]`` over every centre and set their labels and bounds;
    returns how many labels changed."""
    nearest_two_of_rows(X, rows, n_rows, centers_t, tile, dist, best, best_dist, second_dist)
    changed = 0
    for r in range(n_rows):
        i = rows[r]
        u = np.sqrt(np.float64(best_dist[r]))
        l_bound = np.sqrt(np.float64(second_dist[r]))
        nearest = np.uint32(best[r])
        upper[i] = u - cum_shift[nearest] + (u + cum_shift[nearest]) * round_eps
        # Multiplied, not subtracted: with one centre l is inf, and inf - inf is NaN.
        lower[i] = (l_bound + cum_max_shift) * (1.0 - round_eps)
        if nearest != labels[i]:
            labels[i] = nearest
            changed += 1
    return changed


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def hamerly_step(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    centers,  # IN (k, d), X's dtype
    bounds,  # IN (n_blocks + 1,) int64
    labels,  # IN/OUT (n,) int32
    upper,  # IN/OUT (n,) U } *PointBounds: written for the rows whose distances
    lower,  # IN/OUT (n,) L } are computed
    cum_shift,  # IN (k,) float64 S_j          }
    cum_max_shift,  # IN float M               } *CentreMotion
    half_separation,  # IN (k,) float64 s(j)   }
    margin,  # IN float   } *BoundSlack
    round_eps,  # IN float }
    first,  # IN bool: no bounds yet; scan every row and initialise them
    accumulate,  # IN bool: sum into block_sums and block_weights (False: labels, bounds only)
    block_sums,  # OUT (n_blocks, k, d) float64 } BlockPartials' sums and weights (no cost:
    block_weights,  # OUT (n_blocks, k) float64 } most distances are skipped)
    block_scanned,  # OUT (n_blocks,) int64: rows of each block that needed a full scan
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """One Hamerly iteration fused with the accumulation of per-block sums.

    Returns the number of labels that changed. Without ``accumulate`` (a run's last labelling,
    whose sums nothing reads) the rows the bounds settle are not read at all, and the block's
    sums and weights are left zeroed.
    """
    n_clusters = centers.shape[0]
    centers_t = transposed(centers)
    largest_shift = 0.0
    for j in range(n_clusters):
        largest_shift = max(largest_shift, cum_shift[j])
    # Absolute error of the float64 sums U + S_a and L - M: a few ulps of the totals.
    slack_sum = 8.0 * FLOAT64_EPS * (largest_shift + cum_max_shift)
    grow = 1.0 + margin
    shrink = 1.0 - margin
    total_changed = 0
    for b in range(loop_start, loop_stop):
        tile = np.empty((X.shape[1], TILE_ROWS), X.dtype)
        dist = np.empty(TILE_DIST_SIZE, X.dtype)
        best = np.empty(TILE_ROWS, np.int32)
        best_dist = np.empty(TILE_ROWS, X.dtype)
        second_dist = np.empty(TILE_ROWS, X.dtype)
        scan_rows = np.empty(TILE_ROWS, np.int64)
        sums, weights = cleared_slots(block_sums, block_weights, b)
        changed = 0
        scanned = 0
        n_scan = 0
        i = bounds[b]  # the next row to test
        summed = bounds[b]  # the rows before this one have joined the sums
        end = bounds[b + 1]
        # The bounds pick the rows to rescan, which are gathered until they fill a tile and
        # then searched together (a tile of a few rows would leave the vector lanes of the
        # search idle). The rows join the sums in row order, the order of the Lloyd pass, a
        # chunk at a time, up to the first row still waiting for its search. One call site
        # of the search and of the sums: each is compiled into this kernel once (with two,
        # a fresh process's first Hamerly fit compiled 0.9 s longer).
        while summed < end:
            chunk_stop = min(i + TILE_ROWS, end)
            while i < chunk_stop and n_scan < TILE_ROWS:
                # Unsigned: indexing by it needs no negative-index wraparound.
                a = np.uint32(labels[i])
                scan = first
                if not first:
                    u = upper[i] + cum_shift[a]
                    z = max(lower[i] - cum_max_shift, half_separation[a]) * shrink - slack_sum
                    if not u * grow < z:
                        # Tighten the upper bound to the exact distance; that may suffice.
                        u = np.sqrt(np.float64(sq_distance_to_point(X, i, centers[a])))
                        scan = not u * grow < z
                        if not scan:
                            upper[i] = u - cum_shift[a] + (u + cum_shift[a]) * round_eps
                if scan:
                    scan_rows[n_scan] = i
                    n_scan += 1
                i += 1
            if n_scan == TILE_ROWS or (i == end and n_scan > 0):
                changed += _rescan(
                    X, scan_rows, n_scan, centers_t, tile, dist, best, best_dist,
                    second_dist, labels, upper, lower, cum_shift, cum_max_shift, round_eps,
                )  # fmt: skip
                scanned += n_scan
                n_scan = 0
            ready = scan_rows[0] if n_scan > 0 else i
            if accumulate:
                for row in range(summed, ready):
                    w = weight_of(sample_weight, unit_weights, row)
                    add_to_cluster(X, row, w, np.uint32(labels[row]), sums, weights)
            summed = ready
        total_changed += changed
        block_scanned[b] = scanned
    return total_changed


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1, lean=True)
def labelled_cost(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    centers,  # IN (k, d), X's dtype
    bounds,  # IN (n_blocks + 1,) int64
    labels,  # IN (n,) int32: each row's nearest centre
    block_cost,  # OUT (n_blocks,) float64: weighted cost of each block
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """The per-block weighted cost of rows already labelled with their nearest centre, from one
    distance per row where :func:`~.lloyd.labels_and_cost` searches every centre: the same
    distances, bit for bit, added in row order, as :func:`~.lloyd.lloyd_step` adds them, so
    the same float64 as a Lloyd run's inertia."""
    centers_t = transposed(centers)
    for b in range(loop_start, loop_stop):
        tile = np.empty((X.shape[1], TILE_ROWS), X.dtype)
        dist = np.empty(TILE_ROWS, X.dtype)
        running = np.empty(TILE_ROWS, np.float64)
        cost = 0.0
        for start in range(bounds[b], bounds[b + 1], TILE_ROWS):
            n_rows = min(TILE_ROWS, bounds[b + 1] - start)
            load_tile_rows(X, start, n_rows, tile)
            labelled_sq_distances_in_tile(tile, n_rows, centers_t, labels[start:], dist)
            for r in range(n_rows):
                cost += dist[r] if unit_weights else sample_weight[start + r] * dist[r]
                # The running total, stored: a prefix sum does not vectorise, so the terms
                # are added in row order even under ``reassoc`` (kept here: without it, the
                # distances inlined above could round apart from the search's; float64 costs
                # then differed from Lloyd's in their last bits).
                running[r] = cost
        block_cost[b] = cost
