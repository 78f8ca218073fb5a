"""Kernels of the filtered nearest-centre search for wide rows (see :mod:`fastkmeans._wide_rows`).

A matrix product, computed outside by BLAS, gives each row's approximate squared distances by
the norm expansion ``|x|^2 - 2 <x, c> + |c|^2`` on shifted data. These kernels bound its error
rigorously, keep as candidates only the centres the bound cannot rule out, and decide among
them with :func:`exact_sq_distance`. Labels and distances therefore do not depend on how BLAS
rounded (its blocking, its threads): they are those of the exact distances.
"""

import numba
import numpy as np

from ._config import ERROR_MODEL, jit_inline, jit_parallel, jit_shared
from ._small import FLOAT64_EPS
from .partials import add_to_cluster, weight_of

# Rows per tile of the candidate scan: each tile's running minima (12 bytes a row) stay in L1
# while every centre's products pass over them. Measured on one thread, a chunk of 496 rows and
# k = 1024 in L2 (best of 7, two runs each), G products scanned per second: 64 / 256 / 512 rows
# 4.1 / 4.6-5.1 / 5.5-5.7 taking one centre at a time, 4.3-4.7 / 5.4-6.0 / 5.5-6.2 four at a
# time. In a fit (10 iterations, same bits, 1,000,000 x 32, k = 1024), decide_nearest took
# 0.82-0.95 s of the two threads' time against 1.12-1.27 s; the whole fit's 2.4-2.6 s against
# 2.5-2.8 s, within what it varies from one process to the next.
SCAN_ROWS = 512


# Compiled without reassociation, so LLVM may not reorder the sum (``reassoc`` would let it pick
# another order at each call site): eight running sums in a fixed order, then a fixed tree. Every
# label decision calls it from one kernel (decide_nearest); the tests check its distances against
# this function called alone, bit for bit. The flags are explicit: Numba hands a caller's
# fast-math flags to a callee that sets none, so the compiled code (cached, one per signature)
# depended on which came first, a kernel or a call from Python, and Lloyd's and Hamerly's
# inertias could differ in their last bits. ``contract`` (multiply-adds fused) rather than no
# flag at all: the candidates' search then ran at 0.99-1.03x its time before the fix against
# 0.98-1.06x (filtered_nearest on 200,000 x 128 k=256, 100,000 x 768 k=64, 1,000,000 x 32
# k=1024, one process, medians of 7).
@numba.njit(cache=True, nogil=True, error_model=ERROR_MODEL, fastmath={"contract"})
def exact_sq_distance(X, i, centers, j):
    """``sum_f (X[i, f] - centers[j, f])^2`` in X's dtype, summed in eight stripes of features
    (feature f into stripe f mod 8) and the stripes added pairwise; relative error at most
    ``(d / 8 + 5) eps``."""
    n_features = X.shape[1]
    zero = X[i, 0] - X[i, 0]
    s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = zero
    main = n_features - n_features % 8
    # Unsigned indices: with no negative-index wraparound to check, the eight loads of a
    # step are contiguous and LLVM packs the stripes into one vector.
    row = np.uint64(i)
    centre = np.uint64(j)
    for f in range(0, main, 8):
        f0 = np.uint64(f)
        t0 = X[row, f0] - centers[centre, f0]
        t1 = X[row, f0 + 1] - centers[centre, f0 + 1]
        t2 = X[row, f0 + 2] - centers[centre, f0 + 2]
        t3 = X[row, f0 + 3] - centers[centre, f0 + 3]
        t4 = X[row, f0 + 4] - centers[centre, f0 + 4]
        t5 = X[row, f0 + 5] - centers[centre, f0 + 5]
        t6 = X[row, f0 + 6] - centers[centre, f0 + 6]
        t7 = X[row, f0 + 7] - centers[centre, f0 + 7]
        s0 += t0 * t0
        s1 += t1 * t1
        s2 += t2 * t2
        s3 += t3 * t3
        s4 += t4 * t4
        s5 += t5 * t5
        s6 += t6 * t6
        s7 += t7 * t7
    for f in range(main, n_features):
        t0 = X[i, f] - centers[j, f]
        s0 += t0 * t0
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))


