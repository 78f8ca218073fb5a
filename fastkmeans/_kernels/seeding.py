"""D² (k-means++) seeding steps: distance-to-closest updates, candidate scoring, sampling."""

import numpy as np
from numba import prange

from ._config import jit, jit_parallel


@jit_parallel
def update_closest(X, sample_weight, center, bounds, closest, block_potential, first):
    """Lower ``closest[i]`` to ``||X[i] - center||^2`` (or set it, when ``first``).

    ``block_potential[b]`` receives ``sum_{i in block b} w_i * closest[i]``.
    """
    n_blocks = bounds.shape[0] - 1
    n_features = X.shape[1]
    for b in prange(n_blocks):
        potential = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            sq = 0.0
            for f in range(n_features):
                diff = X[i, f] - center[f]
                sq += diff * diff
            d = np.float64(sq)
            if first or d < closest[i]:
                closest[i] = d
            potential += sample_weight[i] * closest[i]
        block_potential[b] = potential


@jit_parallel
def score_candidates(X, sample_weight, candidates, bounds, closest, block_scores):
    """``block_scores[b, t] = sum_{i in block b} w_i * min(closest[i], ||X[i] - cand_t||^2)``.

    One read of X scores every candidate.
    """
    n_blocks = bounds.shape[0] - 1
    n_candidates, n_features = candidates.shape
    for b in prange(n_blocks):
        scores = np.zeros(n_candidates, np.float64)
        for i in range(bounds[b], bounds[b + 1]):
            w = sample_weight[i]
            ci = closest[i]
            for t in range(n_candidates):
                sq = 0.0
                for f in range(n_features):
                    diff = X[i, f] - candidates[t, f]
                    sq += diff * diff
                d = np.float64(sq)
                scores[t] += w * (d if d < ci else ci)
        block_scores[b, :] = scores


@jit
def locate_in_blocks(sample_weight, closest, bounds, block_potential, targets):
    """Rows drawn with probability proportional to ``w_i * closest[i]``.

    ``targets`` are sorted values in [0, total potential). Row ``i`` is returned for target ``r``
    when the running sum of ``w * closest`` first exceeds ``r`` there, so a row of zero mass is
    never returned. The block sums locate the block, a scan of that block the row: O(n / n_blocks)
    per draw instead of a cumulative sum over all rows.
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
            mass = sample_weight[i] * closest[i]
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
            # A block without mass can only be reached through rounding at its left edge: search
            # backwards for the nearest row with mass.
            for i in range(bounds[b] - 1, -1, -1):
                if sample_weight[i] * closest[i] > 0.0:
                    chosen = i
                    break
        out[t] = chosen
    return out
