"""Exact colour summary: the distinct colours of an integer image, their counts and the inverse.

Each pixel's colour channels are packed into one uint64 key (8 or 16 bits per channel, at most
four channels) and looked up in an open-addressing hash table (Fibonacci hashing, linear
probing) that doubles when half full. Colours get ids in first-seen order; the driver then sorts
the distinct keys and renumbers the ids so that the summary does not depend on pixel order.
One read of the image, O(n) expected time, memory proportional to the number of distinct
colours (never a dense 2^24 histogram).
"""

import numpy as np
from numba import prange

from ._config import jit, jit_parallel

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_EMPTY = np.int64(-1)


@jit
def _pack(pixels, i, n_colour, bits):
    """The uint64 key of row ``i``'s first ``n_colour`` channels, ``bits`` bits each."""
    key = np.uint64(0)
    for f in range(n_colour):
        key = (key << bits) | np.uint64(pixels[i, f])
    return key


@jit
def _insert(table_keys, table_ids, shift, key, new_id):
    """Find ``key``; insert it with ``new_id`` when absent. Returns its id (may be ``new_id``)."""
    mask = np.uint64(table_keys.shape[0] - 1)
    slot = (key * _GOLDEN) >> shift
    while True:
        stored = table_ids[slot]
        if stored == _EMPTY:
            table_keys[slot] = key
            table_ids[slot] = new_id
            return new_id
        if table_keys[slot] == key:
            return stored
        slot = (slot + np.uint64(1)) & mask


@jit
def unique_colours(pixels, n_colour, bits, inverse):
    """Distinct colours of ``pixels[:, :n_colour]`` in first-seen order.

    Parameters
    ----------
    pixels : (n, c) uint8 or uint16, C-contiguous
    n_colour : int, number of leading channels forming the colour (``n_colour * bits <= 64``)
    bits : uint64, bits per channel (8 or 16)
    inverse : (n,) int32, out; ``inverse[i]`` = id of pixel ``i``'s colour

    Returns
    -------
    keys : (u,) uint64, the packed colour of each id
    first : (u,) int64, the first pixel with that colour
    counts : (u,) int64, pixels per colour
    """
    n = pixels.shape[0]
    log_capacity = 12
    capacity = 1 << log_capacity
    table_keys = np.empty(capacity, np.uint64)
    table_ids = np.full(capacity, _EMPTY, np.int64)
    keys = np.empty(capacity // 2, np.uint64)
    first = np.empty(capacity // 2, np.int64)
    counts = np.zeros(capacity // 2, np.int64)
    shift = np.uint64(64 - log_capacity)
    n_unique = 0
    last_key = np.uint64(0)
    last_id = np.int64(-1)
    for i in range(n):
        key = _pack(pixels, i, n_colour, bits)
        if last_id >= 0 and key == last_key:
            # Neighbouring pixels often share a colour: skip the table.
            colour_id = last_id
        else:
            colour_id = _insert(table_keys, table_ids, shift, key, np.int64(n_unique))
            if colour_id == n_unique:
                keys[n_unique] = key
                first[n_unique] = i
                n_unique += 1
                if 2 * n_unique >= capacity:
                    # Half full: double the table and re-insert every known key.
                    log_capacity += 1
                    capacity = 1 << log_capacity
                    shift = np.uint64(64 - log_capacity)
                    table_keys = np.empty(capacity, np.uint64)
                    table_ids = np.full(capacity, _EMPTY, np.int64)
                    for u in range(n_unique):
                        _insert(table_keys, table_ids, shift, keys[u], np.int64(u))
                    grown_keys = np.empty(capacity // 2, np.uint64)
                    grown_first = np.empty(capacity // 2, np.int64)
                    grown_counts = np.zeros(capacity // 2, np.int64)
                    grown_keys[:n_unique] = keys[:n_unique]
                    grown_first[:n_unique] = first[:n_unique]
                    grown_counts[:n_unique] = counts[:n_unique]
                    keys = grown_keys
                    first = grown_first
                    counts = grown_counts
            last_key = key
            last_id = colour_id
        inverse[i] = colour_id
        counts[colour_id] += 1
    return keys[:n_unique].copy(), first[:n_unique].copy(), counts[:n_unique].copy()


@jit_parallel
def renumber(inverse, new_ids, bounds):
    """``inverse[i] = new_ids[inverse[i]]`` in place, over the fixed blocks."""
    n_blocks = bounds.shape[0] - 1
    for b in prange(n_blocks):
        for i in range(bounds[b], bounds[b + 1]):
            inverse[i] = new_ids[inverse[i]]
