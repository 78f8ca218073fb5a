"""The steps every k-means driver shares, on validated input.

The stopping threshold, the centre update (weighted means, empty clusters relocated), the
centre movement, and the one labels-and-inertia helper that serves ``predict``, ``score``,
:func:`fastkmeans.cost`, the final relabel of every run and the coreset fit. A driver
(:mod:`fastkmeans._lloyd`, :mod:`fastkmeans._hamerly`) runs its own step kernel and calls these
for everything else, so drivers cannot drift apart.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

import numpy as np

from ._kernels.partials import BlockPartials
from ._layout import dense_rows, kernel_args, kernels_for, rows_at_point
from ._parallel import block_bounds
from ._scaling import max_abs
from ._validation import Weights
from ._validation_sparse import SparseRows


class Problem(NamedTuple):
    """What every run of a driver shares: validated points and weights, blocks, budget, stop."""

    X: np.ndarray | SparseRows  # (n, d) float32 or float64, C-contiguous; or CSR rows
    weights: Weights
    bounds: np.ndarray  # (n_blocks + 1,) the fixed row blocks of every pass
    max_iter: int
    threshold: float  # stop when the summed centre movement E <= threshold
    verbose: bool


class RunResult(NamedTuple):
    """One run of a driver, from one set of initial centres."""

    centers: np.ndarray  # (k, d), X's dtype
    labels: np.ndarray  # (n,) int32: nearest returned centre
    inertia: float  # weighted cost against the returned centres
    n_iter: int
    converged: bool
    n_occupied: int | None  # clusters holding weight; counted only when the cost is 0


class CentreHistory:
    """The centres a run has met, to stop it when they come back.

    An iteration is a deterministic map of the centres, so centres met before mean the run
    would cycle for ever without converging. This happens with fewer distinct points than
    clusters: an empty cluster is moved onto a point, that point's rows then go back and forth
    between it and a centre a rounding error away (a weighted mean of equal rows is not always
    bitwise the row), and the centres alternate with a period of 2 or more. Each state costs a
    16-byte digest: SHA-256's, truncated, which hashes at twice BLAKE2b's speed where the CPU
    has SHA instructions.

    Centres of more than ``SAMPLE_SIZE`` entries are first known by the digest of an evenly
    spread sample of that many: digesting all of them took 45 ms of each 220 ms iteration of a
    sparse fit of 2,000 rows of 100,000 columns (k = 100). From the first time a sample's
    digest comes back (a cycle, or two states that differ only outside the sample), whole
    states are digested, so a cycle of period p is still seen, at most p iterations after its
    first return, at the same centres. Smaller centres are digested whole from the start.
    """

    SAMPLE_SIZE = 4096

    def __init__(self) -> None:
        self._seen: set[bytes] = set()
        self._seen_samples: set[bytes] = set()
        self._whole = False

    def met_before(self, centers: np.ndarray) -> bool:
        """Whether ``centers`` were met before; remembers them if not."""
        if not self._whole and centers.size > self.SAMPLE_SIZE:
            step = -(-centers.size // self.SAMPLE_SIZE)
            sample = np.ascontiguousarray(centers.reshape(-1)[::step])
            digest = hashlib.sha256(sample).digest()[:16]
            if digest not in self._seen_samples:
                self._seen_samples.add(digest)
                return False
            self._whole = True
        digest = hashlib.sha256(np.ascontiguousarray(centers)).digest()[:16]
        if digest in self._seen:
            return True
        self._seen.add(digest)
        return False


# The number of centres that share the movement, as a power of k, in the stopping threshold
# (see threshold_of_variance).
SHARING_CENTRES_POWER = 0.75


def threshold_of_variance(tol: float, n_clusters: int, mean_variance: float) -> float:
    """``T = sqrt(k^(3/4) * tol * v)``, ``v`` the mean over features of the weighted variance.

    scikit-learn stops when ``S = sum_j ||dc_j||^2 <= tol * v``; fastkmeans when the summed
    movement ``E = sum_j ||dc_j||`` is at most T. With ``k_e = E^2 / S`` (between 1 and k: how
    many centres effectively share the movement), ``E <= T`` is ``S <= (k^(3/4) / k_e) tol v``:
    the two rules stop together where ``k_e = k^(3/4)``. At the step where scikit-learn's rule
    stops, measured on six of the panel's photos at k = 4, 16 and 64 (4 seeds each), ``k_e``
    was k^0.36 to k^0.97, median k^0.77 (``benchmarks/bench_panel.py``'s photos): a run stops
    earlier than scikit-learn's where fewer centres share the movement, and later, with at
    most k^(1/4) times less ``S``, where more do. (``sqrt(k tol v)``, which can never stop
    later, stopped at 0.7-0.8 of scikit-learn's iterations on long runs, 0.1-0.55% above its
    cost from the same centres.)
    """
    return float(np.sqrt(n_clusters**SHARING_CENTRES_POWER * tol * mean_variance))


def stopping_threshold(
    X: np.ndarray, weights: Weights, bounds: np.ndarray, tol: float, n_clusters: int
) -> float:
    """:func:`threshold_of_variance` of X: scale-equivariant (two passes over X)."""
    if tol == 0.0:
        return 0.0
    n_blocks = bounds.shape[0] - 1
    kernels, data = kernels_for(X), kernel_args(X)
    block_sums = np.empty((n_blocks, X.shape[1]), dtype=np.float64)
    kernels.weighted_sums(*data, weights.values, weights.unit, bounds, block_sums)
    mean = (block_sums.sum(axis=0) / weights.total).astype(X.dtype)
    block_deviation = np.empty(n_blocks, dtype=np.float64)
    kernels.weighted_sq_deviations(
        *data, weights.values, weights.unit, mean, bounds, block_deviation
    )
    mean_variance = block_deviation.sum() / weights.total / X.shape[1]
    return threshold_of_variance(tol, n_clusters, mean_variance)


def mean_centers(sums: np.ndarray, cluster_weights: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Weighted means (float64) of the clusters holding weight; the others keep their centre."""
    occupied = cluster_weights > 0
    if occupied.all():  # the usual case: one pass over the sums, no copy of the centres
        return sums / cluster_weights[:, None]
    new_centers = centers.astype(np.float64)
    new_centers[occupied] = sums[occupied] / cluster_weights[occupied, None]
    return new_centers


def relocate_empty_clusters(
    X: np.ndarray,
    weights: Weights,
    centers: np.ndarray,
    labels: np.ndarray,
    sums: np.ndarray,
    cluster_weights: np.ndarray,
) -> np.ndarray:
    """Move each empty cluster onto a far point; returns the rows that moved (int64).

    Each empty cluster takes the point of positive weight farthest from its assigned centre
    (ties: the point of the lowest row first) with every row at that point: one extra pass per
    empty cluster, only when a cluster is empty. Those rows leave their old cluster, whose
    ``sums`` and ``cluster_weights`` are corrected in place, and ``labels`` are updated. Moving
    a point rather than a row keeps integer weights exactly equivalent to repeated rows, and
    sends two empty clusters to two different points. A cluster left empty (no point with
    positive distance) keeps its centre, so no centre is ever NaN.
    """
    empty = np.flatnonzero(cluster_weights <= 0)
    if not empty.size:
        return np.empty(0, dtype=np.int64)
    distances = np.empty(X.shape[0], dtype=np.float64)
    kernels_for(X).assigned_sq_distances(*kernel_args(X), centers, labels, distances)
    if not weights.unit:
        distances[weights.values <= 0] = -1.0
    relocated = []
    for cluster in empty:
        row = int(np.argmax(distances))  # the lowest row among equally far ones
        if distances[row] <= 0.0:
            break
        rows = rows_at_point(X, row)
        # Rows at one point share their label: the assignment computed the same distances.
        move_point(
            sums,
            cluster_weights,
            labels[row],
            cluster,
            dense_rows(X, [row])[0],
            weights.at(rows).sum(),
        )
        labels[rows] = cluster
        distances[rows] = -1.0
        relocated.append(rows)
    return np.concatenate(relocated).astype(np.int64) if relocated else np.empty(0, np.int64)


def move_point(
    sums: np.ndarray,
    cluster_weights: np.ndarray,
    old: int,
    cluster: int,
    point: np.ndarray,
    weight: float,
) -> None:
    """Move a point of total weight ``weight`` from cluster ``old`` into the empty ``cluster``.

    ``sums`` and ``cluster_weights`` are updated in place (the one arithmetic of a relocation,
    shared by the in-memory and the distributed drivers).
    """
    w = float(weight)
    point = np.asarray(point, dtype=np.float64)
    sums[old] -= w * point
    cluster_weights[old] -= w
    sums[cluster] = w * point
    cluster_weights[cluster] = w


def averaged_centers(
    sums: np.ndarray, cluster_weights: np.ndarray, centers: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """New centres (``centers``' dtype) from reduced sums, and how far each moved (float64).

    The distance is measured on the stored centres, which the bounds of Hamerly refer to.
    """
    new_centers = mean_centers(sums, cluster_weights, centers).astype(centers.dtype, copy=False)
    # In place: these are (k, d) passes, which dominate an iteration on few rows of many
    # sparse columns.
    squares = new_centers.astype(np.float64)
    squares -= centers
    np.square(squares, out=squares)
    moved = np.sqrt(squares.sum(axis=1))
    return new_centers, moved


def update_centers(
    X: np.ndarray,
    weights: Weights,
    centers: np.ndarray,
    labels: np.ndarray,
    partials: BlockPartials,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The update after an assignment pass: reduce the blocks in order, relocate, average.

    Returns the new centres (X's dtype), how far each moved (float64, measured on the stored
    centres, which the bounds refer to) and the rows moved into empty clusters.
    """
    sums = partials.sums.sum(axis=0)
    cluster_weights = partials.weights.sum(axis=0)
    relocated = relocate_empty_clusters(X, weights, centers, labels, sums, cluster_weights)
    new_centers, moved = averaged_centers(sums, cluster_weights, centers)
    return new_centers, moved, relocated


def run_blocks(X: np.ndarray | SparseRows, n_clusters: int) -> np.ndarray:
    """The fixed row blocks of a run with ``n_clusters`` centres: each block's partial sums
    ((k, d) and k weights) count against the accumulators' memory cap."""
    return block_bounds(X.shape[0], n_clusters * (X.shape[1] + 1))


# Integers up to this magnitude are exact in float64, and so are their sums and differences
# that stay within it (2^53, less a factor 2 for the rounding of the weights' total).
_EXACT_INTEGERS = 2.0**52
# Values checked per step of sums_are_exact: data with a fraction fails in its first step.
_INTEGER_CHECK_STEP = 1 << 16


def sums_are_exact(X: np.ndarray, weights: Weights) -> bool:
    """Whether every sum of ``w * x`` over any of X's rows is an exact float64 integer.

    True when every value of X and every weight is an integer and ``max(|x|, 1)`` times the
    total weight is below 2^52: each sum and each partial sum, in any order, with terms added
    or taken away, is then an integer within float64's exact range. Pixels and their colour
    summaries (integer channels, counts as weights) are such data. There a step need only move
    the rows whose label changes between the clusters' sums to hold the bits that summing every
    row in row order gives (:func:`~fastkmeans._kernels.lloyd.lloyd_step_moving_sums`).
    ``weights.total`` must be the weights' sum. X is checked a step of values at a time: most
    other data fails in the first.
    """
    flat = X.reshape(-1)
    for start in range(0, flat.size, _INTEGER_CHECK_STEP):
        step = flat[start : start + _INTEGER_CHECK_STEP]
        if not np.array_equal(step, np.trunc(step)):
            return False
    if not weights.unit and not np.array_equal(weights.values, np.trunc(weights.values)):
        return False
    return max(max_abs(X), 1.0) * weights.total < _EXACT_INTEGERS


def labels_and_inertia(
    X: np.ndarray,
    weights: Weights,
    centers: np.ndarray,
    *,
    with_labels: bool = True,
    bounds: np.ndarray | None = None,
    out: np.ndarray | None = None,
) -> tuple[np.ndarray | None, float]:
    """Nearest-centre labels (int32, or None) and the weighted cost, in one pass over X.

    ``centers`` must be in X's dtype. The cost is accumulated per fixed block (``bounds``) and
    summed in block order. By default the blocks are a fit's with these centres on dense rows
    (as ``kmeans._runs`` makes them), so that the cost of a fit's final centres is its inertia
    to the last bit; on sparse rows (whose columns can be many), those of the rows alone.
    ``out``: an (n,) int32 array the labels are written into (and returned), else a new one.
    """
    if bounds is None:
        dense = isinstance(X, np.ndarray)
        bounds = run_blocks(X, centers.shape[0]) if dense else block_bounds(X.shape[0])
    if out is not None and with_labels:
        labels = out
    else:
        labels = np.empty(X.shape[0] if with_labels else 0, dtype=np.int32)
    block_cost = np.empty(bounds.shape[0] - 1, dtype=np.float64)
    kernels_for(X).labels_and_cost(
        *kernel_args(X), weights.values, weights.unit, centers, bounds, labels, block_cost
    )
    return (labels if with_labels else None), float(block_cost.sum())


def finish_run(
    X: np.ndarray,
    weights: Weights,
    centers: np.ndarray,
    bounds: np.ndarray,
    n_iter: int,
    converged: bool,
    last_pass: tuple[np.ndarray, float, np.ndarray] | None = None,
    labels_buffer: np.ndarray | None = None,
) -> RunResult:
    """A driver's result: labels and inertia of the returned centres.

    ``last_pass`` is ``(labels, cost, cluster_weights)`` of an assignment pass against exactly
    these centres, reused as is; otherwise one more pass labels and costs every row, writing
    the labels into ``labels_buffer`` when given (the driver's own, no longer needed: one
    label array fewer at the peak of memory).
    """
    if last_pass is None:
        labels, cost = labels_and_inertia(X, weights, centers, bounds=bounds, out=labels_buffer)
        cluster_weights = None
    else:
        labels, cost, cluster_weights = last_pass
    # Only a zero cost reads the occupancy (to warn of few distinct points); counting it for
    # the final labels is a pass over them, so it is skipped otherwise.
    n_occupied = None
    if cost == 0.0:
        if cluster_weights is None:
            cluster_weights = np.bincount(
                labels, weights=weights.array(), minlength=centers.shape[0]
            )
        n_occupied = int(np.count_nonzero(cluster_weights > 0))
    return RunResult(centers, labels, float(cost), n_iter, converged, n_occupied)
