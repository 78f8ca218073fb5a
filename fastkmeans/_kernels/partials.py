"""Per-block partial sums: the accumulators every Lloyd-type step fills, and how it fills them.

A step writes, for each fixed block ``b`` of rows, the weighted sum of the rows assigned to
each centre, their weight and their cost; the driver reduces the blocks in block order (or, in
a distributed driver, the chunks in a fixed tree), so results do not depend on the threads.

Weights reach every kernel as two arguments, ``sample_weight`` (float64, or empty) and
``unit_weights`` (bool): when ``unit_weights`` is true every weight is 1 and ``sample_weight``
is never read (the validation layer decides this once, see
:class:`fastkmeans._validation.Weights`).

Groups of arguments (:class:`BlockPartials` here, the bounds and centre motion of
:mod:`~fastkmeans._kernels.hamerly`) are NamedTuples on the Python side and reach a kernel
unpacked (``*partials``): with Numba 0.68, an array taken out of a tuple argument of a
``parallel=True`` function lost some of the writes made to it inside ``prange`` (measured: a
block's cost written as ``block_cost[b] = cost`` never arrived), while array arguments keep them.
The kernels are serial loops now (see ``_config.jit_parallel``), but the rule stays: arrays in,
nothing packed.
"""

from typing import NamedTuple

import numpy as np

from ._config import jit_inline


class BlockPartials(NamedTuple):
    """Accumulators of one Lloyd-type pass, one slot per block (all float64)."""

    sums: np.ndarray  # (n_blocks, k, d): sum of w * x over the block's rows of each cluster
    weights: np.ndarray  # (n_blocks, k): sum of w over them
    cost: np.ndarray  # (n_blocks,): sum of w * d(x, assigned centre)^2 (if the step computes it)


def block_partials(n_blocks: int, n_clusters: int, n_features: int) -> BlockPartials:
    """Uninitialised accumulators (each step writes every slot it reports)."""
    return BlockPartials(
        np.empty((n_blocks, n_clusters, n_features), dtype=np.float64),
        np.empty((n_blocks, n_clusters), dtype=np.float64),
        np.empty(n_blocks, dtype=np.float64),
    )


@jit_inline
def weight_of(sample_weight, unit_weights, i):
    """The weight of row ``i``: 1.0 for unit weights, else ``sample_weight[i]``."""
    return 1.0 if unit_weights else sample_weight[i]


@jit_inline
def add_to_cluster(X, i, w, a, sums, weights):
    """``weights[a] += w`` and ``sums[a, f] += w * X[i, f]``: a row joins cluster ``a``'s sums.

    The one routine every Lloyd-type step accumulates with, so their sums agree bit for bit.
    Colour-sized rows are unrolled: this runs for every row of every iteration, and a loop of
    three costs more instructions than its body.
    """
    weights[a] += w
    if X.shape[1] == 3:
        sums[a, 0] += w * X[i, 0]
        sums[a, 1] += w * X[i, 1]
        sums[a, 2] += w * X[i, 2]
    else:
        for f in range(X.shape[1]):
            sums[a, f] += w * X[i, f]


@jit_inline
def move_to_cluster(X, i, w, a, c, sums, weights):
    """Row ``i`` (weight ``w``) leaves cluster ``a``'s sums and joins cluster ``c``'s.

    Exact, so the same in any order, only where every sum is an exact float64 integer: then
    the sums equal those :func:`add_to_cluster` over every row gives, bit for bit.
    """
    weights[a] -= w
    weights[c] += w
    for f in range(X.shape[1]):
        value = w * X[i, f]
        sums[a, f] -= value
        sums[c, f] += value


@jit_inline
def cleared_slots(block_sums, block_weights, b):
    """Block ``b``'s accumulator slots, zeroed: ``(sums (k, d), weights (k,))`` views."""
    sums = block_sums[b]
    weights = block_weights[b]
    sums[:] = 0.0
    weights[:] = 0.0
    return sums, weights
