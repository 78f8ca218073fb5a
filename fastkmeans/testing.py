"""Coreset-accuracy checks and hypothesis strategies for users' own test suites.

The distortion protocol: a coreset ``S`` of data ``X`` is judged on candidate solutions that a
user of the coreset would actually meet, namely k-means solutions computed *on the coreset*
(which is where a bad coreset misleads), random convex combinations of them, and any solutions
the caller adds. For each candidate ``C`` the two costs are compared both ways round,
``max(cost(X, C) / cost(S, C), cost(S, C) / cost(X, C))``, and the distortion is the worst
value: 1 for a perfect coreset.

hypothesis is only needed for :func:`weighted_datasets`, and is imported when it is called.

Examples
--------
In a test suite:

>>> import numpy as np
>>> from fastkmeans import sensitivity_coreset
>>> from fastkmeans.testing import assert_coreset_accurate, coreset_distortion
>>> rng = np.random.default_rng(0)
>>> X = np.concatenate([rng.normal(c, 1.0, size=(500, 2)) for c in (0.0, 10.0, 30.0)])
>>> cs = sensitivity_coreset(X, 3, 200, random_state=0)
>>> report = assert_coreset_accurate(X, cs, 3, eps=0.5, random_state=0)
>>> bool(report.distortion <= 1.5), report.n_solutions
(True, 15)
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from ._scaling import data_exponent, max_abs, scaled, unscaled_cost
from ._steps import labels_and_inertia
from ._validation import (
    Weights,
    check_array,
    check_centers,
    check_coreset,
    check_int,
    check_n_clusters,
    check_random_state,
    check_real,
    check_sample_weight,
)
from .exceptions import ConvergenceWarning, FewDistinctPointsWarning
from .kmeans import KMeans


class DistortionReport(NamedTuple):
    """The outcome of :func:`coreset_distortion` with ``details=True``.

    Attributes
    ----------
    distortion : float
        The worst ``max(cost_data / cost_coreset, cost_coreset / cost_data)``; 1 is perfect.
    solution : str
        Which candidate solution attains it.
    centers : ndarray of shape (n_centers, n_features)
        That solution's centres.
    cost_data : float
        Its cost on the data.
    cost_coreset : float
        Its cost on the coreset.
    n_solutions : int
        Number of candidate solutions examined.
    """

    distortion: float
    solution: str
    centers: np.ndarray
    cost_data: float
    cost_coreset: float
    n_solutions: int


def coreset_distortion(
    X,
    coreset,
    n_clusters: int,
    *,
    sample_weight=None,
    solutions: Sequence | None = None,
    n_runs: int = 5,
    n_combinations: int = 10,
    random_state=None,
    details: bool = False,
) -> float | DistortionReport:
    """Worst cost ratio, either way round, between a coreset and its data over candidate solutions.

    Candidates: ``n_runs`` k-means solutions with ``n_clusters`` centres fitted on the coreset
    (:class:`fastkmeans.KMeans`, D² seeding, different seeds); ``n_combinations`` random convex
    combinations of them (each run's centres matched to the first run's, then averaged with
    Dirichlet(1, ..., 1) weights); and the given ``solutions``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The data the coreset summarises.
    coreset : Coreset or tuple (points, weights)
        The weighted point set to judge.
    n_clusters : int
        Number of centres of the fitted candidate solutions.
    sample_weight : array-like of shape (n_samples,), optional
        Weights of X.
    solutions : sequence of array-like of shape (n_centers, n_features), optional
        Extra candidate solutions (any number of centres each).
    n_runs : int, default=5
        k-means fits on the coreset (0 to judge only the given solutions). A coreset with fewer
        points of positive weight than ``n_clusters`` (an exact coreset of data with few
        distinct points) is fitted with one cluster per point.
    n_combinations : int, default=10
        Random convex combinations of the fitted solutions (used when ``n_runs >= 2``).
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Seeds the fits and the combinations.
    details : bool, default=False
        Return a :class:`DistortionReport` instead of the number.

    Returns
    -------
    float or DistortionReport
        ``inf`` when one cost is zero and the other is not.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import uniform_coreset
    >>> from fastkmeans.testing import coreset_distortion
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> coreset_distortion(X, (X, np.ones(4)), 2, random_state=0)  # X summarises itself
    1.0
    >>> far = np.array([[0.0], [0.1], [0.2], [100.0]])
    >>> near_only = (far[:3], np.array([4 / 3, 4 / 3, 4 / 3]))  # forgets the outlier
    >>> report = coreset_distortion(far, near_only, 1, n_combinations=0, random_state=0,
    ...                             details=True)
    >>> bool(report.distortion > 100), report.solution
    (True, 'k-means on the coreset, run 0')
    >>> report.cost_data > report.cost_coreset  # the coreset misses the outlier's cost
    True
    """
    X = check_array(X)
    sample_weight = check_sample_weight(sample_weight, X.shape[0])
    n_features = X.shape[1]
    points, weights = check_coreset(coreset, n_features, X.dtype)
    n_clusters = check_n_clusters(n_clusters, X.shape[0], sample_weight)
    n_runs = check_int(n_runs, "n_runs", minimum=0)
    n_combinations = check_int(n_combinations, "n_combinations", minimum=0)
    if solutions is None:
        solutions = []
    elif isinstance(solutions, np.ndarray) or not isinstance(solutions, Sequence):
        raise TypeError(
            "solutions must be a sequence (list or tuple) of centre arrays, got "
            f"{type(solutions).__name__}: wrap one solution as [centers]"
        )
    given = [
        check_centers(solution, n_features, X.dtype, f"solutions[{i}]")
        for i, solution in enumerate(solutions)
    ]
    if n_runs == 0 and not given:
        raise ValueError("no candidate solutions: use n_runs >= 1 or pass solutions")
    rng = check_random_state(random_state)

    n_fitted = min(n_clusters, weights.n_positive)
    candidates = _candidate_solutions(points, weights, n_fitted, n_runs, n_combinations, rng)
    candidates += [(f"solutions[{i}] (given)", centers) for i, centers in enumerate(given)]
    # Every cost on data rescaled by one power of two when the magnitudes need it (see
    # fastkmeans._scaling): the ratios are exact, and the reported costs scaled back.
    magnitude = max(max_abs(X), max_abs(points), *(max_abs(c) for _, c in candidates))
    total = max(sample_weight.total, weights.total)
    exponent = data_exponent(magnitude, X.dtype, n_features, total)
    X, points = scaled(X, exponent), scaled(points, exponent)
    worst = None
    for name, centers in candidates:
        in_range = scaled(centers, exponent)
        cost_data = labels_and_inertia(X, sample_weight, in_range, with_labels=False)[1]
        cost_coreset = labels_and_inertia(points, weights, in_range, with_labels=False)[1]
        # The two weight exponents differ when the weights' totals do: the ratio takes their
        # difference, so it stays exact where a cost in the caller's units would overflow.
        ratio = _ratio(cost_data, cost_coreset, weights.exponent - sample_weight.exponent)
        if worst is None or ratio > worst.distortion:
            costs = (  # inf, with a warning, beyond float64's range; the ratio is exact
                unscaled_cost(cost_data, exponent, sample_weight.exponent),
                unscaled_cost(cost_coreset, exponent, weights.exponent),
            )
            worst = DistortionReport(ratio, name, centers, *costs, len(candidates))
    return worst if details else worst.distortion


def assert_coreset_accurate(
    X,
    coreset,
    n_clusters: int,
    eps: float,
    *,
    sample_weight=None,
    solutions: Sequence | None = None,
    n_runs: int = 5,
    n_combinations: int = 10,
    random_state=None,
) -> DistortionReport:
    """Assert that the coreset's distortion is at most ``1 + eps``.

    That is, for every candidate solution ``C`` of :func:`coreset_distortion`,
    ``cost(S, C) / cost(X, C)`` lies in ``[1 / (1 + eps), 1 + eps]``. Parameters as there.

    Returns
    -------
    DistortionReport
        When the assertion holds.

    Raises
    ------
    AssertionError
        Naming the worst solution, both of its costs and their ratio.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans.testing import assert_coreset_accurate
    >>> X = np.array([[0.0], [0.1], [0.2], [100.0]])
    >>> assert_coreset_accurate(X, (X[:3], np.full(3, 4 / 3)), 1, eps=0.5, n_combinations=0,
    ...                         random_state=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    AssertionError: coreset distortion 3.74e+05 exceeds 1 + eps = 1.5: worst solution ...
    """
    eps = check_real(eps, "eps", positive=True)
    report = coreset_distortion(
        X,
        coreset,
        n_clusters,
        sample_weight=sample_weight,
        solutions=solutions,
        n_runs=n_runs,
        n_combinations=n_combinations,
        random_state=random_state,
        details=True,
    )
    if not report.distortion <= 1.0 + eps:
        side = ""
        if report.cost_coreset != report.cost_data:  # equal only when both overflowed
            side = "above" if report.cost_coreset > report.cost_data else "below"
            side = f" (the coreset's cost lies {side} the data's)"
        raise AssertionError(
            f"coreset distortion {report.distortion:.3g} exceeds 1 + eps = {1.0 + eps:.6g}: "
            f"worst solution {report.solution!r} ({report.centers.shape[0]} centres): "
            f"cost on X = {report.cost_data:.6g}, cost on the coreset = "
            f"{report.cost_coreset:.6g}{side}"
        )
    return report


def weighted_datasets(
    *,
    min_samples: int = 1,
    max_samples: int = 40,
    max_features: int = 3,
    integer: bool = False,
    weighted: bool = True,
    max_abs: float = 100.0,
    dtype=np.float64,
):
    """A hypothesis strategy for small bounded ``(X, sample_weight)`` pairs.

    ``X`` has ``min_samples..max_samples`` rows, ``1..max_features`` features and finite values in
    ``[-max_abs, max_abs]`` (integers when ``integer``, which keeps every sum exact: useful for
    invariance tests); ``sample_weight`` is ``None`` or non-negative integers ``0..4`` with at
    least one positive (when ``weighted``).

    Examples
    --------
    >>> from hypothesis import given
    >>> from fastkmeans.testing import weighted_datasets
    >>> @given(weighted_datasets(max_samples=10))
    ... def test_total_weight(data):
    ...     X, w = data
    ...     assert w is None or w.sum() > 0
    >>> test_total_weight()
    """
    from hypothesis import strategies as st
    from hypothesis.extra import numpy as hnp

    min_samples = check_int(min_samples, "min_samples", minimum=1)
    max_samples = check_int(max_samples, "max_samples", minimum=min_samples)
    max_features = check_int(max_features, "max_features", minimum=1)
    max_abs = check_real(max_abs, "max_abs")
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"dtype={dtype} must be float32 or float64")
    if max_abs > float(np.finfo(dtype).max):
        raise ValueError(
            f"max_abs={max_abs!r} must be <= the largest {dtype} ({float(np.finfo(dtype).max):.6g})"
        )
    width = 8 * dtype.itemsize
    if integer:
        exact = 2 ** (np.finfo(dtype).nmant + 1)  # every integer up to it is a float of dtype
        if max_abs > exact:
            raise ValueError(
                f"max_abs={max_abs!r} must be <= {exact} with integer=True and {dtype}: larger "
                f"integers are not all {dtype} values"
            )
        limit = int(max_abs)
        elements = st.integers(-limit, limit).map(float)
    else:
        # Bounds and values drawn in dtype itself: float64 values cast to float32 could round
        # past max_abs, or below float32's normal range into its subnormals.
        bound = float(np.array(max_abs, dtype))
        if bound > max_abs:
            bound = float(np.nextafter(np.array(bound, dtype), dtype.type(0)))
        elements = st.floats(
            -bound,
            bound,
            width=width,
            allow_nan=False,
            allow_infinity=False,
            allow_subnormal=False,
        )

    @st.composite
    def datasets(draw):
        n_samples = draw(st.integers(min_samples, max_samples))
        n_features = draw(st.integers(1, max_features))
        X = draw(hnp.arrays(dtype, (n_samples, n_features), elements=elements))
        if not weighted or not draw(st.booleans()):
            return X, None
        w = draw(hnp.arrays(np.float64, n_samples, elements=st.integers(0, 4).map(float)))
        if not (w > 0).any():
            w[draw(st.integers(0, n_samples - 1))] = 1.0
        return X, w

    return datasets()


# -- candidate solutions ---------------------------------------------------------------------


def _candidate_solutions(
    points: np.ndarray,
    weights: Weights,
    n_clusters: int,
    n_runs: int,
    n_combinations: int,
    rng: np.random.Generator,
) -> list[tuple[str, np.ndarray]]:
    runs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FewDistinctPointsWarning)
        warnings.simplefilter("ignore", ConvergenceWarning)
        # A fit's own inertia may lie beyond float64 (huge weights); the costs compared here
        # are computed apart, in range.
        warnings.filterwarnings("ignore", "the cost lies", RuntimeWarning)
        for _ in range(n_runs):
            seed = int(rng.integers(2**63))
            km = KMeans(n_clusters, random_state=seed).fit(points, sample_weight=weights.array())
            runs.append(km.cluster_centers_)
    candidates = [(f"k-means on the coreset, run {i}", c) for i, c in enumerate(runs)]
    if len(runs) >= 2:
        aligned = np.stack([_match(runs[0], c) for c in runs]).astype(np.float64)
        for i in range(n_combinations):
            mix = rng.dirichlet(np.ones(len(runs)))
            centers = np.tensordot(mix, aligned, axes=1).astype(points.dtype)
            candidates.append((f"convex combination {i} of the k-means runs", centers))
    return candidates


def _match(reference: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """``centers`` reordered to follow ``reference``: closest pairs matched first.

    Distances are compared on both sets divided by their largest magnitude, so that squares
    of coordinates near float64's limits neither overflow nor underflow (the pairing is the
    same at every scale).
    """
    reference64, centers64 = reference.astype(np.float64), centers.astype(np.float64)
    largest = max(float(np.abs(reference64).max()), float(np.abs(centers64).max()))
    if largest > 0.0:
        reference64, centers64 = reference64 / largest, centers64 / largest
    d = ((reference64[:, None, :] - centers64[None, :, :]) ** 2).sum(axis=2)
    order = np.empty(reference.shape[0], dtype=np.int64)
    free_ref = np.ones(reference.shape[0], bool)
    free_cen = np.ones(centers.shape[0], bool)
    remaining = reference.shape[0]
    for pair in np.argsort(d, axis=None, kind="stable"):
        i, j = divmod(int(pair), centers.shape[0])
        if free_ref[i] and free_cen[j]:
            order[i] = j
            free_ref[i] = free_cen[j] = False
            remaining -= 1
            if remaining == 0:
                break
    return centers[order]


def _ratio(cost_data: float, cost_coreset: float, exponent: int = 0) -> float:
    """``max(a / b, b / a)`` for ``a = cost_data`` and ``b = cost_coreset * 2^-exponent``."""
    if cost_data == 0.0 and cost_coreset == 0.0:
        return 1.0
    if cost_data <= 0.0 or cost_coreset <= 0.0:
        return float("inf")
    a, b = np.float64(cost_data), np.float64(cost_coreset)
    with np.errstate(over="ignore", under="ignore"):
        return float(max(np.ldexp(a / b, exponent), np.ldexp(b / a, -exponent)))
