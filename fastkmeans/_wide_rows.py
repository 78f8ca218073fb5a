"""Dense step functions: the exact kernels, or a filtered search where rows are wide.

Rows of more than :data:`~fastkmeans._kernels.distances.NARROW_MAX_FEATURES` features, with at
least PRODUCT_SEARCH_MIN_WORK terms per row's search (k d; half as many on rows of more than
PRODUCT_SEARCH_WIDE_FEATURES), are searched in chunks. A matrix
product (numpy's, so BLAS at its full speed) of the shifted chunk with the shifted centres gives
every approximate squared distance; a kernel bounds the product's rounding rigorously and
computes the exact distance only to the centres the bound cannot rule out (one, for almost
every row). See :func:`fastkmeans._kernels.wide_rows.decide_nearest`.

What this keeps:

- labels and distances are those of the exact distances (ties to the lowest index), whatever
  BLAS's blocking and threads did to the products;
- Lloyd's and Hamerly's steps decide every row with the same kernel and accumulate the sums in
  row order per fixed block, so their centres stay bitwise identical; Dask's chunks and the
  coreset's Lloyd update use these functions too.

The functions take the arguments of the dense step kernels (``lloyd_step``, ``labels_and_cost``,
``hamerly_step`` of :mod:`fastkmeans._kernels`), so :mod:`fastkmeans._layout` lists them in
their place. Where BLAS can be held to one thread (:mod:`fastkmeans._blas`), the chunks, product
included, are spread over fastkmeans's threads; elsewhere BLAS runs the products on its own
threads, which ``n_threads`` does not limit.
"""

from __future__ import annotations

import numpy as np

from ._blas import single_threaded_blas
from ._kernels import hamerly, lloyd
from ._kernels._config import current_threads, thread_pool, threads_for, wait_for_slices
from ._kernels.distances import NARROW_MAX_FEATURES
from ._kernels.wide_rows import (
    accumulate_blocks,
    assigned_cost,
    decide_nearest,
    hamerly_select,
    shifted_rows,
)

# Rows per chunk: a chunk's products (k x rows) and shifted rows (rows x d) take about this many
# entries (4 MiB of float32), divided among the threads that search chunks at once, so that they
# stay in cache between the product and the decision; 256 to 4096 rows. Measured on the three
# high-dimension benchmarks, one thread searching (one full search, 2^17 to 2^21 entries): this
# size was the fastest or within 5% of it, 1.4-1.6x faster than 2^17. Sizing by the products
# alone (4096 rows for k = 64, d = 768, where BLAS splits a thin product poorly) made no
# difference to a whole fit in paired runs. Two threads each searching its own chunks (10
# iterations, alternating runs, medians): 2^19 entries each took 0.91 / 0.92 / 0.99 of the time
# of 2^20 on 200,000 x 128, k = 256 / 100,000 x 768, k = 64 / 1,000,000 x 32, k = 1024; 2^18
# 0.88 / 0.90 / 1.03.
_CHUNK_ENTRIES = 1 << 20
_MIN_CHUNK_ROWS = 256
_MAX_CHUNK_ROWS = 4096
# The product search pays where a row's search is long: k d terms of at least this many, or half
# as many on rows of more than PRODUCT_SEARCH_WIDE_FEATURES features. Measured against the exact
# tiled search (distances.nearest_in_tile) once its sweeps ran over whole tiles and wide rows
# were copied into them a feature at a time: 10 iterations from the same centres, 100,000 rows,
# time of the product search / the tiled one, Gaussian blobs and uniform noise, Lloyd; Hamerly:
# - 17 to 128 features, k d = 8192-12,288 (d = 24, 32, 48, 64, 128): 0.99-1.18; 0.97-1.18,
#   never below 0.97; k d = 16,384 (d = 32, 64, 128): 0.87-1.06; 0.85-1.08; 24,576 (d = 24, 32,
#   48): 0.85-1.03; 0.82-1.00. (The first measurements, against the tiled search before those
#   two changes, put the threshold at 8192 for every width.)
# - 160 to 768 features, k d = 8192-12,288: Lloyd 1.09-1.80, but Hamerly, which algorithm="auto"
#   runs on such rows once they are many, 0.84-0.98 on blobs (1.05-1.18 on uniform noise);
#   16,384-24,576: 0.97-1.49; 0.85-1.01.
# The threshold is a function of d and k alone, so every step of a problem searches one way.
PRODUCT_SEARCH_MIN_WORK = 16384
PRODUCT_SEARCH_WIDE_FEATURES = 128
# Hamerly's bound test computes, for a row its bounds do not settle, the exact distance to the
# row's own centre (one read of the row) before searching it: that spares the search when the
# distance settles the row. With the product search, a search costs little more than that read
# unless k is large (the product runs at BLAS speed), and on the high-dimension benchmarks the
# distance spared 0-27% of the searches per iteration (mostly under 2% after the fourth). So it is
# computed only for k >= TIGHTEN_MIN_CLUSTERS. Measured, 10 iterations, time without it against
# with it (medians of 5, paired): k = 64, d = 768: 0.83; k = 128, d = 256: 0.93; k = 256,
# d = 128: 0.97 (d = 32: mixed, 0.90-1.06); k = 512, d = 64: 1.00-1.12; k = 1024, d = 32 and
# 128: 1.00-1.09. The labels and centres are the same either way.
TIGHTEN_MIN_CLUSTERS = 512
# The steps decide the rows this many at a time, so that their per-row temporaries (indices,
# decisions, bounds: up to 40 bytes a row) stay a few MiB instead of growing with n.
_PIECE_ROWS = 1 << 16