@jit_parallel(extent=lambda rows, **_: rows.shape[0])
def shifted_rows(
    X,  # IN (n, d)
    rows,  # IN (m,) int64: the rows to gather
    shift,  # IN (d,) X's dtype
    out,  # OUT (>= m, d) X's dtype: out[r] = X[rows[r]] - shift, rounded once
    sq_norms,  # OUT (>= m,) float64: |out[r]|^2
    loop_start,  # IN int: this call runs iterations loop_start <= r < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Gather rows, shifted, and their squared norms (the left operand of the product)."""
    for r in range(loop_start, loop_stop):
        i = rows[r]
        acc = 0.0
        for f in range(X.shape[1]):
            value = X[i, f] - shift[f]
            out[r, f] = value
            acc += np.float64(value) * np.float64(value)
        sq_norms[r] = acc


@jit_shared
def smallest_two_expansions(products, start, n_rows, center_sq_norms, best, smallest, second):
    """For the rows ``start + r``, ``r < n_rows``: the smallest ``|c_j|^2 - 2 <x, c_j>`` over
    the centres (``smallest[r]``, at centre ``best[r]``, ties to the lowest index) and the
    second smallest (``second[r]``), in X's dtype.

    Centres outside, rows inside, so that each row's running minima sit in a vector lane. A
    separate function, so that its scratch arrays arrive as ``noalias`` arguments, and indexed
    unsigned (no negative-index wraparound): without either, LLVM left the loop scalar (measured
    2.2x slower). Four centres per pass over the rows, in index order, so the minima are loaded
    and stored once per four centres (the same comparisons in the same order as one at a time).
    """
    for r in range(n_rows):
        best[r] = 0
        smallest[r] = np.inf
        second[r] = np.inf
    n_clusters = center_sq_norms.shape[0]
    main = n_clusters - n_clusters % 4
    for j in range(0, main, 4):
        for r in range(n_rows):
            col = np.uint64(start + r)
            s1, s2, b = smallest[r], second[r], best[r]
            for q in range(4):  # unrolled by LLVM (a constant trip count)
                g = products[j + q, col]
                s1, s2, b = _fold(center_sq_norms[j + q] - (g + g), np.int32(j + q), s1, s2, b)
            smallest[r], second[r], best[r] = s1, s2, b
    for j in range(main, n_clusters):
        for r in range(n_rows):
            g = products[j, np.uint64(start + r)]
            kept = _fold(center_sq_norms[j] - (g + g), np.int32(j), smallest[r], second[r], best[r])
            smallest[r], second[r], best[r] = kept


@jit_inline
def _fold(a, j, s1, s2, b):
    """A row's (smallest, second smallest, at which centre) after centre ``j``'s expansion
    ``a`` (in X's dtype: ``2 * g`` would be float64, hence ``g + g`` above); a tie keeps the
    earlier centre, and its value becomes the second smallest."""
    closer = a < s1
    return (a if closer else s1), (s1 if closer else (a if a < s2 else s2)), (j if closer else b)


@jit_parallel(extent=lambda rows, **_: rows.shape[0])
def decide_nearest(
    X,  # IN (n, d)
    rows,  # IN (m,) int64: the rows searched
    centers,  # IN (k, d) X's dtype
    products,  # IN (k, >= m) X's dtype: <shifted centre j, shifted row r>, any rounding
    center_sq_norms,  # IN (k,) X's dtype: |shifted centre j|^2
    row_sq_norms,  # IN (>= m,) float64: |shifted row r|^2
    max_center_norm,  # IN float: max_j |shifted centre j|
    kappa,  # IN float: error of the expansion, relative to (|x| + max |c|)^2
    eta,  # IN float: relative error of exact_sq_distance
    nearest,  # OUT (>= m,) int32: the centre of smallest exact distance (ties: lowest index)
    nearest_sq,  # OUT (>= m,) X's dtype, or float64 with upper_bounds: that exact distance
    others_sq,  # OUT (>= m,) float64: a lower bound on the squared distance to every other
    upper_bounds,  # IN bool: nearest_sq gets an upper bound on that distance where one centre
    # is a candidate (the distance itself where several are)
    loop_start,  # IN int: this call runs iterations loop_start <= r < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Nearest centres of the rows, from their products with the centres.

    For row x and centre c, the expansion ``A_c`` differs from the true squared distance
    ``D_c`` by at most ``E = kappa (|x| + max |c|)^2`` and the exact distance ``D^_c`` from
    ``D_c`` by a relative ``eta``. The centre of smallest ``D^`` thus has
    ``A_c <= T = (min A + E)(1 + 3 eta) + E``; only the centres under T are computed exactly,
    which is one centre for almost every row. Centres above T are farther than ``T - E``.

    With ``upper_bounds``, a row with one candidate gets ``(min A + E)(1 + 3 eta)``, which
    bounds both its true and its exact distance, instead of the exact distance: the row is not
    read again (Hamerly's bounds need no more; measured on 100,000 x 768, k = 64, the exact
    distance took half of this kernel's time).
    """
    n_clusters = centers.shape[0]
    best = np.empty(SCAN_ROWS, np.int32)
    smallest = np.empty(SCAN_ROWS, centers.dtype)
    second = np.empty(SCAN_ROWS, centers.dtype)
    widen = 1.0 + 3.0 * eta
    for start in range(loop_start, loop_stop, SCAN_ROWS):
        n_rows = min(SCAN_ROWS, loop_stop - start)
        smallest_two_expansions(products, start, n_rows, center_sq_norms, best, smallest, second)
        for r in range(n_rows):
            row = start + r
            i = rows[row]
            x_sq = row_sq_norms[row]
            reach = np.sqrt(x_sq) + max_center_norm
            error = kappa * reach * reach
            # Float64 from here, rounded outwards by the last factor.
            threshold = ((x_sq + np.float64(smallest[r]) + error) * widen + error) * (1 + 1e-12)
            runner_up = x_sq + np.float64(second[r])
            if runner_up > threshold:
                j = best[r]
                nearest[row] = j
                if upper_bounds:
                    # |A - D| <= E, and the exact distance is within 3 eta of D.
                    nearest_sq[row] = (x_sq + np.float64(smallest[r]) + error) * widen * (1 + 1e-12)
                else:
                    nearest_sq[row] = exact_sq_distance(X, i, centers, j)
                others_sq[row] = max(runner_up - error, 0.0) * (1 - 1e-12)
                continue
            # Several candidates: the exact distances decide, in index order (ties: lowest).
            j_best = -1
            d_best = np.inf
            d_second = np.inf
            beyond = np.inf
            for j in range(n_clusters):
                g = products[j, row]
                a = x_sq + np.float64(center_sq_norms[j] - (g + g))
                if a <= threshold:
                    d = exact_sq_distance(X, i, centers, j)
                    if d < d_best:
                        d_second = d_best
                        d_best = d
                        j_best = j
                    else:
                        d_second = min(d_second, d)
                else:
                    beyond = min(beyond, a)
            nearest[row] = j_best
            nearest_sq[row] = d_best
            others_sq[row] = max(min(np.float64(d_second) * (1 - 2 * eta), beyond - error), 0.0) * (
                1 - 1e-12
            )


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1, ordered=True)
def accumulate_blocks(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    bounds,  # IN (n_blocks + 1,) int64
    labels,  # IN (n,) int32
    accumulated,  # IN/OUT (n,) int32: the labels the slots hold (-1: none), or (0,)
    sq_distances,  # IN (n,) X's dtype: each row's squared distance to its centre, or (0,)
    block_sums,  # IN/OUT (n_blocks, k, d) float64, or (0, 0, 0): no sums
    block_weights,  # IN/OUT (n_blocks, k) float64, or (0, 0)
    block_cost,  # OUT (n_blocks,) float64, written when sq_distances is given
    loop_start,  # IN int: this call runs iterations loop_start <= b < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Per-block sums, weights and cost of labelled rows, in row order (as a Lloyd step
    accumulates them, so the same labels give the same bits).

    With ``accumulated`` (the labels the sums and weights were last accumulated from, which
    this call sets to ``labels``), only the slots of clusters that a row of the block joined or
    left since are summed again, from zero over the block's rows of that cluster in row order:
    the bits of a full pass, reading only those rows of X. A block with a row of label -1 in
    ``accumulated`` is summed whole. Without it every slot is summed.

    Compiled without ``reassoc``: the cost adds its terms in row order, so the labelling pass
    (``score``, :func:`fastkmeans.cost`) gives the same float64 as the step's inertia on the
    same rows, and as Hamerly's :func:`assigned_cost`.
    """
    with_sums = block_sums.shape[0] > 0
    with_cost = sq_distances.shape[0] > 0
    carried = accumulated.shape[0] > 0
    n_clusters = block_weights.shape[1]
    for b in range(loop_start, loop_stop):
        if with_sums:
            stale = np.empty(n_clusters, np.bool_)
            everything = not carried
            for j in range(n_clusters):
                stale[j] = everything
            if carried:
                for i in range(bounds[b], bounds[b + 1]):
                    was = accumulated[i]
                    if was != labels[i]:
                        if was < 0:
                            everything = True
                            break
                        stale[was] = True
                        stale[labels[i]] = True
                if everything:
                    for j in range(n_clusters):
                        stale[j] = True
            sums = block_sums[b]
            weights = block_weights[b]
            for j in range(n_clusters):
                if stale[j]:
                    weights[j] = 0.0
                    for f in range(X.shape[1]):
                        sums[j, f] = 0.0
            for i in range(bounds[b], bounds[b + 1]):
                # Unsigned: indexing by it needs no negative-index wraparound.
                a = np.uint32(labels[i])
                if stale[a]:
                    w = weight_of(sample_weight, unit_weights, i)
                    add_to_cluster(X, i, w, a, sums, weights)
            if carried:
                for i in range(bounds[b], bounds[b + 1]):
                    accumulated[i] = labels[i]
        if with_cost:
            cost = 0.0
            for i in range(bounds[b], bounds[b + 1]):
                cost += weight_of(sample_weight, unit_weights, i) * sq_distances[i]
            block_cost[b] = cost


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def assigned_cost(
    X,  # IN (n, d)
    sample_weight,  # IN (n,) float64, or (0,) with unit_weights
    unit_weights,  # IN bool
    centers,  # IN (k, d), X's dtype
    bounds,  # IN (n_blocks + 1,) int64
    labels,  # IN (n,) int32
    block_cost,  # OUT (n_blocks,) float64
    loop_start,  # IN int: this call runs iterations loop_start <= b < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Per-block weighted cost of labelled rows, from the exact distances the search uses."""
    for b in range(loop_start, loop_stop):
        cost = 0.0
        for i in range(bounds[b], bounds[b + 1]):
            w = weight_of(sample_weight, unit_weights, i)
            cost += w * exact_sq_distance(X, i, centers, labels[i])
        block_cost[b] = cost


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def hamerly_select(
    X,  # IN (n, d)
    centers,  # IN (k, d), X's dtype
    bounds,  # IN (n_blocks + 1,) int64
    labels,  # IN (n,) int32
    upper,  # IN/OUT (n,) U: tightened where the exact distance suffices
    lower,  # IN (n,) L
    cum_shift,  # IN (k,) float64 S_j
    cum_max_shift,  # IN float M
    half_separation,  # IN (k,) float64 s(j)
    margin,  # IN float
    round_eps,  # IN float
    tighten,  # IN bool: whether a row the bounds do not settle gets its exact upper bound
    scan,  # OUT (n,) bool: rows whose bounds do not prove they stay
    block_scanned,  # OUT (n_blocks,) int64
    loop_start,  # IN int: this call runs iterations loop_start <= b < loop_stop of
    loop_stop,  # IN int: the parallel loop (see _config.jit_parallel)
):
    """Hamerly's bound test (see :mod:`fastkmeans._kernels.hamerly`) without the search: marks
    the rows that need one. Without ``tighten``, a row the stored bounds do not settle is
    marked at once (its search gives it fresh bounds)."""
    largest_shift = 0.0
    for j in range(centers.shape[0]):
        largest_shift = max(largest_shift, cum_shift[j])
    slack_sum = 8.0 * FLOAT64_EPS * (largest_shift + cum_max_shift)
    grow = 1.0 + margin
    shrink = 1.0 - margin
    for b in range(loop_start, loop_stop):
        scanned = 0
        for i in range(bounds[b], bounds[b + 1]):
            a = np.uint32(labels[i])
            u = upper[i] + cum_shift[a]
            z = max(lower[i] - cum_max_shift, half_separation[a]) * shrink - slack_sum
            needs = not u * grow < z
            if needs and tighten:
                u = np.sqrt(np.float64(exact_sq_distance(X, i, centers, a)))
                needs = not u * grow < z
                if not needs:
                    upper[i] = u - cum_shift[a] + (u + cum_shift[a]) * round_eps
            scan[i] = needs
            scanned += needs
        block_scanned[b] = scanned
