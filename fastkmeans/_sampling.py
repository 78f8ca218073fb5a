"""The sampling engine of every coreset construction (validated input).

Every construction samples row ``i`` with probability ``q_i = m_i / total``, where

    m_i = w_i * (1 / W[l_i] + d_i / C[l_i])

``l_i`` is the row's group (its nearest bicriteria centre; a single group for the lightweight
and uniform constructions), ``d_i`` its squared distance to the group's centre, and ``W``, ``C``
the group's mass and cost (a term is left out when its denominator is zero). A
:class:`Distribution` holds what defines ``q`` and per-block, per-group totals of ``m``, so that
:func:`draw` places any number of draws with one sorted array of uniforms from one
``numpy.random.Generator`` and one light parallel pass over ``(w, l, d)``, never over X.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._kernels.moments import weighted_sums
from ._kernels.sampling import assign_with_distances, draw_rows
from ._kernels.seeding import update_closest
from ._parallel import block_bounds
from ._validation import Weights


class Distribution(NamedTuple):
    """``q_i = m_i / total``, ``m_i = w_i (inv_mass[l_i] + d_i / group_cost[l_i])``.

    ``labels`` and ``dist`` may be empty (one group; no distance term); a zero ``group_cost``
    drops the distance term of its group.
    """

    labels: np.ndarray
    dist: np.ndarray
    inv_mass: np.ndarray
    group_cost: np.ndarray
    bounds: np.ndarray
    table: np.ndarray  # (n_groups, n_blocks): sum of m over each group's rows in each block

    def row_mass(self, weights: Weights, rows: np.ndarray | None = None) -> np.ndarray:
        """``m_i`` for ``rows`` (default: every row), in float64."""
        if rows is None:
            rows = np.arange(weights.n_samples)
        groups = self.labels[rows] if self.labels.shape[0] else np.zeros(rows.shape[0], np.int64)
        u = self.inv_mass[groups]
        if self.dist.shape[0]:
            c = self.group_cost[groups]
            u = u + np.divide(self.dist[rows], c, out=np.zeros(rows.shape[0]), where=c > 0)
        return weights.at(rows) * u

    @property
    def total(self) -> float:
        """Normaliser of ``q``: the table summed group-major, as the draws lay it out."""
        return float(np.cumsum(self.table.ravel())[-1])

    def probabilities(self, weights: Weights) -> np.ndarray:
        """``q`` for every row (O(n) memory; for tests and diagnostics); zeros if no mass."""
        total = self.total
        mass = self.row_mass(weights)
        return mass / total if total > 0 else np.zeros_like(mass)


class Draws(NamedTuple):
    """Raw draws (with repetition, in the order of the mass axis): row, ``q``, ``w / (n q)``."""

    indices: np.ndarray
    probabilities: np.ndarray
    weights: np.ndarray


def grouped_distribution(
    bounds: np.ndarray,
    labels: np.ndarray,
    dist: np.ndarray,
    block_mass: np.ndarray,
    block_cost: np.ndarray,
    skip_zero_cost: bool = False,
) -> Distribution:
    """The distribution from per-block, per-group sums of ``w`` and ``w * d``.

    With ``skip_zero_cost`` a group of zero cost gets probability zero (its rows all sit on
    its centre, which then stands for it exactly). Shares are computed as ratios (``cost / C``,
    not ``cost * (1 / C)``) so that scaling the data by an integer leaves them unchanged
    whenever the sums are exact.
    """
    mass = block_mass.sum(axis=0)
    cost = block_cost.sum(axis=0)
    sampled = (mass > 0) & (cost > 0) if skip_zero_cost else mass > 0
    inv_mass = np.divide(1.0, mass, out=np.zeros_like(mass), where=sampled)
    cost_share = np.divide(block_cost, cost, out=np.zeros_like(block_cost), where=cost > 0)
    table = np.ascontiguousarray((block_mass * inv_mass + cost_share).T)
    return Distribution(labels, dist, inv_mass, cost, bounds, table)


def sensitivity_distribution(
    X: np.ndarray, weights: Weights, centers: np.ndarray
) -> tuple[Distribution, np.ndarray]:
    """Sensitivity sampling distribution for the cells of ``centers``; also the cell masses.

    One parallel pass over X: nearest centre, squared distance, per-cell mass and cost.
    """
    n_samples = X.shape[0]
    n_centers = centers.shape[0]
    bounds = block_bounds(n_samples, 2 * n_centers)
    n_blocks = bounds.shape[0] - 1
    labels = np.empty(n_samples, dtype=np.int32)
    dist = np.empty(n_samples, dtype=np.float64)
    block_mass = np.empty((n_blocks, n_centers), dtype=np.float64)
    block_cost = np.empty((n_blocks, n_centers), dtype=np.float64)
    centers = np.ascontiguousarray(centers, dtype=X.dtype)
    assign_with_distances(
        X, weights.values, weights.unit, centers, bounds, labels, dist, block_mass, block_cost
    )
    distribution = grouped_distribution(
        bounds, labels, dist, block_mass, block_cost, skip_zero_cost=True
    )
    return distribution, block_mass.sum(axis=0)


def lightweight_distribution(X: np.ndarray, weights: Weights) -> Distribution:
    """``q ∝ w (1 / W + d(x, mu)^2 / D)`` (the lightweight ``q`` times 2). Two passes over X."""
    n_samples, n_features = X.shape
    bounds = block_bounds(n_samples, n_features)
    n_blocks = bounds.shape[0] - 1
    block_sums = np.empty((n_blocks, n_features), dtype=np.float64)
    weighted_sums(X, weights.values, weights.unit, bounds, block_sums)
    block_mass = weights.block_totals(bounds)[:, None]
    mean = (block_sums.sum(axis=0) / block_mass.sum()).astype(X.dtype)
    dist = np.empty(n_samples, dtype=np.float64)
    block_cost = np.empty(n_blocks, dtype=np.float64)
    update_closest(X, weights.values, weights.unit, mean, bounds, dist, block_cost, True)
    return grouped_distribution(
        bounds, np.empty(0, np.int32), dist, block_mass, block_cost[:, None]
    )


def uniform_distribution(X: np.ndarray, weights: Weights) -> Distribution:
    """``q ∝ w``. No pass over X."""
    bounds = block_bounds(X.shape[0])
    block_mass = weights.block_totals(bounds)[:, None]
    empty = np.empty(0)
    return grouped_distribution(
        bounds, np.empty(0, np.int32), empty, block_mass, np.zeros_like(block_mass)
    )


def draw(
    distribution: Distribution,
    weights: Weights,
    n_draws: int,
    rng: np.random.Generator,
    stratified: bool = False,
) -> Draws:
    """``n_draws`` rows from ``distribution``, from ``n_draws`` uniforms of ``rng``.

    The mass axis runs group-major (all of group 0's rows, then group 1's, ...), rows in order
    within a group. i.i.d. draws use sorted uniforms; ``stratified`` draws put draw ``t`` at
    ``(t + U_t) / n_draws`` of the axis, so each group receives its expected number of draws
    up to one and the draws are spread along it. Either way each draw lands on row ``i`` with
    probability ``q_i`` on average over the draws, so the expected count of row ``i`` is
    exactly ``n_draws * q_i``; the draws are independent, and stratified ones have a variance
    no larger than i.i.d. ones for every estimate ``sum w / (n q) f``.
    """
    empty = Draws(np.empty(0, np.int64), np.empty(0), np.empty(0))
    if n_draws == 0:
        return empty
    cells = distribution.table.ravel()
    cumulative = np.cumsum(cells)
    total = float(cumulative[-1])
    if not total > 0.0:
        return empty
    if stratified:
        targets = (np.arange(n_draws) + rng.random(n_draws)) * (total / n_draws)
    else:
        targets = np.sort(rng.random(n_draws)) * total
    last_cell = int(np.flatnonzero(cells > 0)[-1])
    cell = np.minimum(np.searchsorted(cumulative, targets, side="right"), last_cell)
    starts = np.concatenate(([0.0], cumulative[:-1]))
    local = np.maximum(targets - starts[cell], 0.0)
    target_bounds = np.searchsorted(cell, np.arange(cells.shape[0] + 1)).astype(np.int64)
    rows = np.empty(n_draws, dtype=np.int64)
    draw_rows(
        weights.values,
        weights.unit,
        distribution.labels,
        distribution.dist,
        distribution.inv_mass,
        distribution.group_cost,
        distribution.bounds,
        target_bounds,
        local,
        rows,
    )
    probabilities = distribution.row_mass(weights, rows) / total
    return Draws(rows, probabilities, weights.at(rows) / (n_draws * probabilities))
