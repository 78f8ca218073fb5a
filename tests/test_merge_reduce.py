"""The merge-and-reduce tree of coreset.py and the fixed reduction tree of _parallel.py."""

import numpy as np
import pytest

from fastkmeans import KMeans, cost
from fastkmeans._parallel import reduce_tree
from fastkmeans.coreset import merge_and_reduce


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 13])
def test_reduce_tree_keeps_order_and_shape(n):
    items = [str(i) for i in range(n)]
    nodes = []

    def combine(left, right, node):
        nodes.append(node)
        return f"({left}{right})"

    result = reduce_tree(items, combine)
    assert result.replace("(", "").replace(")", "") == "".join(items)
    assert nodes == list(range(n - 1))
    depth = max(result[: i + 1].count("(") - result[: i + 1].count(")") for i in range(len(result)))
    assert depth == int(np.ceil(np.log2(n)))
    with pytest.raises(ValueError, match="at least one item"):
        reduce_tree([], combine)


def mixture(seed=0):
    rng = np.random.default_rng(seed)
    X = np.concatenate([rng.normal(c, 1.0, size=(1500, 2)) for c in (0.0, 15.0, 40.0)])
    X = np.concatenate([X, [[200.0, 200.0]]])  # an outlier the coreset must keep weighing
    rng.shuffle(X)
    return X


def test_merge_and_reduce_weights_indices_and_accuracy():
    X = mixture()
    weights = np.random.default_rng(1).uniform(0.5, 1.5, size=X.shape[0])
    chunks = [(X[i : i + 500], weights[i : i + 500]) for i in range(0, X.shape[0], 500)]
    cs = merge_and_reduce(chunks, 4, 200, random_state=0)
    assert len(cs.points) <= 200
    np.testing.assert_allclose(cs.total_weight, weights.sum(), rtol=1e-9)
    rows = cs.indices >= 0
    np.testing.assert_array_equal(cs.points[rows], X[cs.indices[rows]])
    centres = KMeans(4, random_state=0).fit(cs.points, sample_weight=cs.weights).cluster_centers_
    ratio = cost(cs.points, centres, cs.weights) / cost(X, centres, weights)
    assert 0.7 < ratio < 1.4
    again = merge_and_reduce(iter(chunks), 4, 200, random_state=0)
    for a, b in zip(cs, again, strict=True):
        np.testing.assert_array_equal(a, b)


def test_merge_and_reduce_small_data_is_exact_and_chunks_may_be_empty():
    X = mixture()[:300]
    chunks = [X[:100], X[100:100], (X[100:], np.zeros(200))]
    cs = merge_and_reduce(chunks, 3, 500, random_state=0)
    np.testing.assert_array_equal(cs.points, X[:100])
    np.testing.assert_array_equal(cs.indices, np.arange(100))


def test_merge_and_reduce_bad_chunks_are_named():
    X = mixture()[:300]
    bad = X.copy()
    bad[5, 0] = np.nan
    with pytest.raises(ValueError, match=r"chunks\[1\] must be finite"):
        merge_and_reduce([X, bad], 3, 50)
    with pytest.raises(ValueError, match=r"chunks\[1\] has 3 features, but the first chunk has 2"):
        merge_and_reduce([X, np.ones((4, 3))], 3, 50)
    with pytest.raises(ValueError, match=r"chunks\[0\] weights must be >= 0"):
        merge_and_reduce([(X, -np.ones(300))], 3, 50)
    with pytest.raises(ValueError, match=r"size=2 must be >= 3"):
        merge_and_reduce([X], 3, 2)
    # No chunk, or none with weight: said so (an internal function's name, or an empty
    # coreset without a word, before), as sensitivity_coreset refuses all-zero weights.
    with pytest.raises(ValueError, match="chunks is empty: merge_and_reduce needs at least"):
        merge_and_reduce([], 3, 50)
    with pytest.raises(ValueError, match="the chunks carry no weight"):
        merge_and_reduce(iter([X[:0], (X, np.zeros(300))]), 3, 50)


def test_merge_refuses_offsets_that_overflow_the_row_indices():
    cs = merge_and_reduce([mixture()[:10]], 3, 50)
    with pytest.raises(ValueError, match=r"offsets\[1\]=9223372036854775807 plus that"):
        cs.merge(cs, offsets=[0, 2**63 - 1])  # wrapped to negative indices, silently


def test_every_chunk_and_reduction_draws_from_its_own_stream():
    # Chunks sharing one stream would sample the same rows of equal chunks (and a reduction
    # reusing a chunk's stream would repeat its draws): nothing caught either.
    X = mixture()[:400]
    cs = merge_and_reduce([X, X], 3, 30, random_state=0)
    first = np.sort(cs.indices[(cs.indices >= 0) & (cs.indices < 400)])
    second = np.sort(cs.indices[cs.indices >= 400] - 400)
    assert first.size and second.size and not np.array_equal(first, second)
    from fastkmeans.coreset import TreeSeeds

    seeds = TreeSeeds(0)
    streams = [seeds.leaf(i) for i in range(4)] + [seeds.node(j) for j in range(3)]
    draws = [tuple(stream.integers(2**62, size=4)) for stream in streams + [seeds.rest()]]
    assert len(set(draws)) == len(draws)
