"""D² seeding: sampling distribution and the k-means++ approximation guarantee."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_array_equal

from fastkmeans import FewDistinctPointsWarning, kmeans_plusplus

from . import naive

FALSE_FAILURE = 1e-10


def chi2_sf(x, df):
    """P(chi2_df > x), closed form for integer df (no scipy needed)."""
    half = x / 2.0
    if df % 2 == 0:
        return math.exp(-half) * sum(half**i / math.factorial(i) for i in range(df // 2))
    term, total = math.sqrt(2 * x / math.pi) * math.exp(-half), 0.0
    for i in range(df // 2):
        total += term
        term *= x / (2 * i + 3)
    return math.erfc(math.sqrt(half)) + total


def chi2_critical(df, alpha):
    """The x with P(chi2_df > x) = alpha, by bisection."""
    lo, hi = 0.0, 10000.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if chi2_sf(mid, df) > alpha else (lo, mid)
    return hi


def test_chi2_helper_matches_known_quantiles():
    # Textbook 95% quantiles.
    for df, q in [(1, 3.841), (2, 5.991), (3, 7.815), (4, 9.488), (7, 14.067)]:
        assert abs(chi2_critical(df, 0.05) - q) < 1e-3


def test_first_centre_drawn_proportionally_to_weight():
    X = np.arange(6, dtype=np.float64).reshape(6, 1)
    w = np.array([1.0, 2.0, 3.0, 4.0, 0.0, 5.0])
    n_draws = 6000
    counts = np.zeros(6)
    for seed in range(n_draws):
        _, (index,) = kmeans_plusplus(X, 1, sample_weight=w, random_state=seed)
        counts[index] += 1
    assert counts[4] == 0, "a row of weight zero was chosen"
    positive = w > 0
    expected = n_draws * w[positive] / w.sum()
    statistic = ((counts[positive] - expected) ** 2 / expected).sum()
    df = positive.sum() - 1  # 4
    # Fails for a correct implementation with probability 1e-10 over the seeds.
    assert statistic < chi2_critical(df, FALSE_FAILURE), (counts, expected)


TINY_INSTANCES = [
    (np.array([[0.0], [1.0], [10.0], [11.0], [30.0]]), 2, None),
    (np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [6.0, 5.0], [-4.0, 8.0], [-4.0, 9.0]]), 3, None),
    (np.array([[0.0], [2.0], [3.0], [9.0], [20.0], [21.0]]), 3, np.array([1, 3, 1, 2, 1, 4.0])),
]


def test_plain_d2_draws_follow_the_exact_sequence_distribution():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [4.0, 0.0], [0.0, 7.0], [9.0, 9.0]])
    w = np.array([1.0, 3.0, 1.0, 2.0, 1.0])
    exact = {}

    def enumerate_draws(chosen, prob):
        if len(chosen) == 3:
            exact[tuple(chosen)] = prob
            return
        mass = w * (naive.sq_distances(X, X[chosen]).min(axis=1) if chosen else 1.0)
        for i in np.flatnonzero(mass > 0):
            enumerate_draws(chosen + [int(i)], prob * mass[i] / mass.sum())

    enumerate_draws([], 1.0)
    n_draws = 20000
    counts = dict.fromkeys(exact, 0)
    for seed in range(n_draws):
        _, indices = kmeans_plusplus(X, 3, sample_weight=w, random_state=seed, n_local_trials=1)
        key = tuple(indices.tolist())
        assert key in counts, f"impossible draw sequence {key}"
        counts[key] += 1
    expected = np.array([n_draws * exact[key] for key in exact])
    observed = np.array([counts[key] for key in exact])
    statistic = ((observed - expected) ** 2 / expected).sum()
    assert statistic < chi2_critical(len(exact) - 1, FALSE_FAILURE), statistic


@pytest.mark.parametrize("X, k, w", TINY_INSTANCES)
def test_d2_seeding_cost_within_kmeanspp_bound(X, k, w):
    opt = naive.optimal_cost(X, k, w)
    outcomes = naive.d2_seeding_cost_distribution(X, k, w)
    costs = np.array([c for c, _ in outcomes])
    probs = np.array([p for _, p in outcomes])
    assert abs(probs.sum() - 1) < 1e-12
    expected = float((costs * probs).sum())
    bound = 8 * (math.log(k) + 2) * opt
    # Arthur & Vassilvitskii's theorem, checked exactly on the enumerated distribution.
    assert expected <= bound

    n_runs = 1000
    sampled = [
        naive.cost(
            X, kmeans_plusplus(X, k, sample_weight=w, random_state=s, n_local_trials=1)[0], w
        )
        for s in range(n_runs)
    ]
    mean = float(np.mean(sampled))
    # Hoeffding, two-sided, for costs in [0, max cost]: a correct sampler fails this with
    # probability <= 1e-10 over the seeds; a biased one drifts away from the exact expectation.
    slack = costs.max() * math.sqrt(math.log(2 / FALSE_FAILURE) / (2 * n_runs))
    assert abs(mean - expected) <= slack, (mean, expected, slack)
    if expected + slack <= bound:
        assert mean <= bound


def test_greedy_seeding_no_worse_than_plain_on_average():
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(loc=c, size=(200, 2)) for c in rng.uniform(-50, 50, (10, 2))])
    plain = np.mean(
        [
            naive.cost(X, kmeans_plusplus(X, 10, random_state=s, n_local_trials=1)[0])
            for s in range(60)
        ]
    )
    greedy = np.mean([naive.cost(X, kmeans_plusplus(X, 10, random_state=s)[0]) for s in range(60)])
    assert greedy < plain


@given(st.integers(0, 2**32 - 1), st.integers(1, 6))
def test_centres_are_the_indexed_rows_and_distinct(seed, k):
    X = np.random.default_rng(seed).normal(size=(50, 3))
    centers, indices = kmeans_plusplus(X, k, random_state=seed)
    assert centers.dtype == X.dtype
    assert_array_equal(centers, X[indices])
    assert len(set(indices.tolist())) == k


def test_zero_weight_rows_never_chosen():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 2))
    w = np.zeros(300)
    w[::7] = 1.0
    for seed in range(30):
        _, indices = kmeans_plusplus(X, 8, sample_weight=w, random_state=seed)
        assert (w[indices] > 0).all()


def test_seeding_scale_and_weight_invariance():
    X = np.random.default_rng(2).normal(size=(5000, 4))  # several blocks
    w = np.random.default_rng(3).uniform(0.5, 2, size=5000)
    _, a = kmeans_plusplus(X, 9, sample_weight=w, random_state=4)
    _, b = kmeans_plusplus(X * 1024.0, 9, sample_weight=w / 8.0, random_state=4)
    assert_array_equal(a, b)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n_features", [3, 5])
def test_unit_weights_take_the_same_draws_as_weighted(dtype, n_features):
    # Unit weights run a separate path (no weight array, no cumulative sum). Weights of 2 run
    # the weighted path with every mass doubled exactly, so the draws must be the same.
    X = np.random.default_rng(5).normal(size=(20000, n_features)).astype(dtype)
    _, unit = kmeans_plusplus(X, 12, random_state=6)
    _, doubled = kmeans_plusplus(X, 12, sample_weight=np.full(len(X), 2.0), random_state=6)
    assert_array_equal(unit, doubled)


def test_float32_keeps_dtype():
    X = np.random.default_rng(0).normal(size=(100, 2)).astype(np.float32)
    centers, _ = kmeans_plusplus(X, 4, random_state=0)
    assert centers.dtype == np.float32


def test_fewer_distinct_points_warns_and_repeats():
    X = np.repeat(np.array([[1.0, 1.0], [2.0, 2.0]]), 5, axis=0)
    with pytest.warns(FewDistinctPointsWarning, match="only 2 distinct"):
        centers, _ = kmeans_plusplus(X, 4, random_state=0)
    assert len(np.unique(centers, axis=0)) == 2


def test_n_local_trials_validated():
    with pytest.raises(ValueError, match="n_local_trials=0 must be >= 1"):
        kmeans_plusplus(np.zeros((4, 1)), 2, n_local_trials=0)


@pytest.mark.parametrize("unit_weights", [True, False])
@pytest.mark.parametrize("n_features", [1, 3, 8, 9, 40, 128, 129, 300])
def test_scoring_pass_matches_numpy_across_tile_edges(n_features, unit_weights):
    # The scoring kernel tiles each block's rows (256 narrow, 64 wide, transposed: row by row
    # up to 128 features, feature by feature from 129) and sums distances feature by feature;
    # blocks of 300 and 77 rows end mid-tile in every layout.
    from fastkmeans._kernels.seeding import fold_and_score

    rng = np.random.default_rng(n_features)
    X = rng.normal(size=(377, n_features))
    weights = rng.uniform(0.5, 2.0, size=len(X))
    pending, candidates = rng.normal(size=n_features), rng.normal(size=(4, n_features))
    closest = rng.uniform(0.0, 3.0 * n_features, size=len(X))
    bounds = np.array([0, 300, 377])
    expected_closest = np.minimum(closest, ((X - pending) ** 2).sum(axis=1))
    w = np.ones(len(X)) if unit_weights else weights
    to_candidates = ((X[:, None, :] - candidates[None]) ** 2).sum(axis=2)
    masses = w[:, None] * np.minimum(expected_closest[:, None], to_candidates)
    expected_scores = np.stack([masses[:300].sum(axis=0), masses[300:].sum(axis=0)])

    scores = np.empty((2, 4))
    fold_and_score(X, weights, unit_weights, pending, candidates, bounds, closest, scores)
    np.testing.assert_allclose(closest, expected_closest, rtol=1e-12)
    np.testing.assert_allclose(scores, expected_scores, rtol=1e-12)


@pytest.mark.parametrize("weighted", [False, True])
def test_draws_where_rounding_fools_the_block_sums_still_land_on_rows_with_mass(weighted):
    # Block sums that overstate a block (rounding between the summing pass and the scan)
    # must still yield a row of that block with mass, and a block that holds no mass, reached
    # through its left edge, the nearest row with mass before it.
    from fastkmeans._kernels.seeding import locate_in_blocks

    X = np.arange(12, dtype=np.float64).reshape(12, 1)
    far = np.array([1e6])  # the pending centre: farther than every closest distance
    closest = np.array([1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1], dtype=np.float64)
    weights = np.ones(12)
    weights[2] = 0.0  # row 2 has distance but no weight
    sample_weight, unit = (weights, False) if weighted else (np.empty(0), True)
    last_with_mass = 1 if weighted else 2
    bounds = np.array([0, 4, 8, 12])

    def draw(block_potential, target):
        return locate_in_blocks(
            X, sample_weight, unit, closest, far, bounds,
            np.array(block_potential), np.array([target]),
        )[0]  # fmt: skip

    assert draw([3.0, 0.0, 4.0], 0.5) == 0  # the ordinary case
    assert draw([3.0, 0.0, 4.0], 1.5) == 1
    assert draw([3.0, 0.0, 4.0], 3.5) == 8  # block 1 is empty: skipped by its sum
    assert draw([5.0, 0.0, 4.0], 4.5) == last_with_mass  # block 0 overstated
    assert draw([2.0, 1.0, 4.0], 2.5) == last_with_mass  # block 1 has no mass at all
