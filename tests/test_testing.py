"""fastkmeans.testing: the distortion protocol, the assertion and the hypothesis strategy."""

import doctest
import warnings

import numpy as np
import pytest
from hypothesis import given
from numpy.testing import assert_allclose, assert_array_equal

import fastkmeans.coreset
import fastkmeans.image
import fastkmeans.kmeans
import fastkmeans.metrics
import fastkmeans.seeding
import fastkmeans.testing
from fastkmeans import FewDistinctPointsWarning, KMeans, sensitivity_coreset
from fastkmeans.testing import (
    DistortionReport,
    assert_coreset_accurate,
    coreset_distortion,
    weighted_datasets,
)

from . import naive


@pytest.fixture(scope="module")
def outlier_data():
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(size=(300, 2)), [[200.0, 0.0], [0.0, 300.0]]])
    w = rng.integers(1, 3, size=len(X)).astype(np.float64)
    return X, w


def test_the_data_summarises_itself_exactly(outlier_data):
    X, w = outlier_data
    assert coreset_distortion(X, (X, w), 3, sample_weight=w, random_state=0) == 1.0
    report = assert_coreset_accurate(X, (X, w), 3, 1e-9, sample_weight=w, random_state=0)
    assert report.distortion == 1.0


def test_report_is_the_worst_candidate_and_its_costs(outlier_data):
    X, w = outlier_data
    cs = sensitivity_coreset(X, 3, 60, sample_weight=w, random_state=1)
    given_solution = np.array([[0.0, 0.0], [50.0, 50.0]])
    report = coreset_distortion(
        X,
        cs,
        3,
        sample_weight=w,
        solutions=[given_solution],
        n_runs=4,
        n_combinations=6,
        random_state=2,
        details=True,
    )
    assert isinstance(report, DistortionReport)
    assert report.n_solutions == 4 + 6 + 1
    assert_allclose(report.cost_data, naive.cost(X, report.centers, w), rtol=1e-10)
    assert_allclose(
        report.cost_coreset, naive.cost(cs.points, report.centers, cs.weights), rtol=1e-10
    )
    ratio = max(report.cost_data / report.cost_coreset, report.cost_coreset / report.cost_data)
    assert_allclose(report.distortion, ratio, rtol=1e-12)
    # The worst is at least as bad as the given solution and as every fitted one.
    given_ratio = naive.cost(X, given_solution, w) / naive.cost(
        cs.points, given_solution, cs.weights
    )
    assert report.distortion >= max(given_ratio, 1 / given_ratio) * (1 - 1e-12)
    assert report.distortion >= 1.0
    assert (
        coreset_distortion(
            X,
            cs,
            3,
            sample_weight=w,
            solutions=[given_solution],
            n_runs=4,
            n_combinations=6,
            random_state=2,
        )
        == report.distortion
    )


def test_only_given_solutions():
    X = np.array([[0.0], [2.0], [4.0]])
    coreset = (np.array([[1.0], [4.0]]), np.array([2.0, 1.0]))
    C = np.array([[0.0]])
    # cost on X: 0 + 4 + 16 = 20; on the coreset: 2 * 1 + 16 = 18.
    report = coreset_distortion(X, coreset, 1, solutions=[C], n_runs=0, details=True)
    assert report.solution == "solutions[0] (given)"
    assert (report.cost_data, report.cost_coreset) == (20.0, 18.0)
    assert report.distortion == pytest.approx(20.0 / 18.0, rel=1e-15)


def test_zero_cost_on_one_side_only_is_infinite():
    X = np.array([[0.0], [1.0]])
    coreset = (np.array([[0.0]]), np.array([2.0]))
    assert coreset_distortion(X, coreset, 1, solutions=[np.array([[0.0]])], n_runs=0) == np.inf


def test_failure_message_names_the_worst_solution_and_both_costs():
    X = np.array([[0.0], [0.1], [0.2], [100.0]])
    forgetful = (X[:3], np.full(3, 4 / 3))  # forgets the outlier: every fit misses it
    with pytest.raises(AssertionError) as info:
        assert_coreset_accurate(X, forgetful, 1, eps=0.5, random_state=0)
    message = str(info.value)
    report = coreset_distortion(X, forgetful, 1, random_state=0, details=True)
    assert message.startswith(f"coreset distortion {report.distortion:.3g} exceeds 1 + eps = 1.5")
    assert repr(report.solution) in message
    assert f"cost on X = {report.cost_data:.6g}" in message
    assert f"cost on the coreset = {report.cost_coreset:.6g}" in message


def test_convex_combinations_interpolate_matched_centres():
    reference = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    shuffled = reference[[2, 0, 1]] + 0.1
    matched = fastkmeans.testing._match(reference, shuffled)
    assert_allclose(matched, reference + 0.1)


