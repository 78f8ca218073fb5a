"""D² (k-means++) seeding steps: one pass over the data per centre.

The pass that scores the candidates for centre c also folds centre c-1 (the "pending" centre)
into each row's distance-to-closest-centre, so choosing k centres reads the data k times, not
2k - 1. The sampler applies the pending centre on the fly to the one block it scans.

``closest`` may be in X's dtype: the distances are computed in X's dtype, so storing them there
loses nothing and halves its memory traffic. Weights come as ``sample_weight, unit_weights``
(see :mod:`fastkmeans._kernels.partials`).
"""

import numpy as np

from ._config import jit, jit_parallel
from ._small import zeroed
from .distances import sq_distance_in_tile, sq_distance_to_point
from .partials import weight_of

# Rows per tile in fold_and_score: the tile's rows (transposed) and distances stay in L1 while
# every candidate sweeps over them.
SCORE_TILE = 256


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
    for b in range(loop_start, loop_stop):
        scores = zeroed(np.empty(n_candidates, np.float64))
        tile = np.empty((n_features, SCORE_TILE), X.dtype)
        near = np.empty(SCORE_TILE, closest.dtype)
        tile_weight = np.empty(SCORE_TILE, np.float64)
        for start in range(bounds[b], bounds[b + 1], SCORE_TILE):
            n_rows = min(SCORE_TILE, bounds[b + 1] - start)
            # Transposed once, so that each candidate's sweep reads unit-stride columns.
            if n_features == 3:
                # Unrolled: a three-iteration inner loop costs more than the copy itself.
                for r in range(n_rows):
                    tile[0, r] = X[start + r, 0]
                    tile[1, r] = X[start + r, 1]
                    tile[2, r] = X[start + r, 2]
            else:
                for r in range(n_rows):
                    for f in range(n_features):
                        tile[f, r] = X[start + r, f]
            for r in range(n_rows):
                near[r] = min(closest[start + r], sq_distance_in_tile(tile, r, pending))
                closest[start + r] = near[r]
            # Candidate-major over the tile: the inner loop runs over rows and vectorises.
            # The weights are gathered once per tile, ones for unit weights (w * 1.0 is w
            # exactly), so that one loop serves both cases: a second copy of it cost a fresh
            # process 0.1-0.2 s of compilation.
            for r in range(n_rows):
                tile_weight[r] = weight_of(sample_weight, unit_weights, start + r)
            for t in range(n_candidates):
                candidate = candidates[t]
                partial = 0.0
                for r in range(n_rows):
                    partial += tile_weight[r] * np.float64(
                        min(near[r], sq_distance_in_tile(tile, r, candidate))
                    )
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
    per draw instead of a cumulative sum over all rows. The masses are computed exactly as
    :func:`fold_and_score` computed the block sums, so scan and sums agree.
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
        for i in range(bounds[b], bounds[b + 1]):
            mass = np.float64(min(closest[i], sq_distance_to_point(X, i, pending)))
            if not unit_weights:
                mass *= sample_weight[i]
            if mass > 0.0:
                last_positive = i
                running += mass
                if running > local_target:
                    chosen = i
                    break
        if chosen < 0:
            # Rounding between the block sum and this scan: take the block's last row with mass.
            chosen = last_positive
        if chosen < 0:
            # A block without mass is reached only through rounding at its left edge: take the
            # nearest row with mass before it.
            for i in range(bounds[b] - 1, -1, -1):
                mass = np.float64(min(closest[i], sq_distance_to_point(X, i, pending)))
                if (unit_weights or sample_weight[i] > 0.0) and mass > 0.0:
                    chosen = i
                    break
        out[t] = chosen
    return out
