"""Coresets: exact identities, invariances and statistical guarantees of stated failure rate.

Every statistical test below fails for a correct implementation with probability at most
``DELTA`` (per run of the test, over the random draws), whatever seed hypothesis picks: the
bounds are Bernstein's inequality evaluated on the exact sampling distribution.
"""

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from fastkmeans import (
    Coreset,
    cost,
    lightweight_coreset,
    sensitivity_coreset,
    uniform_coreset,
)
from fastkmeans import _sampling as sampling
from fastkmeans import coreset as coreset_module
from fastkmeans._parallel import thread_limit
from fastkmeans._validation import Weights
from fastkmeans.testing import weighted_datasets

from . import naive

DELTA = 1e-10
PUBLIC = {
    "uniform": lambda X, k, size, **kw: uniform_coreset(X, size, **kw),
    "lightweight": lambda X, k, size, **kw: lightweight_coreset(X, size, **kw),
    "sensitivity": lambda X, k, size, **kw: sensitivity_coreset(X, k, size, **kw),
}
METHODS = list(PUBLIC)

integer_data = weighted_datasets(
    min_samples=2, max_samples=30, max_features=3, integer=True, max_abs=20
)
seeds = st.integers(0, 2**32 - 1)


def _weights(X, w):
    return np.ones(len(X)) if w is None else w


def _centres(data, n_features, max_centres=4, name="centres"):
    """Integer centres in a box slightly larger than the data's."""
    k = data.draw(st.integers(1, max_centres), label=f"{name} count")
    values = data.draw(
        st.lists(st.integers(-25, 25), min_size=k * n_features, max_size=k * n_features),
        label=name,
    )
    return np.array(values, dtype=np.float64).reshape(k, n_features)


def _distribution(method, X, w, centres):
    """(implementation distribution, oracle probabilities) for a fixed bicriteria set."""
    if method == "uniform":
        return sampling.uniform_distribution(X, Weights.of(w)), naive.uniform_probabilities(w)
    if method == "lightweight":
        return sampling.lightweight_distribution(X, Weights.of(w)), naive.lightweight_probabilities(
            X, w
        )
    distribution, _ = sampling.sensitivity_distribution(X, Weights.of(w), centres)
    return distribution, naive.sensitivity_probabilities(X, centres, w)[0]


def _sq_dist(X, C):
    return naive.nearest(X, C)[1]


# -- sampling: exact identities ----------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("stratified", [False, True])
@given(data=integer_data, seed=seeds, n_draws=st.integers(1, 60), extra=st.data())
def test_inclusion_identity_and_exact_probabilities(method, stratified, data, seed, n_draws, extra):
    X, w = data
    w = _weights(X, w)
    centres = _centres(extra, X.shape[1])
    distribution, q = _distribution(method, X, w, centres)
    assume(q.sum() > 0)  # sensitivity: not every cell of zero cost
    assert_allclose(distribution.probabilities(Weights.of(w)), q, rtol=1e-9, atol=1e-15)

    draws = sampling.draw(
        distribution, Weights.of(w), n_draws, np.random.default_rng(seed), stratified
    )
    assert draws.indices.shape == (n_draws,)
    assert (q[draws.indices] > 0).all(), "a row of probability zero was drawn"
    assert_allclose(draws.probabilities, q[draws.indices], rtol=1e-9)
    # The inclusion identity, before any mass correction: size * p_i * w_hat_i = w_i.
    assert_allclose(n_draws * draws.probabilities * draws.weights, w[draws.indices], rtol=1e-12)
    assert np.isfinite(draws.weights).all() and (draws.weights > 0).all()


