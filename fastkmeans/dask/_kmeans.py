"""KMeans, cost and sensitivity_coreset on Dask arrays."""

from __future__ import annotations

import warnings
from typing import NamedTuple

import dask.array as da
import numpy as np

from .._kernels.distances import center_distances
from .._parallel import thread_limit
from .._scaling import scaled_pair
from .._steps import RunResult, labels_and_inertia
from .._validation import (
    Weights,
    check_array,
    check_centers,
    check_choice,
    check_coreset_size,
    check_features,
    check_init,
    check_int,
    check_n_clusters,
    check_real,
    check_sample_size,
)
from ..coreset import Coreset, TreeSeeds, chunk_coreset, merge_reduce
from ..exceptions import ConvergenceWarning, NotFittedError
from ..kmeans import KMeans as _InMemoryKMeans
from ..kmeans import _warn_about_run
from ._lloyd import DaskRun, Threshold, assign_part, cost_of, lloyd
from ._passes import ChunkInfo, Data, PassRunner, check_dask_array, check_dask_weights

# The default initialisation fits k-means on a merged-and-reduced sensitivity coreset of this
# many points: max(_INIT_SIZE_PER_CLUSTER * n_clusters, _INIT_MIN_SIZE).
_INIT_SIZE_PER_CLUSTER = 100
_INIT_MIN_SIZE = 2048


class CoresetPart(NamedTuple):
    """A chunk's (or a subtree's) coreset in a pass; combines by merge and reduce."""

    coreset: Coreset
    n_clusters: int
    size: int
    seeds: TreeSeeds

    def combine(self, other: CoresetPart, node: int) -> CoresetPart:
        merged = merge_reduce(
            self.coreset, other.coreset, self.n_clusters, self.size, self.seeds.node(node)
        )
        return self._replace(coreset=merged)


def coreset_part(X, weights: Weights, info: ChunkInfo, n_clusters, size, seeds) -> dict:
    """The chunk's sensitivity coreset, from the chunk's own random stream."""
    leaf = chunk_coreset(X, weights, n_clusters, size, seeds.leaf(info.index), info.start)
    return {"coreset": CoresetPart(leaf, n_clusters, size, seeds)}


def _distributed_coreset(runner: PassRunner, n_clusters: int, size: int, seeds, *parts):
    """One pass: the merged-and-reduced coreset (and whatever else ``parts`` compute)."""
    result = runner.run((coreset_part, (n_clusters, size, seeds)), *parts)
    if runner.n_positive < n_clusters:
        raise ValueError(
            f"n_clusters={n_clusters} must be <= the number of samples with positive "
            f"weight ({runner.n_positive})"
        )
    return result["coreset"].coreset, result