def test_validation_errors():
    X = np.arange(12.0).reshape(6, 2)
    coreset = (X[:3], np.ones(3))
    with pytest.raises(ValueError, match=r"eps=0.0 must be finite and > 0"):
        assert_coreset_accurate(X, coreset, 2, 0.0)
    with pytest.raises(ValueError, match=r"eps=nan must be finite and > 0"):
        assert_coreset_accurate(X, coreset, 2, float("nan"))
    with pytest.raises(TypeError, match="eps must be a positive number"):
        assert_coreset_accurate(X, coreset, 2, "0.1")
    with pytest.raises(TypeError, match="coreset must be a Coreset or a"):
        coreset_distortion(X, X, 2)
    with pytest.raises(ValueError, match="coreset.points has 3 features, but X has 2"):
        coreset_distortion(X, (np.zeros((3, 3)), np.ones(3)), 2)
    # The coreset's weights are named as such (they were called "sample_weight").
    with pytest.raises(ValueError, match=r"^coreset.weights must have shape \(3,\)"):
        coreset_distortion(X, (X[:3], np.ones(4)), 2)
    with pytest.raises(ValueError, match="^coreset.weights must be finite"):
        coreset_distortion(X, (X[:2], [np.nan, 1.0]), 1)
    with pytest.raises(ValueError, match=r"solutions\[1\] has 1 features, but X has 2"):
        coreset_distortion(X, coreset, 2, solutions=[X[:2], np.zeros((2, 1))])
    with pytest.raises(ValueError, match="no candidate solutions: use n_runs >= 1"):
        coreset_distortion(X, coreset, 2, n_runs=0)
    with pytest.raises(ValueError, match="n_runs=-1 must be >= 0"):
        coreset_distortion(X, coreset, 2, n_runs=-1)


@given(weighted_datasets(min_samples=2, max_samples=12, max_features=2, max_abs=10.0))
def test_weighted_datasets_strategy(data):
    X, w = data
    assert X.ndim == 2 and 2 <= X.shape[0] <= 12 and 1 <= X.shape[1] <= 2
    assert np.isfinite(X).all() and (np.abs(X) <= 10.0).all()
    if w is not None:
        assert w.shape == (X.shape[0],) and (w >= 0).all() and (w > 0).any()
        assert (w == np.round(w)).all()


def test_weighted_datasets_strategy_reaches_its_bounds():
    # Bounds that are only upper limits pass the test above even if never reached (a
    # strategy that always drew one feature passed it).
    from hypothesis import find, settings

    strategy = weighted_datasets(min_samples=2, max_samples=12, max_features=3, max_abs=10.0)
    quick = settings(database=None, max_examples=500)
    assert find(strategy, lambda d: d[0].shape[1] == 3, settings=quick)[0].shape[1] == 3
    assert find(strategy, lambda d: d[0].shape[0] == 12, settings=quick)[0].shape[0] == 12
    assert find(strategy, lambda d: d[1] is None, settings=quick)[1] is None
    assert find(strategy, lambda d: d[1] is not None and (d[1] == 0).any(), settings=quick)
    assert find(strategy, lambda d: np.abs(d[0]).max() > 9.0, settings=quick)


@pytest.mark.parametrize(
    "module",
    [
        fastkmeans.coreset,
        fastkmeans.image,
        fastkmeans.kmeans,
        fastkmeans.metrics,
        fastkmeans.seeding,
        fastkmeans.testing,
    ],
)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("n_clusters", [1, 3])
def test_the_exact_coreset_of_constant_data_is_accepted_and_perfect(n_clusters):
    # Constant data: the library's own coreset is one point carrying all the weight, fewer
    # points than clusters; it is exact, so every solution costs the same on both.
    X = np.full((100, 2), 7.0)
    cs = sensitivity_coreset(X, n_clusters, 20, random_state=0)
    assert len(cs.points) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FewDistinctPointsWarning)
        assert coreset_distortion(X, cs, n_clusters, random_state=0) == 1.0
        assert_coreset_accurate(X, cs, n_clusters, eps=1e-12, random_state=0)


def _bad_coreset():
    # Ten points of one corner of the data carrying all its weight: a poor summary.
    X = np.random.default_rng(4).normal(size=(300, 2))
    return X, X[:10] * 5, np.full(10, 30.0)


@pytest.mark.parametrize("weight_exponent", [1016, -1070])
def test_distortion_is_exact_when_the_total_weight_leaves_float64(weight_exponent):
    # Weights times 2^e (exact): the costs in the caller's units leave float64's range, the
    # ratio does not, and a bad coreset must not pass as perfect (inf / inf or 0 / 0). Weights
    # of 2 keep the reference off the unit-weight path, which sums in another order.
    X, points, weights = _bad_coreset()
    sample_weight = np.full(len(X), 2.0)
    expected = coreset_distortion(X, (points, 2 * weights), 3, sample_weight=sample_weight)
    assert expected > 1.5
    big_weights = np.ldexp(2 * weights, weight_exponent)
    big_sample_weight = np.ldexp(sample_weight, weight_exponent)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the reported costs are inf or 0
        distortion = coreset_distortion(
            X, (points, big_weights), 3, sample_weight=big_sample_weight, random_state=0
        )
        assert distortion == coreset_distortion(
            X, (points, 2 * weights), 3, sample_weight=sample_weight, random_state=0
        )
        with pytest.raises(AssertionError, match="coreset distortion"):
            assert_coreset_accurate(
                X, (points, big_weights), 3, eps=0.5, sample_weight=big_sample_weight
            )