@pytest.mark.parametrize("stratified", [False, True])
@pytest.mark.parametrize("method", METHODS)
def test_draws_follow_the_distribution_across_blocks(method, stratified):
    """Counts per group of rows (groups straddle the fixed blocks) match n * q within Bernstein."""
    rng = np.random.default_rng(5)
    X = np.concatenate([rng.normal(size=(3000, 2)), rng.normal(8.0, 2.0, size=(3000, 2))])
    w = rng.integers(0, 4, size=6000).astype(np.float64)
    centres = np.array([[0.0, 0.0], [8.0, 8.0], [5.0, 0.0], [20.0, 20.0]])
    distribution, q = _distribution(method, X, w, centres)
    assert distribution.bounds.shape[0] - 1 >= 3, "the test must cover several blocks"
    n_draws = 300_000
    draws = sampling.draw(
        distribution, Weights.of(w), n_draws, np.random.default_rng(11), stratified
    )
    counts = np.bincount(draws.indices, minlength=len(X))
    groups = np.arange(len(X)) // 250
    n_groups = groups.max() + 1
    for g in range(n_groups):
        member = (groups == g).astype(np.float64)
        expected = n_draws * q[groups == g].sum()
        slack = naive.bernstein_deviation(member, q, n_draws, DELTA / n_groups)
        assert abs(counts[groups == g].sum() - expected) <= slack, (g, expected, slack)
    assert counts[w == 0].sum() == 0


# -- public constructions: structure ---------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@given(data=integer_data, seed=seeds, k=st.integers(1, 3), extra_size=st.integers(0, 40))
def test_weights_positive_finite_and_points_are_rows(method, data, seed, k, extra_size):
    X, w = data
    n_positive = int(np.count_nonzero(_weights(X, w)))
    assume(k <= n_positive)
    size = k + extra_size
    cs = PUBLIC[method](X, k, size, sample_weight=w, random_state=seed)
    assert isinstance(cs, Coreset)
    points, weights, indices = cs
    assert points.dtype == X.dtype and weights.dtype == np.float64 and indices.dtype == np.int64
    assert len(points) == len(weights) == len(indices) <= size
    assert np.isfinite(weights).all() and (weights > 0).all()
    rows = indices[indices >= 0]
    assert len(np.unique(rows)) == len(rows), "a row appears twice"
    assert_array_equal(points[indices >= 0], X[rows])
    assert (_weights(X, w)[rows] > 0).all()
    if method != "sensitivity":
        assert (indices >= 0).all()
    if method != "lightweight":  # exact total mass by construction
        assert_allclose(weights.sum(), _weights(X, w).sum(), rtol=1e-12)


@given(data=integer_data, seed=seeds, k=st.integers(1, 4), extra_size=st.integers(0, 30))
def test_sensitivity_every_cell_keeps_its_exact_mass(data, seed, k, extra_size):
    X, w = data
    w = _weights(X, w)
    assume(k <= np.count_nonzero(w))
    size = k + extra_size
    assume(coreset_module._exact_coreset(X, Weights.of(w), size) is None)  # the sampling path
    sample = coreset_module._sensitivity_sample(
        X, k, size, Weights.of(w), None, np.random.default_rng(seed)
    )
    cs = sensitivity_coreset(X, k, size, sample_weight=w, random_state=seed)
    assert_array_equal(cs.indices, coreset_module._correct_mass(X, sample).indices)

    labels = sample.distribution.labels
    mass = sample.cluster_mass
    rows = cs.indices >= 0
    row_mass = np.bincount(labels[cs.indices[rows]], weights=cs.weights[rows], minlength=len(mass))
    assert (row_mass <= mass * (1 + 1e-12) + 1e-12).all(), "a cell kept an excess of mass"
    missing = mass - row_mass
    carriers = np.flatnonzero(missing > 1e-9 * mass.max())
    # Each short cell is completed by its centre carrying exactly the missing mass.
    assert (~rows).sum() == len(carriers)
    assert_allclose(cs.points[~rows], sample.centers[carriers])
    assert_allclose(cs.weights[~rows], missing[carriers], rtol=1e-9)
    assert_allclose(cs.weights.sum(), w.sum(), rtol=1e-12)


@pytest.mark.parametrize("seed", range(8))
def test_mass_correction_adds_no_centre_for_a_rounding_shortfall(seed):
    # The draws of the one cluster sum to its mass up to rounding (a few 1e-16 short): that
    # is no shortfall, and no centre of weight ~1e-16 may join the coreset.
    X = np.array([[0.0], [9.0], [9.0]])
    sample = coreset_module._sensitivity_sample(
        X, 1, 15, Weights.ones(3), None, np.random.default_rng(seed)
    )
    cs = coreset_module._correct_mass(X, sample)
    assert (cs.indices >= 0).all()
    assert_allclose(cs.weights.sum(), 3.0, rtol=1e-12)


