"""Coresets: small weighted point sets whose k-means cost approximates that of the full data.

Three constructions share one sampling engine (:mod:`fastkmeans._sampling`): every row gets
a probability ``q_i``, ``m`` rows are drawn from ``q`` (one sorted array of uniforms from one
``numpy.random.Generator``, located by per-block sums and one parallel scan; i.i.d. for the
baselines, stratified for the sensitivity coreset), and a row drawn ``c`` times gets the weight
``c * w_i / (m * q_i)``. Row ``i`` is drawn ``m * q_i`` times on average, so for any centre set
``C`` the weighted cost ``sum_s w_s * d(s, C)^2`` of the draws is an unbiased estimate of
``cost(X, C)``.

- :func:`sensitivity_coreset`: ``q`` from the sensitivities with respect to a bicriteria
  solution (Feldman & Langberg 2011; Bachem, Lucic & Krause 2017), plus a per-cluster mass
  correction (as in the ESA 2022 evaluation of coresets by Schwiegelshohn & Sheikh-Omar).
- :func:`lightweight_coreset`: ``q`` half by weight, half by squared distance to the mean
  (Bachem, Lucic & Krause 2018).
- :func:`uniform_coreset`: ``q`` proportional to the weights.

All accept weighted input, so a coreset of a coreset, and a merge of coresets of disjoint parts
(:meth:`Coreset.merge`), are coresets of the whole.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from ._kernels.partials import block_partials
from ._parallel import block_bounds, reduce_tree, thread_limit, threads_for_size
from ._sampling import (
    Distribution,
    Draws,
    draw,
    lightweight_distribution,
    sensitivity_distribution,
    uniform_distribution,
)
from ._scaling import data_exponent, max_abs, scaled
from ._steps import mean_centers
from ._validation import (
    Weights,
    check_array,
    check_centers,
    check_int,
    check_n_clusters,
    check_random_state,
    check_sample_size,
    check_sample_weight,
)
from ._wide_rows import lloyd_step
from .seeding import _kmeans_plusplus

# Look for duplicate rows (np.unique, O(n log n)) only when the input has at most this many
# times ``size`` rows of positive weight, so that the check never dominates on large inputs.
_DEDUPLICATE_FACTOR = 4
# The D² seeding of the sensitivity coreset looks at all rows of positive weight when there are
# at most max(_SEEDING_SIZE_FACTOR * size, _SEEDING_MIN_ROWS) of them, else at a uniform coreset
# of that many draws.
_SEEDING_SIZE_FACTOR = 8
_SEEDING_MIN_ROWS = 2**15
# Step 4 ignores a cluster's shortfall up to this fraction of its mass: rounding of its sum.
_MASS_ROUNDING = 64 * float(np.finfo(np.float64).eps)


class Coreset(NamedTuple):
    """A weighted point set standing in for the data it was built from.

    Unpacks as ``points, weights, indices = coreset`` and fits directly:
    ``KMeans(k).fit(coreset.points, sample_weight=coreset.weights)``.

    Attributes
    ----------
    points : ndarray of shape (size, n_features)
        The points, in the dtype of the input data.
    weights : ndarray of shape (size,), float64
        Positive, finite weights.
    indices : ndarray of shape (size,), int64
        Row of the input each point is (``points[i] == X[indices[i]]``), or -1 for a point
        that is not a row of the input (a given bicriteria centre carrying residual mass).
    """

    points: np.ndarray
    weights: np.ndarray
    indices: np.ndarray

    @property
    def total_weight(self) -> float:
        """Sum of the weights."""
        return float(self.weights.sum())

    def merge(self, *others: Coreset, offsets: Sequence[int] | None = None) -> Coreset:
        """The union of this coreset and ``others``, as one weighted point set.

        If each coreset summarises a disjoint part of the data, the union summarises the
        whole: for every centre set its cost is the sum of the parts' costs, so the errors
        add up and a merge of ``(1 +- eps)`` coresets is a ``(1 +- eps)`` coreset.

        Parameters
        ----------
        *others : Coreset
            Coresets of the same number of features.
        offsets : sequence of int, optional
            One per coreset (this one first), added to its non-negative ``indices``: the row at
            which its part starts in the concatenated data. Without it indices are kept as they
            are (each then refers to its own part).

        Returns
        -------
        Coreset
            Points in the common dtype of the parts (``numpy.result_type``).

        Examples
        --------
        >>> import numpy as np
        >>> from fastkmeans import uniform_coreset
        >>> X = np.arange(20.0).reshape(10, 2)
        >>> a = uniform_coreset(X[:6], 2, random_state=0)
        >>> b = uniform_coreset(X[6:], 2, random_state=0)
        >>> merged = a.merge(b, offsets=[0, 6])
        >>> float(merged.total_weight)
        10.0
        >>> bool((merged.points == X[merged.indices]).all())
        True
        """
        parts, offsets = _check_merge((self, *others), offsets)
        dtype = np.result_type(*(part.points.dtype for part in parts))
        indices = [
            np.where(part.indices >= 0, part.indices + offset, -1)
            for part, offset in zip(parts, offsets, strict=True)
        ]
        return Coreset(
            np.concatenate([part.points.astype(dtype, copy=False) for part in parts]),
            np.concatenate([part.weights for part in parts]),
            np.concatenate(indices),
        )


# -- public constructions --------------------------------------------------------------------


def sensitivity_coreset(
    X,
    n_clusters: int,
    size: int,
    *,
    sample_weight=None,
    centers=None,
    random_state=None,
) -> Coreset:
    """A coreset for k-means by sensitivity sampling with a per-cluster mass correction.

    1. **Bicriteria solution** ``B``: the given ``centers``, or plain weighted D² seeding
       (k-means++) with ``n_clusters`` centres followed by one Lloyd step (each centre moves to
       the weighted mean of its cell, which only lowers the cost). On inputs with more than
       ``max(8 * size, 32768)`` rows of positive weight, seeding and step run on a uniform
       coreset of that many draws, since the seeding's ``n_clusters`` passes over every row
       would otherwise dominate the build. Cluster ``j`` is the set of rows nearest to centre
       ``b_j``, of mass ``W_j`` (sum of weights) and cost ``C_j`` (sum of ``w * d(x, b_j)^2``).
    2. **Sensitivities** ``s(x) = w(x) * (d(x, b_j)^2 / C_j + 1 / W_j)``: the point's share of
       its cluster's cost plus its share of the cluster's mass. They sum to
       ``rho <= 2 * len(B)`` and bound how much any single point can matter to any solution's
       cost. A cluster of zero cost is not sampled (``s = 0``): its rows all sit on ``b_j``,
       which stands for them exactly in step 4.
    3. **Sampling**: ``m = size - len(B)`` draws with ``q(x) = s(x) / rho``, a row drawn ``c``
       times weighted ``c * w(x) / (m * q(x))``. The draws are independent and stratified:
       with the rows laid out cluster by cluster on an axis of total mass 1, draw ``t`` falls
       uniformly in ``[t / m, (t + 1) / m)``. So each row is drawn on average ``m * q(x)``
       times, exactly as with i.i.d. draws, each cluster gets its expected number of draws up
       to one, and every estimate below has at most the variance of i.i.d. draws.
    4. **Mass correction**: in each cluster whose sampled mass ``M_j`` falls short of ``W_j``
       (by more than rounding, ``64 eps W_j``), the centre ``b_j`` joins the coreset (index -1)
       with weight ``W_j - M_j``; in each
       cluster whose sampled mass exceeds ``W_j``, the excess is removed from the sampled
       points of that cluster nearest to ``b_j`` (points left with no weight are dropped).
       That needs centres at their cluster's mean, as the seeding and Lloyd step make them.
       Given ``centers`` may be anywhere, and a shortfall placed on a far centre would bias
       the cost upwards (2.9x, measured with a centre off the data): there, each cluster's
       sampled weights are instead scaled by ``W_j / M_j`` (a ratio estimator, whose bias
       shrinks as 1 / draws), and only a cluster with no draw is carried by its centre.

    After the seeding, one parallel pass over X (nearest centre, distance, per-cluster mass
    and cost) and one light parallel pass over the per-row results that places all the draws:
    ``O(n k d)`` work, ``O(n)`` memory.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Data. float32 and float64 stay in their dtype; other numeric types become float64.
    n_clusters : int
        The k the coreset is for; the number of seeded bicriteria centres.
    size : int
        Maximum number of points in the coreset, at least the number of bicriteria centres.
        Guidance: ``40 * n_clusters`` (see Notes).
    sample_weight : array-like of shape (n_samples,), optional
        Non-negative weights (integer weights act like repeated rows), e.g. a coreset's
        ``weights``.
    centers : array-like of shape (n_centers, n_features), optional
        Bicriteria centres to use instead of seeding (any number, e.g. a previous solution).
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Source of randomness; a given seed gives bitwise-identical coresets whatever the
        number of threads.

    Returns
    -------
    Coreset
        At most ``size`` points. If ``size`` is at least the number of rows of positive weight
        (or, for inputs up to a few times ``size``, the number of distinct such rows), the data
        itself with exact weights.

    Notes
    -----
    What holds, with ``cost_+(X, C)`` the cost of the rows in clusters of positive cost and
    ``alpha = cost(X, B) / cost_+(X, C)`` (``cost(X, B) = sum_j C_j``):

    - *Always*: weights are positive and finite; every cluster of ``B`` keeps its exact mass,
      so the weights sum to the input's total weight (up to rounding).
    - *Sampled part* (step 3, before the correction): for every centre set ``C`` the estimate
      ``sum w_s d(s, C)^2`` is an unbiased estimate of ``cost_+(X, C)``, the cost of the rows
      with ``q > 0`` (all rows but those of zero-cost clusters, which step 4 represents
      exactly). For a fixed ``C`` chosen independently of the draws it is within
      ``(1 +- eps) * cost_+(X, C)`` with probability at least ``1 - delta`` as soon as
      ``m >= 2 * R * (1 + eps / 3) * ln(2 / delta) / eps^2`` (Bernstein), where
      ``R = max_x w(x) d(x, C)^2 / (q(x) cost_+(X, C)) <= (4 * alpha + 4) * rho``.
    - *Correction*: a centre carrying ``W_j - M_j`` turns the estimate into the control
      variate ``sum_s w_s (d(s, C)^2 - d(b_j, C)^2) + sum_j W_j d(b_j, C)^2``, still
      unbiased, whose summands are bounded by ``(2 * alpha + 2) * rho * cost_+(X, C) / m`` and
      are small wherever ``d(x, C)^2`` is nearly constant over a cluster (``C`` far from it).
      Trimming an excess ``Delta_j = M_j - W_j`` moves the estimate by
      ``sum Delta_r (d(r, C)^2 - d(b_j, C)^2)`` over the trimmed points ``r``, the sampled
      points nearest to ``b_j``; this is the only bias, and ``Delta_j`` exceeds
      ``tau * W_j`` with probability at most ``exp(-tau^2 m / (2 rho (1 + tau / 3)))``.
      Hence, with probability ``1 - delta``, ``|cost(S, C) - cost(X, C)|`` is at most the
      Bernstein deviation of the control variate at ``delta / 2`` plus
      ``sum_j t_j max_{x in j} |d(x, C)^2 - d(b_j, C)^2|``, ``t_j`` the Bernstein deviation of
      ``M_j`` at ``delta / (2 len(B))`` (checked by the test suite on the exact distribution).

    These per-``C`` bounds are worst-case; uniform (1 +- eps) guarantees over all ``C`` need
    sizes of order ``k d / eps^2`` up to logarithms. In practice ``size = 40 * n_clusters``
    gives a mean distortion of 1.08 to 1.10 (worst of 10 seeds at most 1.13) on the four
    datasets of ``benchmarks/bench_coresets.py`` (far outliers, geometrically shrinking
    clusters, a skewed Gaussian mixture, photo pixels), where uniform sampling reaches 38 on
    the outliers. The distortion is the worst ratio, either way round, of the coreset's and the
    data's cost over k-means solutions fitted on the coreset and convex combinations of them
    (:func:`fastkmeans.testing.coreset_distortion`). The error shrinks like
    ``1 / sqrt(size)``.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import KMeans, cost, sensitivity_coreset
    >>> rng = np.random.default_rng(0)
    >>> X = np.concatenate([rng.normal(c, 1.0, size=(2000, 2)) for c in (0.0, 20.0, 40.0)])
    >>> cs = sensitivity_coreset(X, 3, 120, random_state=0)
    >>> len(cs.points) <= 120, bool(np.isclose(cs.weights.sum(), len(X)))
    (True, True)
    >>> km = KMeans(3, random_state=0).fit(cs.points, sample_weight=cs.weights)
    >>> ratio = cost(cs.points, km.cluster_centers_, cs.weights) / cost(X, km.cluster_centers_)
    >>> bool(0.7 < ratio < 1.4)  # about 1 +- 0.05 at this size
    True
    """
    X = check_array(X)
    weights = check_sample_weight(sample_weight, X.shape[0])
    n_clusters = check_n_clusters(n_clusters, X.shape[0], weights)
    if centers is not None:
        centers = check_centers(centers, X.shape[1], X.dtype)
    n_centers = n_clusters if centers is None else centers.shape[0]
    size = check_sample_size(size, n_centers, "the number of bicriteria centres")
    rng = check_random_state(random_state)
    exponent = _data_exponent(X, centers, weights)
    given = None if centers is None else scaled(centers, exponent)
    coreset = _sensitivity_coreset(scaled(X, exponent), n_clusters, size, weights, given, rng)
    return _in_user_units(coreset, X, exponent, weights.exponent)


def lightweight_coreset(X, size: int, *, sample_weight=None, random_state=None) -> Coreset:
    """A lightweight coreset: sampling half by weight, half by squared distance to the mean.

    Rows are drawn i.i.d. with ``q(x) = w(x) / (2 W) + w(x) d(x, mu)^2 / (2 D)``, where ``mu``
    is the weighted mean, ``W`` the total weight and ``D = sum w d(., mu)^2``, and weighted
    ``w(x) / (size * q(x))`` per draw (Bachem, Lucic & Krause, KDD 2018). Two parallel passes
    over X (mean, distances) and one light pass to draw.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    size : int
        Number of draws (the coreset has at most that many points; repeated draws merge).
    sample_weight : array-like of shape (n_samples,), optional
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator

    Returns
    -------
    Coreset
        Or the data itself with exact weights when ``size`` covers every row of positive
        weight (see :func:`sensitivity_coreset`).

    Notes
    -----
    For every ``C`` the cost estimate is unbiased; for a fixed ``C`` it is within
    ``eps * cost(X, C) + eps * cost(X, {mu})`` of ``cost(X, C)`` with high probability at
    ``size`` of order ``k d log k / eps^2`` (the guarantee is additive). The total weight is an
    unbiased estimate of ``W``, not equal to it. Outliers are drawn with probability growing
    with their distance to the mean.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import lightweight_coreset
    >>> X = np.random.default_rng(0).normal(size=(1000, 3))
    >>> cs = lightweight_coreset(X, 100, random_state=0)
    >>> cs.points.shape[1], bool(cs.points.shape[0] <= 100), bool((cs.weights > 0).all())
    (3, True, True)
    """
    return _iid_coreset(X, size, sample_weight, random_state, lightweight_distribution)


def uniform_coreset(X, size: int, *, sample_weight=None, random_state=None) -> Coreset:
    """A uniform coreset: rows drawn i.i.d. with probability proportional to their weight.

    Each draw is weighted ``W / size`` (``W`` the total weight), so the weights sum to ``W``.
    The baseline: fast, unbiased, but blind to small far-away clusters and outliers.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    size : int
        Number of draws (repeated draws merge, so the coreset may have fewer points).
    sample_weight : array-like of shape (n_samples,), optional
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator

    Returns
    -------
    Coreset
        Or the data itself with exact weights when ``size`` covers every row of positive
        weight (see :func:`sensitivity_coreset`).

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import uniform_coreset
    >>> X = np.random.default_rng(0).normal(size=(1000, 2))
    >>> cs = uniform_coreset(X, 50, random_state=0)
    >>> bool(np.isclose(cs.weights.sum(), 1000.0)), bool((cs.points == X[cs.indices]).all())
    (True, True)
    """
    return _iid_coreset(X, size, sample_weight, random_state, uniform_distribution)


def _iid_coreset(X, size, sample_weight, random_state, distribution) -> Coreset:
    """The lightweight and uniform constructions: ``size`` i.i.d. draws from ``distribution``."""
    X = check_array(X)
    weights = check_sample_weight(sample_weight, X.shape[0])
    size = check_sample_size(size, 1)
    rng = check_random_state(random_state)
    exact = _exact_coreset(X, weights, size)
    if exact is not None:
        return _in_user_units(exact, X, 0, weights.exponent)
    exponent = _data_exponent(X, None, weights)
    draws = draw(distribution(scaled(X, exponent), weights), weights, size, rng)
    coreset = _collapse(X, draws.indices, draws.weights)
    return _in_user_units(coreset, X, exponent, weights.exponent)


def _data_exponent(X: np.ndarray, centers: np.ndarray | None, weights: Weights) -> int:
    """The power of two that puts X (and given centres) in range (see fastkmeans._scaling)."""
    magnitude = max_abs(X) if centers is None else max(max_abs(X), max_abs(centers))
    return data_exponent(magnitude, X.dtype, X.shape[1], weights.total)


def _in_user_units(coreset: Coreset, X: np.ndarray, data_exp: int, weight_exp: int) -> Coreset:
    """A coreset built on ``2^data_exp X`` with weights times ``2^weight_exp``, in X's units:
    rows of X as they are, added centres and weights scaled back (all exact)."""
    if data_exp == 0 and weight_exp == 0:
        return coreset
    with np.errstate(over="ignore", under="ignore"):
        weights = np.ldexp(coreset.weights, -weight_exp)
    lost = np.isinf(weights) | ((weights == 0.0) & (coreset.weights > 0.0))
    if lost.any():
        raise ValueError(
            f"{int(lost.sum())} of the coreset's {lost.size} weights would lie "
            f"{'above' if np.isinf(weights).any() else 'below'} the float64 range in "
            f"sample_weight's units (its total is about 2**{_log2_total(coreset, weight_exp)}): "
            "multiply sample_weight by a power of two that brings its total nearer 1 (the "
            "coreset's points do not change)"
        )
    points = coreset.points.copy()
    rows = coreset.indices >= 0
    points[rows] = X[coreset.indices[rows]]
    points[~rows] = scaled(points[~rows], -data_exp)
    return Coreset(points, weights, coreset.indices)


def _log2_total(coreset: Coreset, weight_exp: int) -> int:
    """log2 of the coreset's total weight in the user's units, rounded (for messages)."""
    return int(round(np.log2(coreset.weights.sum()))) - weight_exp


def _collapse(X: np.ndarray, rows: np.ndarray, weights: np.ndarray) -> Coreset:
    """Merge repeated rows (summing their weights); rows sorted."""
    unique, inverse = np.unique(rows, return_inverse=True)
    merged = np.bincount(inverse, weights=weights, minlength=unique.shape[0])
    return Coreset(X[unique], merged, unique.astype(np.int64))


def _exact_coreset(X: np.ndarray, weights: Weights, size: int) -> Coreset | None:
    """The data itself (rows of positive weight, duplicates merged) if it fits in ``size``."""
    n_positive = weights.n_positive
    if n_positive > _DEDUPLICATE_FACTOR * size:
        return None
    positive = weights.positive_rows()
    if n_positive <= size:
        return Coreset(X[positive], weights.at(positive), positive.astype(np.int64))
    _, first, inverse = np.unique(X[positive], axis=0, return_index=True, return_inverse=True)
    if first.shape[0] > size:
        return None
    inverse = inverse.reshape(-1)
    merged = np.bincount(inverse, weights=weights.at(positive), minlength=first.shape[0])
    order = np.argsort(first)
    rows = positive[first[order]].astype(np.int64)
    return Coreset(X[rows], merged[order], rows)


def _seeding_rows(n_positive: int, size: int) -> int:
    """Rows the D² seeding looks at: all of them, or a uniform sample on large inputs."""
    budget = max(_SEEDING_SIZE_FACTOR * size, _SEEDING_MIN_ROWS)
    return n_positive if n_positive <= budget else budget


def _bicriteria(
    X: np.ndarray,
    n_clusters: int,
    size: int,
    weights: Weights,
    rng: np.random.Generator,
) -> np.ndarray:
    """Plain weighted D² seeding, then one Lloyd step on the seeded rows: ``n_clusters`` centres.

    On inputs with more rows of positive weight than ``_seeding_rows`` allows, the seeding
    runs on a uniform coreset of that many draws (its ``n_clusters`` passes over every row
    would otherwise dominate the build).
    """
    n_rows = _seeding_rows(weights.n_positive, size)
    if n_rows == weights.n_positive:
        points, point_weights = X, weights
    else:
        draws = draw(uniform_distribution(X, weights), weights, n_rows, rng)
        subset = _collapse(X, draws.indices, draws.weights)
        points, point_weights = subset.points, Weights.of(subset.weights)
        n_clusters = min(n_clusters, points.shape[0])
    # Seeding is n_clusters short parallel passes in a row: on small data (the usual sample of
    # 2^15 colour rows among them) one thread, as for fits. Results do not depend on it.
    with thread_limit(threads_for_size(points)):
        seeds = _kmeans_plusplus(points, n_clusters, point_weights, rng, 1)[0]
        return _lloyd_update(points, point_weights, seeds)


def _lloyd_update(X: np.ndarray, weights: Weights, centers: np.ndarray) -> np.ndarray:
    """Each centre moved to the weighted mean of its cell (kept where the cell is empty)."""
    n_samples, n_features = X.shape
    n_centers = centers.shape[0]
    bounds = block_bounds(n_samples, n_centers * (n_features + 1))
    partials = block_partials(bounds.shape[0] - 1, n_centers, n_features)
    labels = np.empty(n_samples, dtype=np.int32)
    lloyd_step(X, weights.values, weights.unit, centers, bounds, labels, *partials)
    sums, cluster_weights = partials.sums.sum(axis=0), partials.weights.sum(axis=0)
    return mean_centers(sums, cluster_weights, centers).astype(X.dtype)


class _SensitivitySample(NamedTuple):
    """Everything the sensitivity construction decides before the mass correction."""

    centers: np.ndarray  # (k', d) the bicriteria centres, dtype of X
    distribution: Distribution  # labels: cluster of each row; dist: to its centre
    cluster_mass: np.ndarray  # (k',) W_j
    draws: Draws


def _sensitivity_sample(
    X: np.ndarray,
    n_clusters: int,
    size: int,
    weights: Weights,
    centers: np.ndarray | None,
    rng: np.random.Generator,
) -> _SensitivitySample:
    """Steps 1-3 of :func:`sensitivity_coreset` on validated input (no exact shortcut)."""
    n_centers = n_clusters if centers is None else centers.shape[0]
    if centers is None:
        centers = _bicriteria(X, n_clusters, size, weights, rng)
    centers = np.ascontiguousarray(centers, dtype=X.dtype)
    distribution, cluster_mass = sensitivity_distribution(X, weights, centers)
    draws = draw(distribution, weights, size - n_centers, rng, stratified=True)
    return _SensitivitySample(centers, distribution, cluster_mass, draws)


def _drawn_rows(sample: _SensitivitySample):
    """The distinct rows drawn, their summed draw weights, their clusters, and each cluster's
    sampled mass ``M_j``."""
    rows, inverse = np.unique(sample.draws.indices, return_inverse=True)
    weights = np.bincount(inverse, weights=sample.draws.weights, minlength=rows.shape[0])
    labels = sample.distribution.labels[rows].astype(np.int64)
    sampled_mass = np.bincount(labels, weights=weights, minlength=sample.cluster_mass.shape[0])
    return rows, weights, labels, sampled_mass


def _with_carriers(X, sample, rows, weights, carriers, carrier_weights) -> Coreset:
    """The drawn rows of positive weight, then the centres ``carriers`` (index -1)."""
    keep = weights > 0
    return Coreset(
        np.concatenate([X[rows[keep]], sample.centers[carriers]]),
        np.concatenate([weights[keep], carrier_weights]),
        np.concatenate([rows[keep], np.full(carriers.shape[0], -1, dtype=np.int64)]),
    )


def _correct_mass(X: np.ndarray, sample: _SensitivitySample) -> Coreset:
    """Step 4: give every bicriteria cluster its exact mass (see :func:`sensitivity_coreset`)."""
    cluster_mass = sample.cluster_mass
    n_centers = cluster_mass.shape[0]
    rows, weights, labels, sampled_mass = _drawn_rows(sample)

    # Trim the excess of over-full clusters from their sampled points nearest to the centre:
    # walk each cluster's points by increasing distance (ties: lower row first).
    excess = sampled_mass - cluster_mass
    over_full = np.flatnonzero(excess > 0)
    if over_full.size:
        order = np.lexsort((rows, sample.distribution.dist[rows], labels))
        group_bounds = np.searchsorted(labels[order], np.arange(n_centers + 1))
        for j in over_full:
            members = order[group_bounds[j] : group_bounds[j + 1]]
            member_weights = weights[members]
            after = np.cumsum(member_weights)
            before = after - member_weights
            cut = excess[j]
            weights[members] = np.where(
                after <= cut, 0.0, np.where(before >= cut, member_weights, after - cut)
            )

    residual = cluster_mass - sampled_mass
    # A shortfall within rounding of the summed draws is no shortfall: it would add a centre
    # of weight ~1e-16 W_j. (64 eps bounds the rounding of a sum of up to 64 draws; longer
    # sums reach it only when their rounding errors do not cancel.)
    carriers = np.flatnonzero(residual > _MASS_ROUNDING * cluster_mass)
    return _with_carriers(X, sample, rows, weights, carriers, residual[carriers])


def _scale_mass(X: np.ndarray, sample: _SensitivitySample) -> Coreset:
    """Step 4 for given centres: scale each cluster's sampled weights to its exact mass.

    Centres that are not their cluster's mean (a centre off the data, one centre for two
    groups) make :func:`_correct_mass` biased: a shortfall placed on the centre costs
    ``d(b_j, C)^2`` per unit, which the trimmed points' cost does not balance (measured,
    two blobs of 2,000 points, 300 seeds: 2.9x the cost at size 200 with a centre at
    (100, 100), 1.17x at 40 with one between the blobs). The ratio ``W_j / M_j`` moves no
    mass anywhere, so its bias is that of a ratio estimator, O(1 / draws): 1.000 +- 0.004 and
    0.99 +- 0.01 there. A cluster with no draw is carried by its centre, as in step 4.
    """
    cluster_mass = sample.cluster_mass
    rows, weights, labels, sampled_mass = _drawn_rows(sample)
    drawn = sampled_mass > 0
    ratio = np.divide(cluster_mass, sampled_mass, out=np.zeros_like(cluster_mass), where=drawn)
    weights = weights * ratio[labels]
    carriers = np.flatnonzero(~drawn & (cluster_mass > 0))
    return _with_carriers(X, sample, rows, weights, carriers, cluster_mass[carriers])


def _sensitivity_coreset(
    X: np.ndarray,
    n_clusters: int,
    size: int,
    weights: Weights,
    centers: np.ndarray | None,
    rng: np.random.Generator,
) -> Coreset:
    """:func:`sensitivity_coreset` on validated input (``centers`` None: D² seeding)."""
    exact = _exact_coreset(X, weights, size)
    if exact is not None:
        return exact
    sample = _sensitivity_sample(X, n_clusters, size, weights, centers, rng)
    if centers is not None:
        return _scale_mass(X, sample)
    return _correct_mass(X, sample)


def _check_merge(parts, offsets) -> tuple[list[Coreset], list[int]]:
    """Coresets to merge, validated (finite 2-D points of one width, finite non-negative
    weights and integer indices of their length), and one non-negative offset per part."""
    parts = [_check_part(part, i) for i, part in enumerate(parts)]
    n_features = {part.points.shape[1] for part in parts}
    if len(n_features) > 1:
        raise ValueError(
            f"cannot merge coresets with different numbers of features {sorted(n_features)}"
        )
    if offsets is None:
        return parts, [0] * len(parts)
    offsets = list(offsets)
    if len(offsets) != len(parts):
        raise ValueError(
            f"offsets must have one entry per coreset ({len(parts)}, this one first), "
            f"got {len(offsets)}"
        )
    offsets = [check_int(offset, "offsets[i]", minimum=0) for offset in offsets]
    largest = np.iinfo(np.int64).max
    for i, (part, offset) in enumerate(zip(parts, offsets, strict=True)):
        if part.indices.size and offset > largest - int(part.indices.max()):
            raise ValueError(
                f"offsets[{i}]={offset} plus that coreset's largest index "
                f"{int(part.indices.max())} exceeds the largest int64 row index ({largest})"
            )
    return parts, offsets


def _check_part(part, i: int) -> Coreset:
    """Coreset ``i`` of a merge (0: the one merged into), checked and converted."""
    if not isinstance(part, Coreset):
        raise TypeError(f"merge takes Coreset objects, got {type(part).__name__}")
    name = "self" if i == 0 else f"others[{i - 1}]"
    points = np.asarray(part.points)
    if points.ndim == 2 and points.shape[0] == 0 and points.dtype.kind == "f":
        pass  # an empty coreset (of a part that carries no weight) merges as nothing
    else:
        points = check_array(part.points, f"{name}.points")
    weights = np.asarray(part.weights)
    indices = np.asarray(part.indices)
    n_points = points.shape[0]
    if weights.dtype.kind not in "biuf" or weights.shape != (n_points,):
        raise ValueError(
            f"{name}.weights must be {n_points} real numbers, one per point, "
            f"got dtype {weights.dtype} and shape {weights.shape}"
        )
    if not (np.isfinite(weights).all() and (weights >= 0).all()):
        raise ValueError(f"{name}.weights must be finite and >= 0")
    if indices.dtype.kind not in "iu" or indices.shape != (n_points,) or (indices < -1).any():
        raise ValueError(
            f"{name}.indices must be {n_points} integers >= -1, one per point, "
            f"got dtype {indices.dtype} and shape {indices.shape}"
        )
    return Coreset(points, weights.astype(np.float64), indices.astype(np.int64))


# -- merge and reduce: a coreset of data given chunk by chunk --------------------------------


def merge_and_reduce(chunks, n_clusters: int, size: int, *, random_state=None) -> Coreset:
    """A sensitivity coreset of data read chunk by chunk: per-chunk coresets, merged and reduced.

    Each chunk becomes a :func:`sensitivity_coreset` of at most ``size`` points; coresets are
    then merged two by two (:meth:`Coreset.merge`) and each union of more than ``size`` points
    is reduced to a sensitivity coreset of ``size`` points (a coreset of a coreset), in the
    binary tree of :func:`fastkmeans._parallel.reduce_tree`. Chunks are read one at a time and
    at most ``log2(n_chunks) + 1`` coresets are held, so a memory-mapped file or a zarr array
    read block by block never has to fit in memory. :func:`fastkmeans.dask.sensitivity_coreset`
    builds the same tree on a Dask cluster, with the chunks' coresets built in parallel.

    Parameters
    ----------
    chunks : iterable of arrays of shape (n_rows, n_features), or of (points, weights) pairs
        The data, in row order; all chunks have the same number of features. A chunk may be
        empty or carry no weight.
    n_clusters : int
        The k the coreset is for.
    size : int
        Maximum number of points of every coreset in the tree, at least ``n_clusters``.
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Chunk ``i`` draws from the ``i``-th child of ``SeedSequence(random_state).spawn(2)[0]``
        and the ``j``-th reduction from the ``j``-th child of ``.spawn(2)[1]``, so the result
        depends only on the seed and the chunking (not on the order chunks are produced in).

    Returns
    -------
    Coreset
        At most ``size`` points; ``indices`` are rows of the concatenated chunks (-1 for a
        bicriteria centre carrying residual mass). The weights sum to the total weight of the
        data (up to rounding): every construction in the tree keeps its clusters' masses.

    Notes
    -----
    How the error composes: for a centre set ``C``, a union of coresets of disjoint parts has
    as cost the sum of their costs, so a merge of ``(1 +- eps)`` coresets is a ``(1 +- eps)``
    coreset of the union; a ``(1 +- eps2)`` coreset of a ``(1 +- eps1)`` coreset is a
    ``(1 +- eps1)(1 +- eps2)`` coreset. Every row reaches the root through at most
    ``L = ceil(log2(n_chunks))`` reductions after its chunk's own coreset, so if every
    construction is within ``(1 +- eps)`` for ``C``, the root is within
    ``(1 +- eps)^(L + 1)``, about ``1 +- (L + 1) eps``; and if each construction fails with
    probability at most ``delta``, all ``2 n_chunks - 1`` of them hold with probability at least
    ``1 - (2 n_chunks - 1) delta`` (union bound). For the same final accuracy, grow ``size``
    by a factor ``(L + 1)^2`` over the single-pass guidance of :func:`sensitivity_coreset`
    (its error shrinks like ``1 / sqrt(size)``), or use fewer, larger chunks.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans.coreset import merge_and_reduce
    >>> rng = np.random.default_rng(0)
    >>> X = np.concatenate([rng.normal(c, 1.0, size=(3000, 2)) for c in (0.0, 20.0, 40.0)])
    >>> rng.shuffle(X)
    >>> cs = merge_and_reduce(np.array_split(X, 8), 3, 200, random_state=0)
    >>> len(cs.points) <= 200, bool(np.isclose(cs.total_weight, len(X)))
    (True, True)
    >>> bool((cs.points[cs.indices >= 0] == X[cs.indices[cs.indices >= 0]]).all())
    True
    """
    n_clusters = check_int(n_clusters, "n_clusters", minimum=1)
    size = check_sample_size(size, n_clusters, "n_clusters")
    seeds = TreeSeeds(random_state)

    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:
        raise ValueError("chunks is empty: merge_and_reduce needs at least one chunk of data")

    def leaves():
        offset = 0
        n_features = None
        for i, chunk in enumerate(itertools.chain([first], chunks)):
            points, weights = check_chunk(chunk, f"chunks[{i}]", n_features)
            n_features = points.shape[1]
            yield chunk_coreset(points, weights, n_clusters, size, seeds.leaf(i), offset)
            offset += points.shape[0]

    coreset = reduce_tree(
        leaves(), lambda a, b, node: merge_reduce(a, b, n_clusters, size, seeds.node(node))
    )
    if coreset.points.shape[0] == 0:
        # As sensitivity_coreset refuses all-zero weights: no weight, no coreset.
        raise ValueError("the chunks carry no weight: every chunk is empty or weighs 0")
    return coreset


class TreeSeeds:
    """The random streams of a merge-and-reduce tree: one per chunk, one per reduction."""

    def __init__(self, random_state):
        if isinstance(random_state, np.random.Generator):
            root = np.random.SeedSequence(random_state.integers(2**63, size=4))
        elif isinstance(random_state, np.random.SeedSequence):
            root = random_state
        else:
            check_random_state(random_state)  # the same rules as everywhere
            root = np.random.SeedSequence(random_state)
        # root.spawn(3), without advancing a SeedSequence the caller passed.
        self.leaves, self.nodes, self._rest = (self._child(root, i) for i in range(3))

    @staticmethod
    def _child(parent: np.random.SeedSequence, i: int) -> np.random.SeedSequence:
        # The i-th child of parent.spawn(n), for any n > i, without spawning the first i.
        return np.random.SeedSequence(parent.entropy, spawn_key=(*parent.spawn_key, i))

    def leaf(self, i: int) -> np.random.Generator:
        """The stream of chunk ``i``."""
        return np.random.default_rng(self._child(self.leaves, i))

    def node(self, j: int) -> np.random.Generator:
        """The stream of the ``j``-th reduction."""
        return np.random.default_rng(self._child(self.nodes, j))

    def rest(self) -> np.random.Generator:
        """A stream for whatever a caller draws besides the tree (e.g. seeding on its root)."""
        return np.random.default_rng(self._rest)


def check_chunk(chunk, name: str, n_features: int | None) -> tuple[np.ndarray, Weights]:
    """A chunk's points and weights (an array, or a (points, weights) pair), validated."""
    points, weights = chunk if isinstance(chunk, tuple) and len(chunk) == 2 else (chunk, None)
    points = np.asarray(points)
    if points.ndim == 2 and points.shape[0] == 0:
        points = np.empty((0, points.shape[1]), dtype=np.result_type(points.dtype, np.float32))
    else:
        points = check_array(points, name)
    if n_features is not None and points.shape[1] != n_features:
        raise ValueError(
            f"{name} has {points.shape[1]} features, but the first chunk has {n_features}"
        )
    weights = check_sample_weight(
        weights, points.shape[0], name=f"{name} weights", allow_all_zero=True
    )
    return points, weights


def chunk_coreset(
    points: np.ndarray,
    weights: Weights,
    n_clusters: int,
    size: int,
    rng: np.random.Generator,
    offset: int,
) -> Coreset:
    """A leaf of the tree: a sensitivity coreset of one chunk, indices shifted by ``offset``."""
    if weights.n_positive == 0:
        empty = np.empty(0, dtype=np.int64)
        return Coreset(points[:0], np.empty(0), empty)
    coreset = _sensitivity_coreset(points, n_clusters, size, weights, None, rng)
    return coreset.merge(offsets=[offset])


def merge_reduce(
    left: Coreset, right: Coreset, n_clusters: int, size: int, rng: np.random.Generator
) -> Coreset:
    """An inner node of the tree: the union, reduced to ``size`` points when larger."""
    merged = left.merge(right)
    if merged.points.shape[0] <= size:
        return merged
    reduced = _sensitivity_coreset(
        merged.points, n_clusters, size, Weights.of(merged.weights), None, rng
    )
    rows = np.where(reduced.indices >= 0, merged.indices[reduced.indices], -1)
    return reduced._replace(indices=rows.astype(np.int64))
