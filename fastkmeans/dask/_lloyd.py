"""Exact Lloyd iterations on a Dask array: one pass over the data per iteration.

Each pass runs the shared step (:func:`fastkmeans._wide_rows.lloyd_step`) on every
chunk and reduces the chunks' sums, weights and cost in the fixed tree of
:mod:`fastkmeans.dask._passes`; the client then updates the centres with the shared steps of
:mod:`fastkmeans._steps`. Same stopping rule and same empty-cluster rule as the in-memory
drivers (see :func:`lloyd`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._kernels.distances import assigned_sq_distances
from .._kernels.moments import weighted_sq_deviations, weighted_sums
from .._kernels.partials import block_partials
from .._steps import (
    CentreHistory,
    averaged_centers,
    labels_and_inertia,
    move_point,
    threshold_of_variance,
)
from .._validation import Weights
from .._wide_rows import labels_and_cost, lloyd_step
from ._passes import ChunkInfo, PassRunner, chunk_bounds

# -- parts run on every chunk ----------------------------------------------------------------


def assign_part(X, weights: Weights, info: ChunkInfo, centers, accumulate: bool) -> dict:
    """The chunk's cost against ``centers``; with ``accumulate``, its Lloyd sums and weights."""
    n_clusters, n_features = centers.shape
    bounds = chunk_bounds(X, n_clusters)
    if not accumulate:
        block_cost = np.empty(bounds.shape[0] - 1, dtype=np.float64)
        labels = np.empty(0, dtype=np.int32)
        labels_and_cost(X, weights.values, weights.unit, centers, bounds, labels, block_cost)
        return {"cost": float(block_cost.sum())}
    partials = block_partials(bounds.shape[0] - 1, n_clusters, n_features)
    labels = np.full(X.shape[0], -1, dtype=np.int32)
    lloyd_step(X, weights.values, weights.unit, centers, bounds, labels, *partials)
    return {
        "sums": partials.sums.sum(axis=0),
        "weights": partials.weights.sum(axis=0),
        "cost": float(partials.cost.sum()),
    }


def sum_part(X, weights: Weights, info: ChunkInfo) -> dict:
    """The chunk's weighted sum of rows (the data's mean, for the stopping threshold)."""
    bounds = block_bounds_of(X)
    block_sums = np.empty((bounds.shape[0] - 1, X.shape[1]), dtype=np.float64)
    weighted_sums(X, weights.values, weights.unit, bounds, block_sums)
    return {"sum": block_sums.sum(axis=0)}


def deviation_part(X, weights: Weights, info: ChunkInfo, mean) -> dict:
    """The chunk's weighted squared deviation from ``mean`` (the data's scale)."""
    bounds = block_bounds_of(X)
    block_deviation = np.empty(bounds.shape[0] - 1, dtype=np.float64)
    weighted_sq_deviations(X, weights.values, weights.unit, mean, bounds, block_deviation)
    return {"deviation": float(block_deviation.sum())}


def block_bounds_of(X: np.ndarray) -> np.ndarray:
    return chunk_bounds(X, 1)


class Candidates(NamedTuple):
    """The farthest distinct points from their assigned centre, farthest first (ties: lowest
    row first), each with its first row, its coordinates and its cluster."""

    distances: np.ndarray  # (m,) float64
    rows: np.ndarray  # (m,) int64, rows of the whole array
    points: np.ndarray  # (m, d)
    labels: np.ndarray  # (m,) int32
    n_wanted: int

    def combine(self, other: Candidates, node: int) -> Candidates:
        joined = [np.concatenate(pair) for pair in zip(self[:4], other[:4], strict=True)]
        return _farthest_distinct(*joined, self.n_wanted)


def _farthest_distinct(distances, rows, points, labels, n_wanted: int) -> Candidates:
    """The first ``n_wanted`` distinct points by decreasing distance, then increasing row."""
    kept: list[int] = []
    for i in np.lexsort((rows, -distances)):
        if len(kept) == n_wanted or distances[i] <= 0.0:
            break
        if not any((points[j] == points[i]).all() for j in kept):
            kept.append(int(i))
    kept = np.array(kept, dtype=np.int64)
    return Candidates(distances[kept], rows[kept], points[kept], labels[kept], n_wanted)


def candidates_part(X, weights: Weights, info: ChunkInfo, centers, n_wanted: int) -> dict:
    """The chunk's ``n_wanted`` farthest distinct points of positive weight."""
    labels, _ = labels_and_inertia(X, weights, centers, bounds=chunk_bounds(X, len(centers)))
    distances = np.empty(X.shape[0], dtype=np.float64)
    assigned_sq_distances(X, centers, labels, distances)
    if not weights.unit:
        distances[weights.values <= 0] = -1.0
    rows = np.arange(info.start, info.stop, dtype=np.int64)
    return {"candidates": _farthest_distinct(distances, rows, X, labels, n_wanted)}


def point_weight_part(X, weights: Weights, info: ChunkInfo, points) -> dict:
    """The total weight of the chunk's rows equal to each of ``points``."""
    totals = np.array([weights.at(np.flatnonzero((X == p).all(axis=1))).sum() for p in points])
    return {"point_weights": totals.reshape(len(points))}


# -- the client's side -------------------------------------------------------------------------