@given(data=integer_data, seed=seeds, k=st.integers(1, 4), extra_size=st.integers(0, 30))
def test_sensitivity_mass_correction_matches_the_oracle(data, seed, k, extra_size):
    X, w = data
    w = _weights(X, w)
    assume(k <= np.count_nonzero(w))
    sample = coreset_module._sensitivity_sample(
        X, k, k + extra_size, Weights.of(w), None, np.random.default_rng(seed)
    )
    cs = coreset_module._correct_mass(X, sample)
    points, weights, indices = naive.mass_correction(
        X,
        sample.draws.indices,
        sample.draws.weights,
        sample.distribution.labels,
        sample.distribution.dist,
        sample.centers,
        sample.cluster_mass,
    )
    scale = w.sum()
    ours = dict(zip(cs.indices[cs.indices >= 0].tolist(), cs.weights[cs.indices >= 0], strict=True))
    theirs = (
        dict(zip(indices[indices >= 0].tolist(), weights[indices >= 0], strict=True))
        if len(indices)
        else {}
    )
    for row in set(ours) | set(theirs):
        assert abs(ours.get(row, 0.0) - theirs.get(row, 0.0)) <= 1e-9 * scale, row
    synthetic = indices < 0 if len(indices) else np.zeros(0, bool)
    assert_allclose(np.sort(cs.weights[cs.indices < 0]), np.sort(weights[synthetic]), rtol=1e-9)


@pytest.mark.parametrize("method", METHODS)
@given(data=integer_data, seed=seeds)
def test_size_covering_the_data_returns_it_exactly(method, data, seed):
    X, w = data
    ww = _weights(X, w)
    positive = np.flatnonzero(ww > 0)
    cs = PUBLIC[method](X, 1, len(X) + 3, sample_weight=w, random_state=seed)
    assert_array_equal(cs.indices, positive)
    assert_array_equal(cs.points, X[positive])
    assert_array_equal(cs.weights, ww[positive])
    # A coreset of a coreset at its own size is itself.
    again = PUBLIC[method](cs.points, 1, len(cs.points), sample_weight=cs.weights, random_state=1)
    assert_array_equal(again.points, cs.points)
    assert_array_equal(again.weights, cs.weights)


@pytest.mark.parametrize("method", METHODS)
def test_few_distinct_rows_are_merged_exactly(method):
    X = np.repeat(np.array([[0.0, 1.0], [5.0, 5.0], [9.0, -3.0]]), [7, 5, 8], axis=0)
    w = np.arange(20, dtype=np.float64) % 3
    cs = PUBLIC[method](X, 2, 6, sample_weight=w, random_state=0)  # 13 positive rows, 3 distinct
    assert len(cs.points) == 3
    assert_array_equal(cs.points, X[cs.indices])
    for point, weight in zip(cs.points, cs.weights, strict=True):
        assert weight == w[(X == point).all(axis=1)].sum()


def test_sensitivity_size_equal_to_the_centres_gives_the_cell_summary():
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(c, 1.0, size=(100, 2)) for c in (0.0, 10.0)])
    centres = np.array([[0.0, 0.0], [10.0, 10.0]])
    cs = sensitivity_coreset(X, 2, 2, centers=centres, random_state=0)
    assert_array_equal(cs.indices, [-1, -1])
    assert_array_equal(cs.points, centres)
    assert_allclose(cs.weights, [100.0, 100.0])
    # By default the centres are seeded, then moved once to their cells' means.
    seeded = sensitivity_coreset(X, 2, 2, random_state=0)
    order = np.argsort(seeded.points[:, 0])
    assert_allclose(seeded.points[order], [X[:100].mean(axis=0), X[100:].mean(axis=0)])