class KMeans:
    """K-means on a Dask array: exact Lloyd iterations, one pass over the data each.

    The parameters of :class:`fastkmeans.KMeans`, except ``n_init`` (an int, default 1),
    ``n_threads`` (none) and a callable ``init`` (refused). Every pass runs
    the shared Numba step on each chunk (one thread per task) and reduces the chunks' sums,
    weights and cost in a tree of fixed shape and order: for a given chunking, results are
    bitwise identical whatever the number of workers, and (labels identical, centres to
    rounding) those of :class:`fastkmeans.KMeans` with ``algorithm="lloyd"`` from the same
    initial centres. The active scheduler is used: a ``distributed.Client`` if one exists, the
    local threaded scheduler otherwise.

    Passes over the data: the default initialisation is one pass (per-chunk sensitivity
    coresets merged and reduced, :func:`sensitivity_coreset`, then k-means++ and Lloyd on that
    coreset in the client); then one per iteration, plus one to cost the returned centres when
    the iterations stop on ``tol`` before the labels settle, and two more in an iteration that
    leaves a cluster empty. With ``coreset_size``: two passes in all.

    Parameters
    ----------
    n_clusters : int, default=8
    init : {"k-means++", "random"} or array-like of shape (n_clusters, n_features)
        "k-means++": :class:`fastkmeans.KMeans` (k-means++ seeding and Lloyd) on a coreset of
        ``max(100 * n_clusters, 2048)`` points built in one pass; "random": ``n_clusters``
        distinct coreset points drawn with probability proportional to their weight; an
        array: the initial centres.
    n_init : int, default=1
        Runs from different initialisations (all drawn from the one coreset); the run of lowest
        cost is kept. Each run is its own series of passes.
    max_iter : int, default=300
    tol : float, default=1e-4
        As :class:`fastkmeans.KMeans`: stop when the centres' total movement is at most
        ``sqrt(k^(3/4) * tol * mean_f Var_w(X[:, f]))``; 0 iterates until the labels settle.
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Chunk ``i``'s coreset draws from the ``i``-th child of
        ``SeedSequence(random_state).spawn(3)[0]`` (see
        :func:`fastkmeans.coreset.merge_and_reduce`).
    algorithm : {"auto", "lloyd", "hamerly"}, default="auto"
        The strategy of the fits in the client (on coresets). Distributed iterations are
        Lloyd's: Hamerly's per-point bounds would be state kept on the workers between passes;
        both give the same result.
    coreset_size : int, optional
        Fit on a distributed sensitivity coreset of this many points, then label and cost every
        row in a second pass.
    verbose : bool, default=False
        Print the cost and centre movement of every distributed iteration.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features), X's dtype
    labels_ : dask array of shape (n_samples,), int32
        Nearest centre of every row, computed lazily (chunked like X's rows).
    inertia_ : float
        Exact weighted cost of every row against ``cluster_centers_``.
    n_iter_ : int
    converged_ : bool
    n_passes_ : int
        Passes over the data the fit made.
    n_features_in_ : int

    Examples
    --------
    >>> import dask.array as da
    >>> import numpy as np
    >>> from fastkmeans.dask import KMeans
    >>> rng = np.random.default_rng(0)
    >>> X = np.concatenate([rng.normal(c, 1.0, size=(500, 2)) for c in (0.0, 20.0)])
    >>> km = KMeans(2, random_state=0).fit(da.from_array(X, chunks=(250, 2)))
    >>> sorted(np.round(km.cluster_centers_[:, 0]).tolist()) == [0.0, 20.0]
    True
    >>> km.labels_.compute().tolist() == km.predict(X).compute().tolist()
    True
    """

    def __init__(
        self,
        n_clusters: int = 8,
        *,
        init="k-means++",
        n_init: int = 1,
        max_iter: int = 300,
        tol: float = 1e-4,
        random_state=None,
        algorithm: str = "auto",
        coreset_size: int | None = None,
        verbose: bool = False,
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.algorithm = algorithm
        self.coreset_size = coreset_size
        self.verbose = verbose

    def fit(self, X, y=None, sample_weight=None) -> KMeans:
        """Compute the clustering.

        Parameters
        ----------
        X : dask array (or array-like) of shape (n_samples, n_features)
            Chunked along rows only. Values are checked chunk by chunk in the first pass.
        y : ignored
        sample_weight : dask array (chunked like X's rows) or array-like of shape (n_samples,)

        Returns
        -------
        self
        """
        data = Data(check_dask_array(X), None)
        data = data._replace(weights=check_dask_weights(sample_weight, data.X))
        n_clusters = check_n_clusters(self.n_clusters, data.X.shape[0])
        if callable(self.init):
            raise TypeError(
                "init of fastkmeans.dask.KMeans must be 'k-means++', 'random' or an array of "
                "shape (n_clusters, n_features), not a callable"
            )
        init = check_init(self.init, n_clusters, data.X.shape[1], data.X.dtype)
        n_init = check_int(self.n_init, "n_init", minimum=1)
        if isinstance(init, np.ndarray):
            n_init = 1  # one start: every run would be the same
        max_iter = check_int(self.max_iter, "max_iter", minimum=1)
        tol = check_real(self.tol, "tol")
        algorithm = check_choice(self.algorithm, "algorithm", ("auto", "lloyd", "hamerly"))
        coreset_size = self.coreset_size
        if coreset_size is not None:
            coreset_size = check_coreset_size(coreset_size, n_clusters)
        seeds = TreeSeeds(self.random_state)
        runner = PassRunner(data, n_clusters, init if isinstance(init, np.ndarray) else None)
        in_client = {
            "init": init,
            "max_iter": max_iter,
            "tol": tol,
            "algorithm": algorithm,
            "random_state": seeds.rest(),
        }
        if coreset_size is not None:
            coreset, _ = _distributed_coreset(runner, n_clusters, coreset_size, seeds)
            model = _fit_in_client(coreset, n_clusters, n_init=n_init, **in_client)
            centers = model.cluster_centers_
            best = DaskRun(centers, cost_of(runner, centers), model.n_iter_, model.converged_)
        else:
            best = _fit_exact(runner, n_clusters, n_init, seeds, self.verbose, in_client)
        _warn_about_run(
            RunResult(best.centers, None, best.inertia, best.n_iter, best.converged, None),
            n_clusters,
            n_clusters,
            max_iter,
            tol,
        )
        self.cluster_centers_ = best.centers
        self.inertia_ = best.inertia
        self.n_iter_ = best.n_iter
        self.converged_ = best.converged
        self.n_passes_ = runner.n_passes
        self.n_features_in_ = data.X.shape[1]
        self.labels_ = self.predict(data.X)
        return self

    def fit_predict(self, X, y=None, sample_weight=None) -> da.Array:
        """Fit, then return ``labels_`` (lazy)."""
        return self.fit(X, sample_weight=sample_weight).labels_

    def _fitted_input(self, X) -> da.Array:
        if not hasattr(self, "cluster_centers_"):
            raise NotFittedError(
                f"this {type(self).__name__} instance is not fitted yet; call fit(X) first"
            )
        X = check_dask_array(X)
        check_features(X, self.n_features_in_, type(self).__name__)
        return X

    def predict(self, X) -> da.Array:
        """Index of the nearest centre of every row: a lazy int32 dask array."""
        X = self._fitted_input(X)
        centers = np.ascontiguousarray(self.cluster_centers_, dtype=X.dtype)
        return X.map_blocks(_labels_block, centers, dtype=np.int32, drop_axis=1)

    def transform(self, X) -> da.Array:
        """Euclidean distance of every row to every centre: a lazy dask array of X's dtype."""
        X = self._fitted_input(X)
        centers = np.ascontiguousarray(self.cluster_centers_, dtype=X.dtype)
        chunks = (X.chunks[0], (centers.shape[0],))
        return X.map_blocks(_distances_block, centers, dtype=X.dtype, chunks=chunks)

    def score(self, X, y=None, sample_weight=None) -> float:
        """Opposite of the exact weighted cost of X against the centres (one pass)."""
        self._fitted_input(X)
        return -cost(X, self.cluster_centers_, sample_weight)


def _fit_in_client(coreset: Coreset, n_clusters: int, **params) -> _InMemoryKMeans:
    """:class:`fastkmeans.KMeans` on the coreset, in the client."""
    model = _InMemoryKMeans(n_clusters, **params)
    return model.fit(coreset.points, sample_weight=coreset.weights)


def _fit_exact(runner, n_clusters, n_init, seeds, verbose, in_client) -> DaskRun:
    """``n_init`` distributed Lloyd runs (from one initialisation pass); the cheapest."""
    threshold = Threshold(in_client["tol"], n_clusters)
    init = in_client["init"]
    dtype = runner.data.X.dtype
    if isinstance(init, np.ndarray):
        return lloyd(runner, init, in_client["max_iter"], threshold, verbose)
    size = max(_INIT_SIZE_PER_CLUSTER * n_clusters, _INIT_MIN_SIZE)
    coreset, result = _distributed_coreset(runner, n_clusters, size, seeds, *threshold.parts())
    threshold.learn(result, runner)
    rng = in_client["random_state"]
    best = None
    for run in range(n_init):
        if init == "random":
            p = coreset.weights / coreset.weights.sum()
            rows = rng.choice(coreset.points.shape[0], size=n_clusters, replace=False, p=p)
            centers = coreset.points[np.sort(rows)]
        else:
            params = {**in_client, "random_state": rng}
            with warnings.catch_warnings():
                # Only a start for the distributed runs, whose own outcome is what warns.
                warnings.simplefilter("ignore", ConvergenceWarning)
                centers = _fit_in_client(coreset, n_clusters, **params).cluster_centers_
        if verbose and n_init > 1:
            print(f"Run {run + 1}/{n_init}")
        centers = np.ascontiguousarray(centers, dtype=dtype)
        result = lloyd(runner, centers, in_client["max_iter"], threshold, verbose)
        if best is None or result.inertia < best.inertia:
            best = result
    return best


def _checked_block(block, block_info) -> np.ndarray:
    """A block of rows for predict/transform, its values checked (the chunk named)."""
    where = block_info[0]
    start, stop = where["array-location"][0]
    info = ChunkInfo(where["chunk-location"][0], start, stop)
    if not block.shape[0]:
        return np.ascontiguousarray(block)
    return check_array(block, info.name())


def _labels_block(block, centers, block_info=None) -> np.ndarray:
    X = _checked_block(block, block_info)
    # Each chunk rescaled on its own where its values need it (labels are scale-free).
    X, centers, _ = scaled_pair(X, centers, X.shape[0])
    with thread_limit(1):
        labels, _ = labels_and_inertia(X, Weights.ones(X.shape[0]), centers)
    return labels


def _distances_block(block, centers, block_info=None) -> np.ndarray:
    X = _checked_block(block, block_info)
    X, centers, exponent = scaled_pair(X, centers, X.shape[0])
    out = np.empty((X.shape[0], centers.shape[0]), dtype=X.dtype)
    with thread_limit(1):
        center_distances(X, centers, out)
    if exponent:
        with np.errstate(over="ignore", under="ignore"):  # beyond the dtype: inf, as it is
            out = np.ldexp(out, -exponent).astype(X.dtype, copy=False)
    return out


def cost(X, centers, sample_weight=None) -> float:
    """Exact weighted k-means cost of a Dask array, ``sum_i w_i min_j ||x_i - c_j||^2``: one pass.

    Chunks are costed with the kernel of :func:`fastkmeans.cost` and summed in the fixed
    tree, so the value does not depend on the workers.

    Parameters
    ----------
    X : dask array (or array-like) of shape (n_samples, n_features), chunked along rows only
    centers : array-like of shape (n_clusters, n_features)
    sample_weight : dask array chunked like X's rows, or array-like of shape (n_samples,)

    Returns
    -------
    float

    Examples
    --------
    >>> import dask.array as da
    >>> import numpy as np
    >>> from fastkmeans.dask import cost
    >>> cost(da.from_array(np.array([[0.0], [2.0], [4.0]]), chunks=(2, 1)), np.array([[1.0]]))
    11.0
    """
    X = check_dask_array(X)
    centers = check_centers(centers, X.shape[1], X.dtype)
    runner = PassRunner(Data(X, check_dask_weights(sample_weight, X)), centers=centers)
    return float(runner.run((assign_part, (centers, False)))["cost"])


def sensitivity_coreset(
    X, n_clusters: int, size: int, *, sample_weight=None, random_state=None
) -> Coreset:
    """A sensitivity coreset of a Dask array, in one pass: per-chunk coresets merged and reduced.

    Every chunk's coreset is built on the workers (chunk ``i`` drawing from its own stream,
    see :func:`fastkmeans.coreset.merge_and_reduce`) and the coresets are merged and reduced in
    the fixed tree, so the result is bitwise that of
    ``merge_and_reduce(chunks of X, n_clusters, size, random_state=random_state)`` whatever the
    workers. Its Notes state how the error composes over the tree's levels.

    Parameters
    ----------
    X : dask array (or array-like) of shape (n_samples, n_features), chunked along rows only
    n_clusters : int
    size : int
        At most this many points, ``>= n_clusters``.
    sample_weight : dask array chunked like X's rows, or array-like of shape (n_samples,)
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator

    Returns
    -------
    Coreset
        In memory; ``indices`` are rows of X (-1 for a bicriteria centre carrying mass). The
        weights sum to X's total weight (up to rounding).

    Examples
    --------
    >>> import dask.array as da
    >>> import numpy as np
    >>> from fastkmeans.dask import sensitivity_coreset
    >>> X = np.random.default_rng(0).normal(size=(4000, 3))
    >>> cs = sensitivity_coreset(da.from_array(X, chunks=(1000, 3)), 4, 200, random_state=0)
    >>> len(cs.points) <= 200, bool(np.isclose(cs.total_weight, 4000.0))
    (True, True)
    """
    X = check_dask_array(X)
    weights = check_dask_weights(sample_weight, X)
    n_clusters = check_n_clusters(n_clusters, X.shape[0])
    size = check_sample_size(size, n_clusters, "n_clusters")
    runner = PassRunner(Data(X, weights))
    return _distributed_coreset(runner, n_clusters, size, TreeSeeds(random_state))[0]