def takes_product_search(X: np.ndarray, centers: np.ndarray) -> bool:
    """Whether dense X's rows are searched through the product (else by the exact kernels):
    rows wider than a tile, and a search of at least PRODUCT_SEARCH_MIN_WORK terms per row (half
    as many on rows of more than PRODUCT_SEARCH_WIDE_FEATURES features).

    A function of d and k alone, so that every step of one problem (Lloyd, Hamerly, Dask's
    chunks, ``predict``) searches the same way.
    """
    n_clusters, n_features = centers.shape
    if n_features <= NARROW_MAX_FEATURES:
        return False
    work = n_features * n_clusters
    if n_features > PRODUCT_SEARCH_WIDE_FEATURES:
        work *= 2
    return work >= PRODUCT_SEARCH_MIN_WORK


def rows_per_chunk(n_clusters: int, n_features: int, n_workers: int = 1) -> int:
    """Rows per chunk of the filtered search with ``n_workers`` threads searching chunks at
    once (see _CHUNK_ENTRIES)."""
    entries = _CHUNK_ENTRIES // n_workers
    return min(max(entries // (n_clusters + n_features), _MIN_CHUNK_ROWS), _MAX_CHUNK_ROWS)


def _pieces(n_rows: int, marked: np.ndarray | None = None):
    """Row indices (int64) of consecutive pieces of ``range(n_rows)``: every row, or the rows
    where ``marked`` is true."""
    for start in range(0, n_rows, _PIECE_ROWS):
        stop = min(start + _PIECE_ROWS, n_rows)
        if marked is None:
            yield np.arange(start, stop)
        else:
            yield np.flatnonzero(marked[start:stop]) + start


def filtered_nearest(
    X: np.ndarray,
    centers: np.ndarray,
    rows: np.ndarray | None,
    nearest: np.ndarray,
    nearest_sq: np.ndarray,
    others_sq: np.ndarray | None = None,
    *,
    upper_bounds: bool = False,
) -> None:
    """Nearest centre of each row in ``rows`` (all rows when None), in order.

    Writes ``nearest[r]`` (int32), ``nearest_sq[r]`` (its exact squared distance, X's dtype)
    and, when given, ``others_sq[r]`` (float64, a lower bound on the squared distance to every
    other centre). ``centers`` are C-contiguous in X's dtype.

    ``upper_bounds``: ``nearest_sq`` (float64) gets an upper bound on each exact distance,
    tight to about ``(d + 16) eps (|x| + max |c|)^2``, which spares reading the rows again
    (for Hamerly's bounds; the labels are the same).
    """
    n_clusters, n_features = centers.shape
    n_rows = X.shape[0] if rows is None else rows.shape[0]
    if n_rows == 0:
        return
    eps = float(np.finfo(X.dtype).eps)
    # Shifting both sides to the centres' mean keeps |x| and |c| near the distances themselves,
    # which is what the expansion's error grows with.
    shift = centers.mean(axis=0, dtype=np.float64).astype(X.dtype)
    shifted_centers = centers - shift
    center_sq = np.einsum("ij,ij->i", shifted_centers, shifted_centers, dtype=np.float64)
    max_center_norm = float(np.sqrt(center_sq.max()))
    center_sq_scan = center_sq.astype(X.dtype)  # the candidate scan runs in X's dtype
    # The expansion's error, relative to (|x| + max |c|)^2: the product's (d u), the shift's and
    # the final subtractions' roundings (a few u), with a factor 2 to spare (u = eps / 2).
    kappa = (n_features + 16) * eps
    eta = (n_features + 4) * eps  # exact_sq_distance's relative error, with room to spare

    def search(chunk, chunk_starts):
        shifted = np.empty((chunk, n_features), dtype=X.dtype)
        row_sq = np.empty(chunk, dtype=np.float64)
        products = np.empty((n_clusters, chunk), dtype=X.dtype)
        scratch = np.empty(chunk, dtype=np.float64) if others_sq is None else None
        for start in chunk_starts:
            stop = min(start + chunk, n_rows)
            size = stop - start
            chunk_rows = np.arange(start, stop) if rows is None else rows[start:stop]
            shifted_rows(X, chunk_rows, shift, shifted, row_sq)
            out = products if size == chunk else np.empty((n_clusters, size), dtype=X.dtype)
            np.matmul(shifted_centers, shifted[:size].T, out=out)
            decide_nearest(
                *(X, chunk_rows, centers, out, center_sq_scan, row_sq),
                *(max_center_norm, kappa, eta, nearest[start:stop], nearest_sq[start:stop]),
                scratch[:size] if others_sq is None else others_sq[start:stop],
                upper_bounds,
            )

    with single_threaded_blas() as blas_on_one_thread:
        # With BLAS held to one thread, each of fastkmeans's threads searches every n-th
        # chunk, product included (see fastkmeans._blas); else BLAS's threads run the products
        # and fastkmeans's the kernels, chunk after chunk.
        n_threads = current_threads() if blas_on_one_thread else 1
        chunk = min(rows_per_chunk(n_clusters, n_features, n_threads), n_rows)
        starts = range(0, n_rows, chunk)
        n_workers = min(n_threads, len(starts))
        if n_workers == 1:
            search(chunk, starts)
            return

        def search_on_one_thread(chunk_starts):
            with threads_for(1):
                search(chunk, chunk_starts)

        pool = thread_pool()
        futures = [
            pool.submit(search_on_one_thread, starts[t::n_workers]) for t in range(1, n_workers)
        ]
        try:
            search_on_one_thread(starts[0::n_workers])
        finally:  # never return (or raise) while a chunk still writes into the outputs
            wait_for_slices(futures)
        for future in futures:
            future.result()


_NO_SUMS = (np.empty((0, 0, 0)), np.empty((0, 0)))
_NO_LABELS = np.empty(0, dtype=np.int32)


def carried_sums(X, centers) -> np.ndarray | None:
    """For a driver that passes the same partials to every step of a run: the ``accumulated``
    array of :func:`lloyd_step` and :func:`hamerly_step` (one int32 per row, no labels yet),
    with which a step sums again only the block slots whose rows changed cluster since the
    previous step; None where the exact kernels search (they sum every row as they read it).
    """
    if isinstance(X, np.ndarray) and takes_product_search(X, centers):
        return np.full(X.shape[0], -1, dtype=np.int32)
    return None


def lloyd_step(
    X, sample_weight, unit_weights, centers, bounds, labels, block_sums, block_weights, block_cost,
    accumulated=None,
):  # fmt: skip
    """:func:`fastkmeans._kernels.lloyd.lloyd_step` for any dense X; returns the number of
    labels that changed.

    ``accumulated`` (from :func:`carried_sums`, product search only): the labels the partials
    were last summed from, kept up to date here; the partials then carry over between steps,
    and only the slots whose rows changed cluster are summed again (see
    :func:`~fastkmeans._kernels.wide_rows.accumulate_blocks`).
    """
    if not takes_product_search(X, centers):
        return lloyd.lloyd_step(
            X, sample_weight, unit_weights, centers, bounds, labels,
            block_sums, block_weights, block_cost,
        )  # fmt: skip
    nearest_sq = np.empty(X.shape[0], dtype=X.dtype)
    n_changed = 0
    for rows in _pieces(X.shape[0]):
        nearest = np.empty(rows.shape[0], dtype=np.int32)
        filtered_nearest(X, centers, rows, nearest, nearest_sq[rows[0] : rows[-1] + 1])
        n_changed += int(np.count_nonzero(labels[rows] != nearest))
        labels[rows] = nearest
    accumulate_blocks(
        X, sample_weight, unit_weights, bounds, labels, _accumulated_or_empty(accumulated),
        nearest_sq, block_sums, block_weights, block_cost,
    )  # fmt: skip
    return n_changed


def labels_and_cost(X, sample_weight, unit_weights, centers, bounds, labels, block_cost):
    """:func:`fastkmeans._kernels.lloyd.labels_and_cost` for any dense X."""
    if not takes_product_search(X, centers):
        lloyd.labels_and_cost(
            X, sample_weight, unit_weights, centers, bounds, labels, block_cost
        )  # fmt: skip
        return
    nearest = labels if labels.shape[0] > 0 else np.empty(X.shape[0], dtype=np.int32)
    nearest_sq = np.empty(X.shape[0], dtype=X.dtype)
    filtered_nearest(X, centers, None, nearest, nearest_sq)
    accumulate_blocks(
        X, sample_weight, unit_weights, bounds, nearest, _NO_LABELS, nearest_sq, *_NO_SUMS,
        block_cost,
    )  # fmt: skip


def hamerly_step(
    X, sample_weight, unit_weights, centers, bounds, labels, upper, lower,
    cum_shift, cum_max_shift, half_separation, margin, round_eps, first,
    block_sums, block_weights, block_scanned, accumulated=None,
):  # fmt: skip
    """:func:`fastkmeans._kernels.hamerly.hamerly_step` for any dense X: the bound test marks
    the rows to search, the filtered search decides them, then the sums are brought up to date
    (``accumulated``: as in :func:`lloyd_step`)."""
    if not takes_product_search(X, centers):
        return hamerly.hamerly_step(
            X, sample_weight, unit_weights, centers, bounds, labels, upper, lower,
            cum_shift, cum_max_shift, half_separation, margin, round_eps, first, True,
            block_sums, block_weights, block_scanned,
        )  # fmt: skip
    scan = None
    if first:
        block_scanned[:] = np.diff(bounds)
    else:
        scan = np.empty(X.shape[0], dtype=np.bool_)
        hamerly_select(
            X, centers, bounds, labels, upper, lower, cum_shift, cum_max_shift,
            half_separation, margin, round_eps, centers.shape[0] >= TIGHTEN_MIN_CLUSTERS,
            scan, block_scanned,
        )  # fmt: skip
    n_changed = 0
    for rows in _pieces(X.shape[0], scan):
        nearest = np.empty(rows.shape[0], dtype=np.int32)
        nearest_sq = np.empty(rows.shape[0], dtype=np.float64)
        others_sq = np.empty(rows.shape[0], dtype=np.float64)
        filtered_nearest(X, centers, rows, nearest, nearest_sq, others_sq, upper_bounds=True)
        # Stored relative to the cumulative shifts and rounded outwards, as the kernel does.
        u = np.sqrt(nearest_sq)
        shifts = cum_shift[nearest]
        upper[rows] = u - shifts + (u + shifts) * round_eps
        lower[rows] = (np.sqrt(others_sq) + cum_max_shift) * (1.0 - round_eps)
        n_changed += int(np.count_nonzero(labels[rows] != nearest))
        labels[rows] = nearest
    no_cost = np.empty(bounds.shape[0] - 1, dtype=np.float64)
    accumulate_blocks(
        X, sample_weight, unit_weights, bounds, labels, _accumulated_or_empty(accumulated),
        np.empty(0, dtype=X.dtype), block_sums, block_weights, no_cost,
    )  # fmt: skip
    return n_changed


def _accumulated_or_empty(accumulated: np.ndarray | None) -> np.ndarray:
    return _NO_LABELS if accumulated is None else accumulated


def hamerly_relabel(X, centers, bounds, labels, point_bounds, motion, slack) -> None:
    """Labels against the final centres, in place, for a Hamerly run on wide rows: the bounds
    spare most rows the search (a full labelling pass costs as much as an iteration).

    ``point_bounds`` and ``motion`` describe the centres as they are now. The labels are those
    :func:`labels_and_cost` gives.
    """
    scan = np.empty(X.shape[0], dtype=np.bool_)
    block_scanned = np.empty(bounds.shape[0] - 1, dtype=np.int64)
    hamerly_select(
        X, centers, bounds, labels, *point_bounds, *motion, *slack,
        centers.shape[0] >= TIGHTEN_MIN_CLUSTERS, scan, block_scanned,
    )  # fmt: skip
    for rows in _pieces(X.shape[0], scan):
        nearest = np.empty(rows.shape[0], dtype=np.int32)
        unused = np.empty(rows.shape[0], dtype=np.float64)
        filtered_nearest(X, centers, rows, nearest, unused, upper_bounds=True)
        labels[rows] = nearest


def assigned_inertia(X, weights, centers, bounds, labels) -> float:
    """The weighted cost of rows labelled against ``centers``, from the exact distances the
    search uses (per fixed block, in row order)."""
    block_cost = np.empty(bounds.shape[0] - 1, dtype=np.float64)
    assigned_cost(X, weights.values, weights.unit, centers, bounds, labels, block_cost)
    return float(block_cost.sum())