def test_zero_cost_cells_are_represented_exactly_not_sampled():
    # Five far singletons, each its own cell of zero cost: never sampled, carried exactly.
    rng = np.random.default_rng(1)
    outliers = 1000.0 * np.eye(5)
    X = np.concatenate([rng.normal(size=(2000, 5)), outliers])
    w = np.ones(len(X))
    centres = np.concatenate([np.zeros((1, 5)), outliers])
    for seed in range(5):
        sample = coreset_module._sensitivity_sample(
            X, 6, 200, Weights.of(w), centres, np.random.default_rng(seed)
        )
        q = sample.distribution.probabilities(Weights.of(w))
        assert (q[2000:] == 0).all() and (q[:2000] > 0).all()
        assert not np.isin(sample.draws.indices, np.arange(2000, 2005)).any()
        cs = coreset_module._correct_mass(X, sample)
        for row in range(2000, 2005):
            carried = np.flatnonzero((cs.points == X[row]).all(axis=1))
            assert len(carried) == 1 and cs.weights[carried[0]] == 1.0
            assert cs.indices[carried[0]] == -1


def test_float32_stays_float32():
    X = np.random.default_rng(0).normal(size=(5000, 3)).astype(np.float32)
    for method in METHODS:
        cs = PUBLIC[method](X, 4, 200, random_state=0)
        assert cs.points.dtype == np.float32 and cs.weights.dtype == np.float64


# -- merge -------------------------------------------------------------------------------------


@given(a=integer_data, b=st.data(), seed=seeds)
def test_merge_is_additive(a, b, seed):
    X1, w1 = a
    X2, w2 = b.draw(
        weighted_datasets(
            min_samples=2, max_samples=30, max_features=X1.shape[1], integer=True, max_abs=20
        ).filter(lambda d: d[0].shape[1] == X1.shape[1]),
        label="second part",
    )
    C = _centres(b, X1.shape[1])
    s1 = sensitivity_coreset(X1, 1, 8, sample_weight=w1, random_state=seed)
    s2 = uniform_coreset(X2, 5, sample_weight=w2, random_state=seed)
    merged = s1.merge(s2, offsets=[0, len(X1)])
    assert_allclose(
        cost(merged.points, C, merged.weights),
        cost(s1.points, C, s1.weights) + cost(s2.points, C, s2.weights),
        rtol=1e-12,
    )
    assert_allclose(merged.total_weight, s1.total_weight + s2.total_weight, rtol=1e-12)
    whole = np.concatenate([X1, X2])
    rows = merged.indices >= 0
    assert_array_equal(merged.points[rows], whole[merged.indices[rows]])


def test_merge_keeps_indices_without_offsets_and_promotes_dtype():
    a = Coreset(np.zeros((2, 2), np.float32), np.ones(2), np.array([0, -1]))
    b = Coreset(np.ones((1, 2)), np.array([3.0]), np.array([4]))
    merged = a.merge(b)
    assert merged.points.dtype == np.float64
    assert_array_equal(merged.indices, [0, -1, 4])
    assert_array_equal(a.merge(b, offsets=[10, 20]).indices, [10, -1, 24])
    assert_array_equal(a.merge().points, a.points)


@pytest.mark.parametrize(
    "bad, error, message",
    [
        (Coreset(np.arange(3.0), np.ones(3), np.arange(3)), ValueError, r"self.points must be 2-D"),
        (Coreset(np.array([["a", "b"]]), np.ones(1), np.arange(1)), TypeError, "real numbers"),
        (
            Coreset(np.ones((2, 2)), np.array([1.0, np.nan]), np.arange(2)),
            ValueError,
            r"self.weights must be finite and >= 0",
        ),
        (Coreset(np.ones((2, 2)), np.ones(3), np.arange(2)), ValueError, "one per point"),
        (Coreset(np.ones((2, 2)), np.ones(2), np.array([0.5, 1])), ValueError, "integers >= -1"),
    ],
)
def test_merge_checks_every_part(bad, error, message):
    good = Coreset(np.zeros((2, 2)), np.ones(2), np.array([0, 1]))
    with pytest.raises(error, match=message):
        bad.merge(good)
    with pytest.raises(error, match=message.replace("self", r"others\[0\]")):
        good.merge(bad)