class Threshold:
    """The stopping threshold ``T = sqrt(k^(3/4) * tol * mean_f Var_w(X[:, f]))``, learnt in
    passes (:func:`fastkmeans._steps.threshold_of_variance`).

    As :func:`fastkmeans._steps.stopping_threshold`: the weighted mean (rounded to X's dtype)
    from one pass, the weighted squared deviations from it in a later one. Both ride along
    passes that read the data anyway; ``value`` is None until they have.
    """

    def __init__(self, tol: float, n_clusters: int):
        self.tol = tol
        self.n_clusters = n_clusters
        self.mean: np.ndarray | None = None
        self.value: float | None = 0.0 if tol == 0.0 else None

    def parts(self) -> tuple:
        """What the next pass must compute for the threshold."""
        if self.value is not None:
            return ()
        if self.mean is None:
            return ((sum_part, ()),)
        return ((deviation_part, (self.mean,)),)

    def learn(self, result: dict, runner: PassRunner) -> None:
        X = runner.data.X
        if "sum" in result:
            self.mean = (result["sum"] / runner.total).astype(X.dtype)
        if "deviation" in result:
            mean_variance = result["deviation"] / runner.total / X.shape[1]
            self.value = threshold_of_variance(self.tol, self.n_clusters, mean_variance)


class DaskRun(NamedTuple):
    """One distributed run: centres, their exact cost on every row, iterations, convergence."""

    centers: np.ndarray
    inertia: float
    n_iter: int
    converged: bool


def lloyd(
    runner: PassRunner, centers: np.ndarray, max_iter: int, threshold: Threshold, verbose: bool
) -> DaskRun:
    """Lloyd iterations from ``centers`` (X's dtype): one pass over the data per iteration.

    The in-memory driver stops when no label changes; here no labels are kept between passes,
    so the run stops when an update leaves every centre bitwise unchanged (or brings back
    centres already met: a cycle, see below). The two coincide:
    if no label changes between the passes against ``c(t-1)`` and ``c(t)``, the sums are
    bitwise the same (same chunks, same tree), so the update returns ``c(t)`` itself, in the
    same iteration in which the in-memory driver sees no change; and bitwise-equal centres give
    the same labels. Either way the returned cost is that pass's cost. Otherwise the run stops
    when the centres' total movement is at most ``threshold`` (a further cost pass then costs
    the new centres), as in memory; when the threshold is learnt only in the pass after an
    update (no earlier pass read the data's mean), that pass, which costs the updated centres
    anyway, decides whether the run had stopped there.
    """
    pending: tuple[np.ndarray, float] | None = None  # an update waiting for the threshold
    history = CentreHistory()  # the centres each pass was run against
    shift = np.inf
    for n_iter in range(1, max_iter + 1):
        result = runner.run((assign_part, (centers, True)), *threshold.parts())
        threshold.learn(result, runner)
        cost = float(result["cost"])
        if pending is not None and threshold.value is not None:
            if pending[1] <= threshold.value:
                return DaskRun(pending[0], cost, n_iter - 1, True)
            pending = None
        # Centres met before: the iterations (a deterministic map) would cycle for ever. This
        # happens with fewer distinct points than clusters: an empty cluster moved onto a
        # point, and the point's rows going back and forth between it and a centre a rounding
        # error away (the in-memory driver sees no label change there and stops).
        if history.met_before(centers):
            return DaskRun(centers, cost, n_iter, True)
        sums, cluster_weights = result["sums"], result["weights"]
        if (cluster_weights <= 0).any():
            relocate_empty_clusters(runner, centers, sums, cluster_weights)
        new_centers, moved = averaged_centers(sums, cluster_weights, centers)
        shift = float(moved.sum())
        if verbose:
            print(f"Iteration {n_iter}: cost {cost:.8g}, centre shift {shift:.6g}")
        if shift == 0.0:
            return DaskRun(new_centers, cost, n_iter, True)
        centers = new_centers
        if threshold.value is None:
            pending = (centers, shift)
        elif shift <= threshold.value:
            return DaskRun(centers, cost_of(runner, centers), n_iter, True)
    result = runner.run((assign_part, (centers, False)), *threshold.parts())
    threshold.learn(result, runner)
    return DaskRun(centers, float(result["cost"]), max_iter, shift <= threshold.value)


def cost_of(runner: PassRunner, centers: np.ndarray) -> float:
    """The exact weighted cost of ``centers`` on every row: one pass."""
    return float(runner.run((assign_part, (centers, False)))["cost"])


def relocate_empty_clusters(
    runner: PassRunner, centers: np.ndarray, sums: np.ndarray, cluster_weights: np.ndarray
) -> None:
    """:func:`fastkmeans._steps.relocate_empty_clusters` over the chunks, in two more passes.

    Each empty cluster, in order, takes the next point of positive weight farthest from its
    assigned centre (ties: lowest row first), with every row at that point; ``sums`` and
    ``cluster_weights`` are corrected in place. The first pass finds the farthest distinct
    points (each chunk's own farthest ones contain the overall farthest), the second totals
    their weights over all rows. Only run when a cluster is empty.
    """
    empty = np.flatnonzero(cluster_weights <= 0)
    found = runner.run((candidates_part, (centers, len(empty))))["candidates"]
    if not len(found.rows):
        return
    point_weights = runner.run((point_weight_part, (found.points,)))["point_weights"]
    for cluster, point, label, weight in zip(
        empty, found.points, found.labels, point_weights, strict=False
    ):
        move_point(sums, cluster_weights, label, cluster, point, weight)
