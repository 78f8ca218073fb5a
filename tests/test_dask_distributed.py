"""fastkmeans.dask on a real cluster: distributed.LocalCluster of 2 worker processes.

The cluster starts once for the module; the Numba cache is warmed in this process first, so
the workers load compiled kernels instead of compiling them.
"""

import os
import signal

import numpy as np
import pytest

da = pytest.importorskip("dask.array")
dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

import fastkmeans  # noqa: E402
from fastkmeans.dask import KMeans, cost, sensitivity_coreset  # noqa: E402


def blob_data(n_per=2000, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-8, 8, size=(6, 4))
    X = np.concatenate([c + rng.normal(size=(n_per, 4)) for c in centres])
    rng.shuffle(X)
    return X


@pytest.fixture(scope="module")
def client():
    X = blob_data(n_per=50)
    with dask.config.set(scheduler="sync"):  # compile (and cache) every kernel used here
        KMeans(3, random_state=0).fit(X)
        KMeans(3, random_state=0, coreset_size=30).fit(X, sample_weight=np.arange(300.0))
        KMeans(3, init=X[:3], tol=0).fit(X).transform(X).compute()
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def test_exact_on_cluster_and_bitwise_equal_to_one_worker(client):
    X = blob_data()
    dX = da.from_array(X, chunks=(1500, 4)).persist()
    init = X[:6].copy()
    km = KMeans(6, init=init, tol=0).fit(dX)
    ref = fastkmeans.KMeans(6, init=init, tol=0, algorithm="lloyd").fit(X)
    np.testing.assert_array_equal(km.labels_.compute(), ref.labels_)
    np.testing.assert_allclose(km.cluster_centers_, ref.cluster_centers_, rtol=1e-9)
    np.testing.assert_allclose(km.inertia_, fastkmeans.cost(X, km.cluster_centers_), rtol=1e-12)
    default = KMeans(6, random_state=5).fit(dX)
    with dask.config.set(scheduler="sync"):  # one worker, one thread, chunks in order
        alone = KMeans(6, random_state=5).fit(da.from_array(X, chunks=(1500, 4)))
    assert default.cluster_centers_.tobytes() == alone.cluster_centers_.tobytes()
    assert (default.inertia_, default.n_iter_) == (alone.inertia_, alone.n_iter_)


def test_weights_and_coreset_on_cluster(client):
    X = blob_data(n_per=500)
    weights = np.random.default_rng(1).uniform(0, 2, size=X.shape[0])
    dX = da.from_array(X, chunks=(700, 4))
    dw = da.from_array(weights, chunks=700)
    init = X[:6].copy()
    km = KMeans(6, init=init, tol=0).fit(dX, sample_weight=dw)
    ref = fastkmeans.KMeans(6, init=init, tol=0, algorithm="lloyd").fit(X, sample_weight=weights)
    np.testing.assert_array_equal(km.labels_.compute(), ref.labels_)
    np.testing.assert_allclose(km.cluster_centers_, ref.cluster_centers_, rtol=1e-9)
    np.testing.assert_allclose(km.inertia_, cost(dX, km.cluster_centers_, dw), rtol=1e-12)
    cs = sensitivity_coreset(dX, 6, 150, sample_weight=dw, random_state=2)
    assert len(cs.points) <= 150
    np.testing.assert_allclose(cs.total_weight, weights.sum(), rtol=1e-9)
    with pytest.raises(ValueError, match=r"X \(chunk 1, rows 700 to 1399\) must be finite"):
        bad = X.copy()
        bad[900, 2] = np.nan
        KMeans(6, random_state=0).fit(da.from_array(bad, chunks=(700, 4)))


def _die_once(block, marker_dir, block_info=None):
    """Chunk 0's values; the second time chunk 0 is read (the second pass), the worker process
    computing it is killed (SIGKILL) before it can answer."""
    if block_info[0]["chunk-location"][0] == 0:
        reads = len(os.listdir(marker_dir))
        open(os.path.join(marker_dir, str(reads)), "w").close()
        if reads == 1:
            os.kill(os.getpid(), signal.SIGKILL)
    return block


def test_worker_killed_mid_fit_gives_the_uninterrupted_result(client, tmp_path):
    X = blob_data(n_per=1000)
    base = da.from_array(X, chunks=(1000, 4))
    uninterrupted = KMeans(6, random_state=3, tol=0).fit(base)
    # Not persisted: every pass reads chunk 0 through _die_once, and the second read kills
    # the worker in the middle of the second pass.
    dying = base.map_blocks(_die_once, str(tmp_path), dtype=base.dtype)
    km = KMeans(6, random_state=3, tol=0).fit(dying)
    assert len(os.listdir(tmp_path)) >= 3  # read, killed, read again (and later passes)
    assert km.cluster_centers_.tobytes() == uninterrupted.cluster_centers_.tobytes()
    assert (km.inertia_, km.n_iter_) == (uninterrupted.inertia_, uninterrupted.n_iter_)
    client.wait_for_workers(2, timeout=60)