# -- invariances -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@given(data=integer_data, seed=seeds, shift=st.integers(-50, 50), factor=st.integers(2, 5))
def test_integer_translation_and_scale_invariance(method, data, seed, shift, factor):
    X, w = data
    assume(np.count_nonzero(_weights(X, w)) > 4)  # the sampling path
    k, size = 2, 4
    assume(np.count_nonzero(_weights(X, w)) >= k)
    base = PUBLIC[method](X, k, size, sample_weight=w, random_state=seed)
    for transformed, forward in (
        (X + shift, lambda p: p + shift),
        (X * factor, lambda p: p * factor),
    ):
        other = PUBLIC[method](transformed, k, size, sample_weight=w, random_state=seed)
        assert_array_equal(other.indices, base.indices)
        assert_allclose(other.weights, base.weights, rtol=1e-9)
        assert_allclose(other.points, forward(base.points), rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("method", METHODS)
@given(data=integer_data, seed=seeds, extra=st.data())
def test_probabilities_are_permutation_equivariant(method, data, seed, extra):
    X, w = data
    w = _weights(X, w)
    centres = _centres(extra, X.shape[1])
    perm = np.random.default_rng(seed).permutation(len(X))
    q = _distribution(method, X, w, centres)[0].probabilities(Weights.of(w))
    q_perm = _distribution(method, X[perm], w[perm], centres)[0].probabilities(Weights.of(w[perm]))
    assert_allclose(q_perm, q[perm], rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("method", METHODS)
@given(data=integer_data, extra=st.data())
def test_integer_weights_act_like_repeated_rows(method, data, extra):
    X, w = data
    assume(w is not None)
    centres = _centres(extra, X.shape[1])
    q = _distribution(method, X, w, centres)[0].probabilities(Weights.of(w))
    repeated = np.repeat(X, w.astype(int), axis=0)
    origin = np.repeat(np.arange(len(X)), w.astype(int))
    ones = np.ones(len(repeated))
    q_rep = _distribution(method, repeated, ones, centres)[0].probabilities(Weights.of(ones))
    assert_allclose(np.bincount(origin, weights=q_rep, minlength=len(X)), q, rtol=1e-9, atol=1e-300)


@pytest.mark.parametrize("method", METHODS)
def test_same_seed_same_bits_whatever_the_thread_count(method, pool_submissions):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(30000, 3))
    w = rng.uniform(0.1, 2.0, size=30000)
    first = PUBLIC[method](X, 8, 320, sample_weight=w, random_state=42)
    again = PUBLIC[method](X, 8, 320, sample_weight=w, random_state=42)
    assert pool_submissions is None or pool_submissions  # the default runs were split
    with thread_limit(1):  # fastkmeans's own setting: numba.set_num_threads is not read
        single = PUBLIC[method](X, 8, 320, sample_weight=w, random_state=42)
    for other in (again, single):
        for a, b in zip(first, other, strict=True):
            assert_array_equal(a, b)
    different = PUBLIC[method](X, 8, 320, sample_weight=w, random_state=43)
    assert not np.array_equal(first.indices, different.indices)


def test_large_inputs_seed_on_a_uniform_sample(pool_submissions):
    assert coreset_module._seeding_rows(10_000, 100) == 10_000
    assert coreset_module._seeding_rows(10**7, 4096) == 8 * 4096
    assert coreset_module._seeding_rows(10**6, 100) == 2**15
    rng = np.random.default_rng(0)
    centres = rng.uniform(-50, 50, size=(6, 2))
    X = np.concatenate([c + rng.normal(size=(15000, 2)) for c in centres])  # 90k > 2**15
    w = np.ones(len(X))
    seeds_found = coreset_module._bicriteria(X, 6, 200, Weights.of(w), np.random.default_rng(1))
    assert seeds_found.shape == (6, 2)
    # Seeded rows moved once to their cells' weighted means: inside the data's bounding box.
    assert ((seeds_found >= X.min(axis=0)) & (seeds_found <= X.max(axis=0))).all()
    cs = sensitivity_coreset(X, 6, 240, random_state=1)
    assert_allclose(cs.weights.sum(), len(X), rtol=1e-12)
    assert pool_submissions is None or pool_submissions  # the default run was split
    with thread_limit(1):
        single = sensitivity_coreset(X, 6, 240, random_state=1)
    for a, b in zip(cs, single, strict=True):
        assert_array_equal(a, b)


# -- statistical guarantees (failure probability <= DELTA each) --------------------------------


def _check_bernstein(values, q, n_draws, estimate, expected):
    slack = naive.bernstein_deviation(values, q, n_draws, DELTA)
    assert abs(estimate - expected) <= slack + 1e-9 * max(abs(expected), 1.0), (
        estimate,
        expected,
        slack,
    )


@pytest.mark.parametrize("method", METHODS)
@given(data=integer_data, seed=seeds, n_draws=st.integers(1, 80), extra=st.data())
def test_cost_of_the_draws_within_bernstein_bound(method, data, seed, n_draws, extra):
    """For a fixed C independent of the draws; sensitivity with its default D² bicriteria."""
    X, w = data
    w = _weights(X, w)
    C = _centres(extra, X.shape[1], name="C")
    rng = np.random.default_rng(seed)
    if method == "sensitivity":
        k = extra.draw(st.integers(1, 3), label="k")
        assume(k <= np.count_nonzero(w))
        sample = coreset_module._sensitivity_sample(X, k, k + n_draws, Weights.of(w), None, rng)
        q, draws = sample.distribution.probabilities(Weights.of(w)), sample.draws
    else:
        distribution = _distribution(method, X, w, None)[0]
        q = distribution.probabilities(Weights.of(w))
        draws = sampling.draw(distribution, Weights.of(w), n_draws, rng)
    assume(len(draws.indices) == n_draws)
    f = _sq_dist(X, C)
    sampled = q > 0
    values = np.zeros(len(X))
    values[sampled] = w[sampled] * f[sampled] / (n_draws * q[sampled])
    estimate = float((draws.weights * f[draws.indices]).sum())
    _check_bernstein(values, q, n_draws, estimate, float((w * f)[sampled].sum()))


@given(data=integer_data, seed=seeds, n_draws=st.integers(1, 80), extra=st.data())
def test_corrected_sensitivity_coreset_within_its_bound(data, seed, n_draws, extra):
    """The final coreset: control-variate Bernstein term plus the trimming term, as documented.

    |cost(S, C) - cost(X, C)| <= t_G(DELTA / 2) + sum_j t_Mj(DELTA / (2 k)) * max_{x in j} |g_j|
    with g_j(x) = d(x, C)^2 - d(mu_j, C)^2, t_G the Bernstein deviation of the centred sum and
    t_Mj that of cell j's sampled mass.
    """
    X, w = data
    w = _weights(X, w)
    C = _centres(extra, X.shape[1], name="C")
    k = extra.draw(st.integers(1, 3), label="k")
    assume(k <= np.count_nonzero(w))
    sample = coreset_module._sensitivity_sample(
        X, k, k + n_draws, Weights.of(w), None, np.random.default_rng(seed)
    )
    cs = coreset_module._correct_mass(X, sample)
    q = sample.distribution.probabilities(Weights.of(w))
    labels = sample.distribution.labels
    f = _sq_dist(X, C)
    g = f - _sq_dist(sample.centers, C)[labels]
    sampled = q > 0
    n = len(sample.draws.indices)
    slack = 0.0
    if n:
        values = np.zeros(len(X))
        values[sampled] = w[sampled] * g[sampled] / (n * q[sampled])
        slack = naive.bernstein_deviation(values, q, n, DELTA / 2)
        for j in range(len(sample.cluster_mass)):
            member = sampled & (labels == j)
            if member.any():
                mass_values = np.where(member, w / (n * np.where(sampled, q, 1.0)), 0.0)
                t_mass = naive.bernstein_deviation(mass_values, q, n, DELTA / (2 * k))
                slack += t_mass * np.abs(g[member]).max()
    full = float((w * f).sum())
    assert abs(cost(cs.points, C, cs.weights) - full) <= slack + 1e-9 * max(full, 1.0)


def _outlier_instance():
    rng = np.random.default_rng(7)
    X = np.concatenate([rng.normal(size=(40, 2)), [[30.0, 0.0], [0.0, -25.0]]])
    w = rng.integers(1, 4, size=len(X)).astype(np.float64)
    return X, w


@pytest.mark.parametrize(
    "centres", [[[100.0, 100.0]], [[5.0, 5.0]], [[3.0, 3.0], [13.0, 13.0]]], ids=str
)
def test_given_centres_anywhere_leave_the_cost_estimate_unbiased(centres):
    # A shortfall carried by the given centre cost d(b, C)^2 per unit: with a centre off the
    # data the mean estimate was 2.9x the cost at size 200; one centre between two groups
    # 1.17x, centres 3 sigma off 1.09x (the default, seeded centres stay as they were).
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(0, 1, (1000, 2)), rng.normal(10, 1, (1000, 2))])
    C = np.array([[0.0, 0.0], [10.0, 10.0]])
    truth = cost(X, C)
    ratios = []
    for seed in range(200):
        cs = sensitivity_coreset(X, 2, 200, centers=np.array(centres), random_state=seed)
        assert cs.weights.sum() == pytest.approx(len(X), rel=1e-12)
        ratios.append(cost(cs.points, C, sample_weight=cs.weights) / truth)
    standard_error = np.std(ratios) / np.sqrt(len(ratios))
    assert standard_error < 0.01
    assert abs(np.mean(ratios) - 1.0) < 4 * standard_error + 0.005