@pytest.mark.parametrize("data_exponent", [1000, -1000])
def test_distortion_is_the_same_at_every_scale_of_the_data(data_exponent):
    # The fitted candidates scale exactly; matching their centres for the convex combinations
    # must not square coordinates out of range (which paired them arbitrarily).
    X, points, weights = _bad_coreset()
    expected = coreset_distortion(X, (points, weights), 3, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning leaks from the matching
        # The reported costs of data scaled by 2^1000 or 2^-1000 are inf or 0, and say so.
        warnings.filterwarnings("ignore", "the cost lies", RuntimeWarning)
        distortion = coreset_distortion(
            np.ldexp(X, data_exponent),
            (np.ldexp(points, data_exponent), weights),
            3,
            random_state=0,
        )
    assert distortion == expected


def test_solutions_must_be_a_sequence_of_arrays():
    X, points, weights = _bad_coreset()
    with pytest.raises(TypeError, match=r"solutions must be a sequence .* wrap one solution"):
        coreset_distortion(X, (points, weights), 3, solutions=X[:3])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"min_samples": 0}, "min_samples=0 must be >= 1"),
        ({"min_samples": 5, "max_samples": 4}, "max_samples=4 must be >= 5"),
        ({"max_features": 0}, "max_features=0 must be >= 1"),
        (
            {"max_abs": 1e300, "dtype": np.float32},
            r"max_abs=1e\+300 must be <= the largest float32",
        ),
        ({"dtype": np.int64}, "dtype=int64 must be float32 or float64"),
    ],
)
def test_weighted_datasets_refuses_what_it_cannot_draw(options, message):
    with pytest.raises(ValueError, match=message):
        weighted_datasets(**options)


def test_candidates_are_weighted_k_means_runs_and_mixtures_of_matched_centres():
    # What a distortion is judged on: nothing caught a candidate fit of 1 cluster, a fit that
    # ignored the coreset's weights, or mixtures of runs whose centres were not matched first
    # (each averaging centres of different groups, between them).
    from fastkmeans._validation import Weights
    from fastkmeans.testing import _candidate_solutions

    groups = [np.random.default_rng(0).normal(c, 1.0, size=(6, 2)) for c in (0.0, 20.0, 40.0)]
    points = np.concatenate(groups)
    weights = np.tile([1.0, 1, 1, 1, 1, 20.0], 3)  # the weighted means are not the means
    n_runs, n_combinations = 4, 3
    candidates = _candidate_solutions(
        points, Weights.of(weights), 3, n_runs, n_combinations, np.random.default_rng(7)
    )
    assert len(candidates) == n_runs + n_combinations
    rng = np.random.default_rng(7)  # the same draws, in the same order
    seeds = [int(rng.integers(2**63)) for _ in range(n_runs)]
    runs = [c for _, c in candidates[:n_runs]]
    for seed, centres in zip(seeds, runs, strict=True):
        km = KMeans(3, random_state=seed).fit(points, sample_weight=weights)
        assert_array_equal(centres, km.cluster_centers_)
        # One centre per group, at its weighted mean.
        expected = [np.average(g, axis=0, weights=weights[:6]) for g in groups]
        assert_allclose(centres[np.argsort(centres[:, 0])], expected, rtol=1e-12)
    orders = {tuple(np.argsort(c[:, 0])) for c in runs}
    assert len(orders) > 1, "the runs must number their clusters differently for this test"
    by_group = np.stack([c[np.argsort(c[:, 0])] for c in runs])
    for _, mixture in candidates[n_runs:]:
        mix = rng.dirichlet(np.ones(n_runs))
        expected = np.tensordot(mix, by_group, axes=1)
        assert_allclose(mixture[np.argsort(mixture[:, 0])], expected, rtol=1e-12)


@pytest.mark.parametrize(
    "options",
    [{"max_abs": 0.1}, {"max_abs": 1e-30}, {"integer": True, "max_abs": 2**24}],
    ids=str,
)
def test_float32_datasets_keep_their_bounds(options):
    # Drawn in float64 and cast, values rounded past max_abs (0.10000000149 for 0.1,
    # 33554432 for integers up to 33554431) and into float32's subnormals (max_abs=1e-30).
    from hypothesis import settings

    @settings(max_examples=60, deadline=None)
    @given(weighted_datasets(dtype=np.float32, **options))
    def check(data):
        X, _ = data
        assert X.dtype == np.float32
        assert np.abs(X).max() <= options["max_abs"]
        nonzero = np.abs(X[X != 0])
        assert (nonzero >= np.finfo(np.float32).tiny).all()

    check()
    with pytest.raises(ValueError, match="must be <= 16777216 with integer=True and float32"):
        weighted_datasets(dtype=np.float32, integer=True, max_abs=2**24 + 1)
