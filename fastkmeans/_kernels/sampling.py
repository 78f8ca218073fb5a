"""Importance-sampling steps for coresets: one pass to the bicriteria centres, one to draw rows.

Every construction samples row ``i`` with probability proportional to

    m_i = w_i * (1 / W[l_i] + d_i / C[l_i])

where ``l_i`` is the row's group (its nearest bicriteria centre; a single group for the
lightweight and uniform constructions), ``d_i`` its squared distance to the group's centre, and
``W``, ``C`` the group's mass and cost. A term is left out when its denominator is zero (an empty
group, or a group of zero cost). The per-block totals of ``m`` come from per-block, per-group sums
of ``w`` and ``w * d``, so drawing needs only one light pass over ``(w, l, d)``, never over X.
"""

import numpy as np

from ._config import jit_parallel
from ._small import transposed, zeroed
from .distances import TILE_DIST_SIZE, TILE_ROWS, nearest_of_chunk
from .partials import weight_of


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def assign_with_distances(
    X,
    sample_weight,
    unit_weights,
    centers,
    bounds,
    labels,
    dist,
    block_mass,
    block_cost,
    loop_start,
    loop_stop,
):
    """Nearest centre of every row, its squared distance and per-block, per-centre sums.

    Writes ``labels`` (n,) int32, ``dist`` (n,) float64, ``block_mass[b, j]`` (sum of ``w`` over
    the rows of block ``b`` nearest to centre ``j``) and ``block_cost[b, j]`` (sum of ``w * d``).
    The search is the Lloyd pass's (:func:`~.distances.nearest_of_chunk`, a tile of rows at a
    time, four centres a sweep; ties to the lowest index), so the distances are the ones the
    Lloyd pass and the cost sum.
    """
    n_clusters = centers.shape[0]
    centers_t = transposed(centers)
    for b in range(loop_start, loop_stop):
        tile = np.empty((X.shape[1], TILE_ROWS), X.dtype)
        tile_dist = np.empty(TILE_DIST_SIZE, X.dtype)
        best = np.empty(TILE_ROWS, np.int32)
        best_dist = np.empty(TILE_ROWS, X.dtype)
        mass = zeroed(np.empty(n_clusters, np.float64))
        cost = zeroed(np.empty(n_clusters, np.float64))
        for start in range(bounds[b], bounds[b + 1], TILE_ROWS):
            n_rows = min(TILE_ROWS, bounds[b + 1] - start)
            nearest_of_chunk(X, start, n_rows, centers_t, tile, tile_dist, best, best_dist)
            for r in range(n_rows):
                i = start + r
                j = best[r]
                d = np.float64(best_dist[r])
                labels[i] = j
                dist[i] = d
                w = weight_of(sample_weight, unit_weights, i)
                mass[j] += w
                cost[j] += w * d
        for slot in range(mass.shape[0]):  # a loop, not a slice assignment (compile time)
            block_mass[b, slot] = mass[slot]
        for slot in range(cost.shape[0]):  # a loop, not a slice assignment (compile time)
            block_cost[b, slot] = cost[slot]


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def draw_rows(
    sample_weight,
    unit_weights,
    labels,
    dist,
    inv_mass,
    group_cost,
    bounds,
    target_bounds,
    targets,
    out,
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Rows drawn with probability proportional to ``m_i`` (see the module docstring).

    The mass axis is laid out group-major: group 0's rows (in row order), then group 1's, and
    so on. The targets of group ``j`` in block ``b`` are
    ``targets[target_bounds[j * n_blocks + b]:target_bounds[j * n_blocks + b + 1]]``: sorted
    offsets in ``[0, mass of group j's rows in block b)``. Row ``i`` of group ``j`` is returned
    for target ``r`` when the running sum of ``m`` over group ``j``'s rows of the block first
    exceeds ``r`` there, so a row of zero mass is never returned. One scan per block, blocks in
    parallel, each writing only its own targets' slots of ``out``. A target left over by
    rounding (block totals come from grouped sums) takes the group's last row of positive mass
    in the block. ``labels`` or ``dist`` may have length 0 (one group; no distance term).
    """
    n_blocks = bounds.shape[0] - 1
    n_groups = inv_mass.shape[0]
    has_labels = labels.shape[0] > 0
    has_dist = dist.shape[0] > 0
    for b in range(loop_start, loop_stop):
        position = np.empty(n_groups, np.int64)
        end = np.empty(n_groups, np.int64)
        running = zeroed(np.empty(n_groups, np.float64))
        last_positive = np.full(n_groups, -1, np.int64)
        remaining = 0
        for j in range(n_groups):
            position[j] = target_bounds[j * n_blocks + b]
            end[j] = target_bounds[j * n_blocks + b + 1]
            remaining += end[j] - position[j]
        if remaining == 0:
            continue
        for i in range(bounds[b], bounds[b + 1]):
            group = labels[i] if has_labels else 0
            u = inv_mass[group]
            if has_dist:
                c = group_cost[group]
                if c > 0.0:
                    u += dist[i] / c
            m = weight_of(sample_weight, unit_weights, i) * u
            if m > 0.0:
                last_positive[group] = i
                running[group] += m
                t = position[group]
                while t < end[group] and running[group] > targets[t]:
                    out[t] = i
                    t += 1
                    remaining -= 1
                position[group] = t
                if remaining == 0:
                    break
        for j in range(n_groups):
            for t in range(position[j], end[j]):
                out[t] = last_positive[j]