@pytest.mark.parametrize("method", METHODS)
def test_monte_carlo_unbiasedness(method):
    """Fixed seeds 0..N-1: the mean estimate over N runs is within Bernstein of the truth.

    The N runs are N * n independent draws; the bound is computed on that many draws. The
    test's resolution (the bound divided by the truth) is asserted to be a few per cent, so a
    biased estimator (e.g. a weight off by a constant factor) fails it.
    """
    X, w = _outlier_instance()
    C = np.array([[0.5, 0.5], [10.0, 0.0]])
    centres = np.array([[0.0, 0.0], [30.0, 0.0], [0.0, -25.0]])
    distribution, q = _distribution(method, X, w, centres)
    f = _sq_dist(X, C)
    sampled = q > 0
    truth = float((w * f)[sampled].sum())
    n_draws, n_runs = 100, 5000
    total = 0.0
    for seed in range(n_runs):
        draws = sampling.draw(
            distribution,
            Weights.of(w),
            n_draws,
            np.random.default_rng(seed),
            method == "sensitivity",
        )
        total += float((draws.weights * f[draws.indices]).sum())
    values = np.zeros(len(X))
    values[sampled] = w[sampled] * f[sampled] / (n_draws * q[sampled])
    slack = naive.bernstein_deviation(values, q, n_draws * n_runs, DELTA)
    assert slack / n_runs < 0.05 * truth, "the test could not detect a 5% bias"
    assert abs(total - n_runs * truth) <= slack


