"""Thread-count control, and the fixed chunking and reduction tree behind reproducible sums.

Every parallel kernel splits the rows into the same contiguous blocks whatever the number of
threads, gives each block its own float64 accumulator slot, and the driver reduces the slots in
block order. The partition depends only on the problem's shape, so the floating-point result is
bitwise identical with 1 thread or 64. Sums over chunks of data (a Dask array's chunks, a
stream of blocks) go through :func:`reduce_tree`, whose shape depends only on the number of
chunks, for the same reason.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import numba
import numpy as np

from ._kernels._config import threads_for

T = TypeVar("T")

# At least this many rows per block: below it, per-block overhead dominates.
MIN_BLOCK_ROWS = 2048
# At most this many blocks: enough to balance load over many cores, few enough that the
# per-block accumulators (blocks x k x d float64) stay small.
MAX_BLOCKS = 128
# Per-pass budget for the per-block accumulators, in float64 entries (32 MiB).
MAX_ACCUMULATOR_ENTRIES = 4 * 1024 * 1024


def block_bounds(
    n_rows: int, accumulator_entries: int = 1, min_rows: int = MIN_BLOCK_ROWS
) -> np.ndarray:
    """Return the fixed block boundaries for ``n_rows`` rows.

    Parameters
    ----------
    n_rows : int
        Number of rows to split.
    accumulator_entries : int
        float64 entries each block accumulates (e.g. ``k * (d + 1)``); bounds memory use.
    min_rows : int
        Fewest rows per block (when there are more rows than that).

    Returns
    -------
    bounds : ndarray of int64, shape (n_blocks + 1,)
        Block ``b`` covers rows ``bounds[b]:bounds[b + 1]``. Depends only on the arguments.
    """
    by_rows = -(-n_rows // min_rows)
    by_memory = max(1, MAX_ACCUMULATOR_ENTRIES // max(1, accumulator_entries))
    n_blocks = max(1, min(MAX_BLOCKS, by_rows, by_memory))
    return np.linspace(0, n_rows, n_blocks + 1).round().astype(np.int64)


# Dense problems of at most this many values (rows x max(features, 8)) run every pass on one
# thread: handing a slice to a second thread costs ~0.04-0.1 ms per pass, more than such a pass.
# Measured on 2 cores, 20 Lloyd iterations, k = 16-64: below it two threads were 1.4-3.5x
# slower (3 features: 4,096-16,384 rows; 16 features: 4,096-8,192) or level (64 features:
# 2,048 rows; 32,768 colour rows); above it, 0.97-1.4x faster. k-means++ on such data, two
# passes per centre: 1.5-4x slower on two threads (plain D² on 32,768 colour rows: 1.6x);
# on 16,384-32,768 rows of 64 features, 1.5-1.7x faster. A coreset's runs (4,096 rows) and
# its seeding sample (2^15 colour rows) are such problems.
SERIAL_MAX_VALUES = 1 << 18


def threads_for_size(X) -> int | None:
    """1 for dense data too small to share between threads (see SERIAL_MAX_VALUES), for
    :func:`thread_limit`; None (unchanged) otherwise. Results do not depend on it."""
    if isinstance(X, np.ndarray) and X.shape[0] * max(X.shape[1], 8) <= SERIAL_MAX_VALUES:
        return 1
    return None


def max_threads() -> int:
    """The number of threads Numba was started with (``NUMBA_NUM_THREADS``)."""
    return int(numba.config.NUMBA_NUM_THREADS)


@contextlib.contextmanager
def thread_limit(n_threads: int | None) -> Iterator[None]:
    """Run the enclosed block's parallel passes (those called from this Python thread) with
    ``n_threads`` threads, then restore the previous count.

    ``None`` leaves the current setting alone. The caller validates ``n_threads`` (at most
    :func:`max_threads`).
    """
    with threads_for(n_threads):
        yield


def reduce_tree(items: Iterable[T], combine: Callable[[T, T, int], T]) -> T:
    """Reduce ``items`` pairwise in a binary tree whose shape depends only on their number.

    The items are read one at a time, like the carries of a binary counter: whenever two
    partial results of the same height exist they are combined, so at most
    ``log2(n) + 1`` partial results are held at once (a stream of chunks never sits in memory
    as a whole). The partial results left at the end are combined from the last to the first.
    The left operand always covers earlier items than the right one, and the tree is the same
    for the same number of items, so a floating-point reduction gives bitwise the same result
    wherever and in whatever order the items were produced.

    Parameters
    ----------
    items : iterable
        At least one item.
    combine : callable ``(left, right, node) -> item``
        ``node`` numbers the inner nodes 0, 1, 2, ... in the order they are created (e.g. to
        give each its own random stream).

    Returns
    -------
    The root of the tree (the only item when there is one).

    Examples
    --------
    >>> reduce_tree("abcde", lambda left, right, node: f"({left}{right})")
    '(((ab)(cd))e)'
    """
    stack: list[tuple[int, T]] = []
    node = 0
    for item in items:
        height, value = 0, item
        while stack and stack[-1][0] == height:
            value = combine(stack.pop()[1], value, node)
            node += 1
            height += 1
        stack.append((height, value))
    if not stack:
        raise ValueError("reduce_tree needs at least one item, got none")
    value = stack.pop()[1]
    while stack:
        value = combine(stack.pop()[1], value, node)
        node += 1
    return value
