"""The step kernels on sparse rows: CSR ``data, indices, indptr`` in place of X.

Each kernel has the signature of its dense twin (in :mod:`.lloyd`, :mod:`.hamerly`,
:mod:`.moments`, :mod:`.distances`, :mod:`.seeding`) with X replaced by the three CSR arrays,
follows the same block, partials and weights conventions, and so serves the same drivers.
Centres stay dense. One exception: the seeding's :func:`fold_and_score` takes its points as
rows of X (see :func:`fastkmeans._layout.fold_and_score`), which stay sparse.

Distances: for a row ``x`` with non-zeros ``F`` and a centre ``c``,
``||x - c||^2 = ||c||^2 + sum_{f in F} ((x_f - c_f)^2 - c_f^2)``: exact algebra, ``O(|F|)``
per centre once ``||c||^2`` is known, accumulated in float64 and clamped at 0. It is not the
norm expansion ``||x||^2 - 2 x.c + ||c||^2`` (no cancellation between ``||x||^2`` and ``x.c``),
but it still cancels ``c_f^2`` terms, so its absolute error is a few ulps of
``||x||^2 + ||c||^2`` rather than of the distance: :func:`sq_error_bound` bounds it, and the
Hamerly step uses that bound so that its skips stay exact. The per-centre loops run over the
centres transposed to (d, k), so that each non-zero sweeps ``k`` contiguous values.
"""

import numpy as np

from ._config import jit, jit_inline, jit_ordered, jit_parallel
from ._small import FLOAT64_EPS, zeroed
from .distances import smallest_two
from .partials import cleared_slots, weight_of


@jit_inline
def transposed_centers(centers):
    """Centres as float64 (d, k) and their squared norms (k,), float64."""
    n_clusters, n_features = centers.shape
    centers_t = np.empty((n_features, n_clusters), np.float64)
    norms = zeroed(np.empty(n_clusters, np.float64))
    # Feature-major: the writes run along centers_t's rows, and each norm still sums its
    # features in order. Centre-major wrote it with a stride of k entries, one pass per centre
    # (k = 20, 50,000 features: 3.7 ms against 0.8 ms; once per pass and thread).
    for f in range(n_features):
        for j in range(n_clusters):
            c = np.float64(centers[j, f])
            centers_t[f, j] = c
            norms[j] += c * c
    return centers_t, norms


@jit_inline
def sq_norm(point):
    """``||point||^2`` in float64."""
    acc = 0.0
    for f in range(point.shape[0]):
        acc += np.float64(point[f]) * np.float64(point[f])
    return acc


@jit_inline
def sq_distances_to_centers(data, indices, start, end, centers_t, norms, dist):
    """``dist[j] = ||x - c_j||^2`` for the row ``data[start:end]``, float64, clamped at 0."""
    n_clusters = centers_t.shape[1]
    for j in range(n_clusters):
        dist[j] = norms[j]
    for p in range(start, end):
        x = np.float64(data[p])
        f = indices[p]
        for j in range(n_clusters):
            c = centers_t[f, j]
            diff = x - c
            dist[j] += diff * diff - c * c
    for j in range(n_clusters):
        dist[j] = max(dist[j], 0.0)


@jit_inline
def sq_distance_to_point(data, indices, start, end, point, point_norm):
    """``||x - point||^2`` for the row ``data[start:end]`` and a dense point, float64."""
    acc = point_norm
    for p in range(start, end):
        x = np.float64(data[p])
        c = np.float64(point[indices[p]])
        diff = x - c
        acc += diff * diff - c * c
    return max(acc, 0.0)


@jit_inline
def sq_error_bound(data, start, end, n_features, max_norm):
    """A bound on the absolute rounding error of the row's computed squared distances.

    Every term is bounded by ``2 x_f^2 + 3 c_f^2``, and ``||c||^2`` (``d`` terms) by
    ``max_norm``; a sum of ``m`` terms is within ``m * eps`` of its value relative to the sum
    of their magnitudes. Factor 2 to spare.
    """
    x_norm = 0.0
    for p in range(start, end):
        x = np.float64(data[p])
        x_norm += x * x
    n_terms = n_features + (end - start) + 8
    return 2.0 * n_terms * FLOAT64_EPS * (2.0 * x_norm + 4.0 * max_norm)