@given(data=integer_data, seed=seeds, extra=st.data())
def test_documented_size_gives_documented_accuracy(data, seed, extra):
    """The docstring's statement for a random centre set C and eps = 0.3, delta = DELTA.

    With R = max w d(x, C)^2 / (q cost_+(X, C)), m >= 2 R (1 + eps/3) ln(2/delta) / eps^2 draws
    give (1 +- eps) accuracy; and the documented bounds R <= (4 alpha + 4) rho,
    R_G <= (2 alpha + 2) rho hold, alpha = cost(X, B) / cost_+(X, C), rho = sum of sensitivities.
    """
    X, w = data
    w = _weights(X, w)
    C = _centres(extra, X.shape[1], name="C")
    B = _centres(extra, X.shape[1], name="bicriteria")
    q, labels, mass = naive.sensitivity_probabilities(X, B, w)
    assume(q.sum() > 0)
    f = _sq_dist(X, C)
    sampled = q > 0
    cost_plus = float((w * f)[sampled].sum())
    assume(cost_plus > 0)
    d_cell = ((X - B[labels]) ** 2).sum(axis=1)
    cell_cost = np.bincount(labels, weights=w * d_cell, minlength=len(B))
    rho = float(sum(2 for j in range(len(B)) if cell_cost[j] > 0))
    alpha = cell_cost.sum() / cost_plus
    R = float((w * f / np.where(sampled, q, 1.0))[sampled].max() / cost_plus)
    assert R <= (4 * alpha + 4) * rho * (1 + 1e-9)
    g = f - _sq_dist(B, C)[labels]
    R_G = float((w * np.abs(g) / np.where(sampled, q, 1.0))[sampled].max() / cost_plus)
    assert R_G <= (2 * alpha + 2) * rho * (1 + 1e-9)

    eps = 0.3
    m = math.ceil(2 * R * (1 + eps / 3) * math.log(2 / DELTA) / eps**2)
    assume(m <= 2_000_000)
    distribution = sampling.sensitivity_distribution(X, Weights.of(w), B)[0]
    draws = sampling.draw(distribution, Weights.of(w), m, np.random.default_rng(seed), True)
    estimate = float((draws.weights * f[draws.indices]).sum())
    assert abs(estimate - cost_plus) <= eps * cost_plus


