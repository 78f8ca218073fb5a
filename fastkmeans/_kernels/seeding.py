"""D² (k-means++) seeding steps: one pass over the data per centre.

The pass that scores the candidates for centre c also folds centre c-1 (the "pending" centre)
into each row's distance-to-closest-centre, so choosing k centres reads the data k times, not
2k - 1. The sampler applies the pending centre on the fly to the one block it scans.

``closest`` may be in X's dtype: the distances are computed in X's dtype, so storing them there
loses nothing and halves its memory traffic. Weights come as ``sample_weight, unit_weights``
(see :mod:`fastkmeans._kernels.partials`).
"""

import numpy as np

from ._config import jit, jit_inline, jit_parallel
from ._small import zeroed
from .distances import load_tile_rows, sq_distance_to_point, sq_distances_in_tile
from .partials import weight_of

# Rows per tile in fold_and_score. Narrow rows (colours) take SCORE_TILE_NARROW: the tile and
# its distances stay in L1 while every candidate sweeps over them. Wider rows take
# SCORE_TILE_WIDE, where each pass over a feature is a few whole SIMD vectors of rows and the
# distances stay in L1 whatever the width (measured, 2 cores, seeding k=64..256: 16 rows were
# 1.8x slower at 768 features and 256 rows 1.2-1.7x slower at 32..768 features).
SCORE_TILE_NARROW = 256
SCORE_TILE_WIDE = 64


@jit_inline
def score_tile_rows(n_features):
    """Rows per tile of :func:`fold_and_score`."""
    return SCORE_TILE_NARROW if n_features <= 8 else SCORE_TILE_WIDE


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def update_closest(
    X,
    sample_weight,
    unit_weights,
    center,
    bounds,
    closest,
    block_potential,
    first,
    loop_start,
    loop_stop,
):
    """Lower ``closest[i]`` to ``||X[i] - center||^2`` (or set it, when ``first``).

    ``block_potential[b]`` receives ``sum_{i in block b} w_i * closest[i]``.
    """
    for b in range(loop_start, loop_stop):
        potential = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            d = np.float64(sq_distance_to_point(X, i, center))
            if first or d < closest[i]:
                closest[i] = d
            potential += np.float64(closest[i]) if unit_weights else sample_weight[i] * closest[i]
        block_potential[b] = potential


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1, lean=True)
def fold_and_score(
    X,
    sample_weight,
    unit_weights,
    pending,
    candidates,
    bounds,
    closest,
    block_scores,
    loop_start,
    loop_stop,
):
    """Fold ``pending`` into ``closest``, then score every candidate in the same read of X.

    ``closest[i] = min(closest[i], ||X[i] - pending||^2)`` and
    ``block_scores[b, t] = sum_{i in block b} w_i * min(closest[i], ||X[i] - cand_t||^2)``:
    column ``t`` is the per-block potential if candidate ``t`` is chosen.
    """
    n_candidates = candidates.shape[0]
    n_features = X.shape[1]
    tile_rows = score_tile_rows(n_features)
    for b in range(loop_start, loop_stop):
        scores = zeroed(np.empty(n_candidates, np.float64))
        tile = np.empty((n_features, tile_rows), X.dtype)
        near = np.empty(tile_rows, closest.dtype)
        tile_weight = np.empty(tile_rows, np.float64)
        dist = np.empty(tile_rows, X.dtype)
        for start in range(bounds[b], bounds[b + 1], tile_rows):
            n_rows = min(tile_rows, bounds[b + 1] - start)
            # Transposed once, so that each candidate's sweep reads unit-stride columns.
            if n_features == 3:
                # Unrolled: a three-iteration inner loop costs more than the copy itself.
                for r in range(n_rows):
                    tile[0, r] = X[start + r, 0]
                    tile[1, r] = X[start + r, 1]
                    tile[2, r] = X[start + r, 2]
            else:
                load_tile_rows(X, start, n_rows, tile)
            sq_distances_in_tile(tile, n_rows, pending, dist)
            for r in range(n_rows):
                near[r] = min(closest[start + r], dist[r])
                closest[start + r] = near[r]
            # Candidate-major over the tile: the inner loops run over rows and vectorise.
            # The weights are gathered once per tile, ones for unit weights (w * 1.0 is w
            # exactly), so that one loop serves both cases: a second copy of it cost a fresh
            # process 0.1-0.2 s of compilation.
            for r in range(n_rows):
                tile_weight[r] = weight_of(sample_weight, unit_weights, start + r)
            for t in range(n_candidates):
                sq_distances_in_tile(tile, n_rows, candidates[t], dist)
                partial = 0.0
                for r in range(n_rows):
                    partial += tile_weight[r] * np.float64(min(near[r], dist[r]))
                scores[t] += partial
        for slot in range(scores.shape[0]):  # a loop, not a slice assignment (compile time)
            block_scores[b, slot] = scores[slot]


@jit
def locate_in_blocks(
    X, sample_weight, unit_weights, closest, pending, bounds, block_potential, targets
):
    """Rows drawn with probability proportional to ``w_i * min(closest[i], d(X[i], pending)^2)``.

    ``targets`` are sorted values in [0, total potential). Row ``i`` is returned for target ``r``
    when the running sum of the masses first exceeds ``r`` there, so a row of zero mass is never
    returned. The block sums locate the block, a scan of that block the row: O(n / n_blocks)
    per draw instead of a cumulative sum over all rows. The masses are those
    :func:`fold_and_score` summed per block, row by row here: where rounding makes the scan
    and the block sum disagree, the fallbacks below still return a row of positive mass.
    """
    n_blocks = bounds.shape[0] - 1
    out = np.empty(targets.shape[0], np.int64)
    b = 0
    start = 0.0
    for t in range(targets.shape[0]):
        r = targets[t]
        while b < n_blocks - 1 and start + block_potential[b] <= r:
            start += block_potential[b]
            b += 1
        local_target = r - start
        running = 0.0
        chosen = -1
        last_positive = -1
        # Forward over the block, then (see below) backward from its left edge: one loop, so
        # that the distance is compiled into this kernel once.
        i = bounds[b]
        step = 1
        while chosen < 0:
            if step == 1 and i == bounds[b + 1]:
                if last_positive >= 0:
                    # Rounding between the block sum and this scan: take the block's last row
                    # with mass.
                    chosen = last_positive
                    break
                # A block without mass is reached only through rounding at its left edge:
                # take the nearest row with mass before it.
                i = bounds[b] - 1
                step = -1
            if i < 0:
                break
            mass = np.float64(min(closest[i], sq_distance_to_point(X, i, pending)))
            if step == 1:
                if not unit_weights:
                    mass *= sample_weight[i]
                if mass > 0.0:
                    last_positive = i
                    running += mass
                    if running > local_target:
                        chosen = i
            elif (unit_weights or sample_weight[i] > 0.0) and mass > 0.0:
                chosen = i
            i += step
        out[t] = chosen
    return out