@jit_inline
def add_row_to_cluster(data, indices, start, end, w, a, sums, weights):
    """``weights[a] += w`` and ``sums[a] += w * x`` over the row's non-zeros."""
    weights[a] += w
    for p in range(start, end):
        sums[a, indices[p]] += w * data[p]


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def lloyd_step(
    data,
    indices,
    indptr,  # IN CSR rows  # fmt: skip
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    centers,  # IN (k, d), the data's dtype
    bounds,  # IN (n_blocks + 1,) int64
    labels,  # IN/OUT (n,) int32
    block_sums,  # OUT (n_blocks, k, d) float64
    block_weights,  # OUT (n_blocks, k) float64
    block_cost,  # OUT (n_blocks,) float64
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Sparse twin of :func:`.lloyd.lloyd_step`; returns the number of labels that changed."""
    centers_t, norms = transposed_centers(centers)
    total_changed = 0
    for b in range(loop_start, loop_stop):
        dist = np.empty(centers.shape[0], np.float64)
        sums, weights = cleared_slots(block_sums, block_weights, b)
        cost = 0.0
        changed = 0
        for i in range(bounds[b], bounds[b + 1]):
            start, end = indptr[i], indptr[i + 1]
            sq_distances_to_centers(data, indices, start, end, centers_t, norms, dist)
            best, best_dist, _ = smallest_two(dist)
            if labels[i] != best:
                labels[i] = best
                changed += 1
            w = weight_of(sample_weight, unit_weights, i)
            add_row_to_cluster(data, indices, start, end, w, np.uint32(best), sums, weights)
            cost += w * best_dist
        block_cost[b] = cost
        total_changed += changed
    return total_changed


# Rows per iteration of nearest_with_distances's loop, and clusters per iteration of
# cluster_sums's: fixed, so that the work splits the same way whatever the threads.
CHUNK_ROWS = 256
CHUNK_CLUSTERS = 4


@jit_parallel(extent=lambda indptr, **_: -(-(indptr.shape[0] - 1) // CHUNK_ROWS))
def nearest_with_distances(
    data, indices, indptr, centers, labels, nearest_sq, loop_start, loop_stop
):  # fmt: skip
    """The first half of :func:`lloyd_step` split in two (see
    :func:`fastkmeans._layout.sparse_lloyd_step`): each row's nearest centre into ``labels``
    (returns the number that changed), its squared distance (float64) into ``nearest_sq``."""
    n_rows = indptr.shape[0] - 1
    centers_t, norms = transposed_centers(centers)
    dist = np.empty(centers.shape[0], np.float64)
    changed = 0
    for c in range(loop_start, loop_stop):
        for i in range(c * CHUNK_ROWS, min(n_rows, (c + 1) * CHUNK_ROWS)):
            sq_distances_to_centers(data, indices, indptr[i], indptr[i + 1], centers_t, norms, dist)
            best, best_dist, _ = smallest_two(dist)
            if labels[i] != best:
                labels[i] = best
                changed += 1
            nearest_sq[i] = best_dist
    return changed


@jit_parallel(extent=lambda sums, **_: -(-sums.shape[0] // CHUNK_CLUSTERS))
def cluster_sums(
    data, indices, indptr, sample_weight, unit_weights, labels, sums, weights, loop_start,
    loop_stop,
):  # fmt: skip
    """The second half: ``sums`` (k, d) and ``weights`` (k,) of each cluster's rows, summed
    in row order as :func:`lloyd_step` sums one block. Iteration ``c`` sums clusters
    ``c * CHUNK_CLUSTERS`` onwards, reading every row's label and the non-zeros of its own
    rows."""
    n_rows = indptr.shape[0] - 1
    n_clusters = sums.shape[0]
    for c in range(loop_start, loop_stop):
        first = c * CHUNK_CLUSTERS
        stop = min(n_clusters, first + CHUNK_CLUSTERS)
        for j in range(first, stop):
            weights[j] = 0.0
            for f in range(sums.shape[1]):
                sums[j, f] = 0.0
        for i in range(n_rows):
            a = labels[i]
            if first <= a < stop:
                w = weight_of(sample_weight, unit_weights, i)
                add_row_to_cluster(data, indices, indptr[i], indptr[i + 1], w, a, sums, weights)


@jit_ordered
def ordered_cost(sample_weight, unit_weights, nearest_sq):
    """``sum w d^2`` over the rows in order, as :func:`lloyd_step` sums one block's cost."""
    total = 0.0
    for i in range(nearest_sq.shape[0]):
        total += weight_of(sample_weight, unit_weights, i) * nearest_sq[i]
    return total


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def labels_and_cost(
    data,
    indices,
    indptr,  # IN CSR rows  # fmt: skip
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    centers,  # IN (k, d)
    bounds,  # IN (n_blocks + 1,) int64
    labels,  # OUT (n,) int32, or (0,): cost only
    block_cost,  # OUT (n_blocks,) float64
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Sparse twin of :func:`.lloyd.labels_and_cost`."""
    centers_t, norms = transposed_centers(centers)
    write_labels = labels.shape[0] > 0
    for b in range(loop_start, loop_stop):
        dist = np.empty(centers.shape[0], np.float64)
        cost = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            sq_distances_to_centers(data, indices, indptr[i], indptr[i + 1], centers_t, norms, dist)
            best, best_dist, _ = smallest_two(dist)
            if write_labels:
                labels[i] = best
            cost += weight_of(sample_weight, unit_weights, i) * best_dist
        block_cost[b] = cost


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def hamerly_step(
    data,
    indices,
    indptr,  # IN CSR rows  # fmt: skip
    sample_weight,
    unit_weights,
    centers,
    bounds,  # IN, as in .hamerly  # fmt: skip
    labels,  # IN/OUT (n,) int32
    upper,
    lower,  # IN/OUT (n,) *PointBounds  # fmt: skip
    cum_shift,
    cum_max_shift,
    half_separation,  # IN *CentreMotion  # fmt: skip
    margin,
    round_eps,  # IN *BoundSlack  # fmt: skip
    first,  # IN bool
    block_sums,
    block_weights,  # OUT (n_blocks, k, d), (n_blocks, k) float64  # fmt: skip
    block_scanned,  # OUT (n_blocks,) int64
    loop_start,  # IN int: this call runs iterations loop_start <= i < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Sparse twin of :func:`.hamerly.hamerly_step` (see its module for the bounds).

    A point is skipped only if ``U^2 + 2 delta < Z^2``, ``delta`` the bound of
    :func:`sq_error_bound` on the error of its computed squared distances: Lloyd's computed
    distance to its centre is then below its computed distance to every other, so the label is
    the one the plain pass gives. Stored bounds include ``delta`` (outwards).
    """
    n_clusters, n_features = centers.shape
    centers_t, norms = transposed_centers(centers)
    max_norm = 0.0
    largest_shift = 0.0
    for j in range(n_clusters):  # loops, not .max(): an overload less to compile
        max_norm = max(max_norm, norms[j])
        largest_shift = max(largest_shift, cum_shift[j])
    slack_sum = 8.0 * FLOAT64_EPS * (largest_shift + cum_max_shift)
    grow = 1.0 + margin
    shrink = 1.0 - margin
    total_changed = 0
    for b in range(loop_start, loop_stop):
        dist = np.empty(n_clusters, np.float64)
        sums, weights = cleared_slots(block_sums, block_weights, b)
        changed = 0
        scanned = 0
        for i in range(bounds[b], bounds[b + 1]):
            start, end = indptr[i], indptr[i + 1]
            delta = sq_error_bound(data, start, end, n_features, max_norm)
            a = np.uint32(labels[i])
            scan = first
            if not first:
                u = (upper[i] + cum_shift[a]) * grow
                z = max(max(lower[i] - cum_max_shift, half_separation[a]) * shrink - slack_sum, 0.0)
                if not u * u + 2.0 * delta < z * z:
                    d_a = sq_distance_to_point(data, indices, start, end, centers[a], norms[a])
                    u = np.sqrt(d_a + delta)
                    scan = not (u * grow) ** 2 + 2.0 * delta < z * z
                    if not scan:
                        upper[i] = u - cum_shift[a] + (u + cum_shift[a]) * round_eps
            if scan:
                scanned += 1
                sq_distances_to_centers(data, indices, start, end, centers_t, norms, dist)
                best, best_dist, second_dist = smallest_two(dist)
                u = np.sqrt(best_dist + delta)
                l_bound = np.sqrt(max(second_dist - delta, 0.0))
                upper[i] = u - cum_shift[best] + (u + cum_shift[best]) * round_eps
                lower[i] = (l_bound + cum_max_shift) * (1.0 - round_eps)
                if best != a:
                    labels[i] = best
                    changed += 1
                a = np.uint32(best)
            w = weight_of(sample_weight, unit_weights, i)
            add_row_to_cluster(data, indices, start, end, w, a, sums, weights)
        total_changed += changed
        block_scanned[b] = scanned
    return total_changed


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def weighted_sums(
    data, indices, indptr, sample_weight, unit_weights, bounds, block_sums, loop_start, loop_stop
):
    """Sparse twin of :func:`.moments.weighted_sums`: per-block ``sum w x`` (n_blocks, d)."""
    for b in range(loop_start, loop_stop):
        acc = block_sums[b]
        acc[:] = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            w = weight_of(sample_weight, unit_weights, i)
            for p in range(indptr[i], indptr[i + 1]):
                acc[indices[p]] += w * data[p]


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def weighted_sq_deviations(
    data,
    indices,
    indptr,
    sample_weight,
    unit_weights,
    mean,
    bounds,
    block_sums,
    loop_start,
    loop_stop,
):
    """Sparse twin of :func:`.moments.weighted_sq_deviations`: ``sum w ||x - mean||^2``."""
    mean_norm = sq_norm(mean)
    for b in range(loop_start, loop_stop):
        acc = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            sq = sq_distance_to_point(data, indices, indptr[i], indptr[i + 1], mean, mean_norm)
            acc += weight_of(sample_weight, unit_weights, i) * sq
        block_sums[b] = acc


@jit_parallel(extent=lambda indptr, **_: indptr.shape[0] - 1)
def center_distances(data, indices, indptr, centers, out, loop_start, loop_stop):
    """Sparse twin of :func:`.distances.center_distances` (Euclidean, X's dtype)."""
    centers_t, norms = transposed_centers(centers)
    for i in range(loop_start, loop_stop):
        dist = np.empty(centers.shape[0], np.float64)
        sq_distances_to_centers(data, indices, indptr[i], indptr[i + 1], centers_t, norms, dist)
        for j in range(centers.shape[0]):
            out[i, j] = np.sqrt(dist[j])


@jit_parallel(extent=lambda indptr, **_: indptr.shape[0] - 1)
def assigned_sq_distances(data, indices, indptr, centers, labels, out, loop_start, loop_stop):
    """Sparse twin of :func:`.distances.assigned_sq_distances` (float64)."""
    _, norms = transposed_centers(centers)
    for i in range(loop_start, loop_stop):
        a = labels[i]
        out[i] = sq_distance_to_point(data, indices, indptr[i], indptr[i + 1], centers[a], norms[a])


@jit
def rows_equal_to(data, indices, indptr, point, out):
    """``out[i]``: whether row ``i`` equals the dense ``point`` (explicit zeros count as 0)."""
    point_nnz = 0
    for f in range(point.shape[0]):
        if point[f] != 0:
            point_nnz += 1
    for i in range(indptr.shape[0] - 1):
        same = True
        nnz = 0
        for p in range(indptr[i], indptr[i + 1]):
            if data[p] != point[indices[p]]:
                same = False
                break
            if data[p] != 0:
                nnz += 1
        out[i] = same and nnz == point_nnz


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def fold_and_score(
    data, indices, indptr, sample_weight, unit_weights, point_rows, bounds, closest,
    block_scores, loop_start, loop_stop,
):  # fmt: skip
    """Sparse twin of :func:`.seeding.fold_and_score`, whose pending centre and candidates are
    rows of X: ``point_rows[0]`` the pending centre, ``point_rows[1:]`` the candidates.

    Rows of X, they stay sparse: the features of their union get slots 1, 2, ... in a compact
    table (slot, point); slot 0, every other feature's, holds zeros. Laid out as a dense
    (d, t + 1) table instead, the points cost ``O(d t)`` per pass and thread to write, and a
    row's non-zeros read it at random, mostly outside the cache: k-means++ with k = 100 on
    2,000 x 100,000 TF-IDF-like rows took 0.82 s against 0.20 s for scikit-learn (0.13 s now,
    with the seeding's smaller sparse blocks).
    """
    n_points = point_rows.shape[0]
    n_candidates = n_points - 1
    # Slots for the features up to the largest in the points (every index read: the table is
    # written through them, so no reliance on their order).
    span = 0
    for r in range(n_points):
        row = point_rows[r]
        for p in range(indptr[row], indptr[row + 1]):
            span = max(span, indices[p] + 1)
    slot_of = np.empty(span, np.int32)
    for f in range(span):
        slot_of[f] = 0
    n_slots = 1
    for r in range(n_points):
        row = point_rows[r]
        for p in range(indptr[row], indptr[row + 1]):
            if slot_of[indices[p]] == 0:
                slot_of[indices[p]] = n_slots
                n_slots += 1
    table = np.empty((n_slots, n_points), np.float64)
    for s in range(n_slots):
        for r in range(n_points):
            table[s, r] = 0.0
    norms = zeroed(np.empty(n_points, np.float64))
    for r in range(n_points):
        row = point_rows[r]
        for p in range(indptr[row], indptr[row + 1]):
            c = np.float64(data[p])
            table[slot_of[indices[p]], r] = c
            norms[r] += c * c
    # Where the points' features are a good part of all (here 1/8 or more of those up to the
    # largest), a row's non-zero often has a slot, and the branch mispredicts: every non-zero
    # then reads the table, those without a slot its row of zeros (k-means++, k = 100, on
    # 50,000 x 2,000 rows 5% dense: 1.24 s against 1.55 s). Decided once per pass from the
    # points, so every row, in any slice, takes the same arithmetic.
    read_slot_zero = 8 * n_slots > span
    for b in range(loop_start, loop_stop):
        scores = zeroed(np.empty(n_candidates, np.float64))
        dist = np.empty(n_points, np.float64)
        for i in range(bounds[b], bounds[b + 1]):
            for r in range(n_points):
                dist[r] = norms[r]
            if read_slot_zero:
                for p in range(indptr[i], indptr[i + 1]):
                    x = np.float64(data[p])
                    s = slot_of[indices[p]] if indices[p] < span else 0
                    for r in range(n_points):
                        c = table[s, r]
                        diff = x - c
                        dist[r] += diff * diff - c * c
            else:
                for p in range(indptr[i], indptr[i + 1]):
                    x = np.float64(data[p])
                    s = slot_of[indices[p]] if indices[p] < span else 0
                    if s > 0:
                        for r in range(n_points):
                            c = table[s, r]
                            diff = x - c
                            dist[r] += diff * diff - c * c
                    else:
                        x_sq = x * x
                        for r in range(n_points):
                            dist[r] += x_sq
            d_pending = max(dist[0], 0.0)
            if d_pending < closest[i]:
                closest[i] = d_pending
            # As stored (in X's dtype): locate_in_blocks then sees the masses summed here.
            near = np.float64(closest[i])
            w = weight_of(sample_weight, unit_weights, i)
            for t in range(n_candidates):
                scores[t] += w * min(near, max(dist[t + 1], 0.0))
        for slot in range(scores.shape[0]):  # a loop, not a slice assignment (compile time)
            block_scores[b, slot] = scores[slot]


@jit
def locate_in_blocks(
    data, indices, indptr, sample_weight, unit_weights, closest, pending, bounds,
    block_potential, targets,
):  # fmt: skip
    """Sparse twin of :func:`.seeding.locate_in_blocks` (same draws, same fallbacks)."""
    n_blocks = bounds.shape[0] - 1
    pending_norm = sq_norm(pending)
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
            d = sq_distance_to_point(data, indices, indptr[i], indptr[i + 1], pending, pending_norm)
            mass = min(np.float64(closest[i]), d) * weight_of(sample_weight, unit_weights, i)
            if mass > 0.0:
                last_positive = i
                running += mass
                if running > local_target:
                    chosen = i
                    break
        if chosen < 0:
            chosen = last_positive
        if chosen < 0:
            for i in range(bounds[b] - 1, -1, -1):
                d = sq_distance_to_point(
                    data, indices, indptr[i], indptr[i + 1], pending, pending_norm
                )
                if weight_of(sample_weight, unit_weights, i) > 0.0 and min(closest[i], d) > 0.0:
                    chosen = i
                    break
        out[t] = chosen
    return out