# -- validation ----------------------------------------------------------------------------------


def test_validation_errors():
    X = np.arange(20.0).reshape(10, 2)
    with pytest.raises(TypeError, match="size must be an integer, got 2.5"):
        uniform_coreset(X, 2.5)
    with pytest.raises(ValueError, match=r"size=0 must be >= 1; use a larger size"):
        lightweight_coreset(X, 0)
    with pytest.raises(
        ValueError, match=r"size=2 must be >= 3 \(the number of bicriteria centres\)"
    ):
        sensitivity_coreset(X, 3, 2)
    with pytest.raises(ValueError, match=r"size=1 must be >= 2 \(the number of bicriteria"):
        sensitivity_coreset(X, 1, 1, centers=np.zeros((2, 2)))
    with pytest.raises(ValueError, match="centers has 3 features, but X has 2"):
        sensitivity_coreset(X, 2, 5, centers=np.zeros((2, 3)))
    with pytest.raises(ValueError, match="centers must be finite"):
        sensitivity_coreset(X, 2, 5, centers=np.array([[0.0, np.nan]]))
    with pytest.raises(ValueError, match="n_clusters=11 must be <= n_samples=10"):
        sensitivity_coreset(X, 11, 20)
    with pytest.raises(ValueError, match="sample_weight must be >= 0"):
        uniform_coreset(X, 3, sample_weight=-np.ones(10))
    with pytest.raises(TypeError, match="random_state must be None"):
        lightweight_coreset(X, 3, random_state="seed")


def test_merge_validation_errors():
    a = uniform_coreset(np.arange(20.0).reshape(10, 2), 3, random_state=0)
    b = uniform_coreset(np.arange(30.0).reshape(10, 3), 3, random_state=0)
    with pytest.raises(TypeError, match="merge takes Coreset objects, got tuple"):
        a.merge((a.points, a.weights, a.indices))
    with pytest.raises(ValueError, match=r"different numbers of features \[2, 3\]"):
        a.merge(b)
    with pytest.raises(ValueError, match=r"offsets must have one entry per coreset \(2, this"):
        a.merge(a, offsets=[0])
    with pytest.raises(ValueError, match=r"offsets\[i\]=-1 must be >= 0"):
        a.merge(a, offsets=[0, -1])


@pytest.mark.parametrize("method", METHODS)
def test_weights_beyond_float64_are_refused_not_inf(method):
    # 300 weights of 1e307: their total, and so a coreset point's weight, exceeds float64.
    X = np.random.default_rng(4).normal(size=(300, 2))
    with pytest.raises(ValueError, match=r"coreset's 1?\d weights would lie above the float64"):
        PUBLIC[method](X, 3, 10, sample_weight=np.full(300, 1e307), random_state=0)
    # Scaled by a power of two into range: the same points, weights scaled exactly.
    reference = PUBLIC[method](X, 3, 10, sample_weight=np.ones(300), random_state=0)
    large = PUBLIC[method](X, 3, 10, sample_weight=np.full(300, 2.0**1000), random_state=0)
    assert_array_equal(large.points, reference.points)
    assert_array_equal(large.weights, np.ldexp(reference.weights, 1000))


@pytest.mark.parametrize("exponent", [600, -600, 1000])
def test_centres_added_to_the_coreset_scale_with_the_data(exponent):
    # Data far out of range are rescaled for the build; the centres that carry a cluster's
    # shortfall must be scaled back with the points (nothing checked them at these scales).
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(c, 1.0, size=(300, 2)) for c in (0.0, 10.0, 20.0)])
    plain = sensitivity_coreset(X, 3, 12, random_state=0)
    assert (plain.indices == -1).any(), "the test needs centres in the coreset"
    scaled_cs = sensitivity_coreset(np.ldexp(X, exponent), 3, 12, random_state=0)
    assert_array_equal(scaled_cs.indices, plain.indices)
    assert_array_equal(scaled_cs.points, np.ldexp(plain.points, exponent))
    assert_array_equal(scaled_cs.weights, plain.weights)
