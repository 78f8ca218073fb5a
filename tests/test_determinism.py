"""Same random_state, same bits, whatever the number of threads."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numba
import numpy as np
import pytest
from numpy.testing import assert_array_equal

from fastkmeans import KMeans, kmeans_plusplus

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import hashlib, json, numpy as np, numba
from fastkmeans import KMeans, kmeans_plusplus
rng = np.random.default_rng(0)
# Sizes above _parallel.SERIAL_MAX_VALUES, below which a fit runs on one thread anyway.
X = rng.normal(size=(40000, 3))
w = rng.uniform(0.1, 2.0, size=40000)
km = KMeans(12, random_state=42, tol=1e-6).fit(X, sample_weight=w)
km32 = KMeans(12, random_state=42).fit(X.astype(np.float32))
_, idx = kmeans_plusplus(X, 20, sample_weight=w, random_state=7)
# Wide rows: their search runs a BLAS product, whose threads follow OPENBLAS_NUM_THREADS here.
from fastkmeans._wide_rows import takes_product_search
Xw = rng.normal(size=(5000, 64)).astype(np.float32)
assert takes_product_search(Xw, Xw[:256])  # k d = 16384
kmw = KMeans(256, random_state=3, tol=0, max_iter=10).fit(Xw)
# Integer rows and weights (colour-like, mostly distinct): Lloyd moves the sums of the rows
# that change label (_steps.sums_are_exact), in blocks shared between the threads.
from fastkmeans._steps import sums_are_exact
from fastkmeans._validation import Weights
Xi = rng.integers(0, 256, size=(100000, 3)).astype(np.float32)
wi = rng.integers(1, 5, size=100000).astype(np.float64)
assert sums_are_exact(Xi, Weights.of(wi))
kmi = KMeans(16, random_state=5, algorithm="lloyd").fit(Xi, sample_weight=wi)
digest = lambda a: hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()
print(json.dumps({
    "threads": numba.get_num_threads(),
    "centers": digest(km.cluster_centers_), "labels": digest(km.labels_),
    "inertia": km.inertia_.hex(), "n_iter": km.n_iter_,
    "centers32": digest(km32.cluster_centers_), "inertia32": km32.inertia_.hex(),
    "seeds": idx.tolist(),
    "centers_wide": digest(kmw.cluster_centers_), "labels_wide": digest(kmw.labels_),
    "inertia_wide": kmw.inertia_.hex(),
    "centers_integer": digest(kmi.cluster_centers_), "labels_integer": digest(kmi.labels_),
    "inertia_integer": kmi.inertia_.hex(), "n_iter_integer": kmi.n_iter_,
}))
"""


def _run(n_threads):
    env = dict(os.environ, NUMBA_NUM_THREADS=str(n_threads), OPENBLAS_NUM_THREADS=str(n_threads))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_identical_results_with_one_and_two_threads():
    one, two = _run(1), _run(2)
    assert one.pop("threads") == 1
    assert two.pop("threads") == 2
    assert one == two


@pytest.mark.skipif(numba.config.NUMBA_NUM_THREADS < 2, reason="needs 2 threads")
def test_n_threads_parameter_gives_identical_results(pool_submissions):
    X = np.random.default_rng(1).normal(size=(40000, 4)).astype(np.float32)
    a = KMeans(10, random_state=3, n_threads=1).fit(X)
    assert not pool_submissions
    b = KMeans(10, random_state=3, n_threads=2).fit(X)
    assert pool_submissions  # split between the threads
    assert_array_equal(a.cluster_centers_, b.cluster_centers_)
    assert_array_equal(a.labels_, b.labels_)
    assert a.inertia_ == b.inertia_


@pytest.mark.parametrize("n_threads", [1, 2, 3, 7])
def test_a_parallel_pass_runs_in_slices_with_the_same_bits(n_threads):
    # Every thread count cuts the 7 blocks differently (7 slices of one block at most); each
    # slice writes only its blocks' slots, and the count it returns is summed.
    from fastkmeans._kernels.lloyd import lloyd_step
    from fastkmeans._parallel import thread_limit

    rng = np.random.default_rng(5)
    X = rng.normal(size=(700, 3)).astype(np.float32)
    centers = X[:4].copy()
    bounds = np.arange(0, 701, 100, dtype=np.int64)

    def run(threads):
        labels = np.full(700, -1, np.int32)
        sums, weights, cost = np.empty((7, 4, 3)), np.empty((7, 4)), np.empty(7)
        empty = np.empty(0, np.float64)
        with thread_limit(threads):
            changed = lloyd_step(X, empty, True, centers, bounds, labels, sums, weights, cost)
        return changed, labels, sums, weights, cost

    expected = run(1)
    assert expected[0] == 700  # every label changed from -1
    if n_threads > numba.config.NUMBA_NUM_THREADS:
        pytest.skip(f"NUMBA_NUM_THREADS is {numba.config.NUMBA_NUM_THREADS}")
    got = run(n_threads)
    assert got[0] == expected[0]
    for a, b in zip(got[1:], expected[1:], strict=True):
        assert_array_equal(a, b)


def test_same_seed_same_result_in_process():
    X = np.random.default_rng(2).normal(size=(10000, 2))
    a = kmeans_plusplus(X, 8, random_state=5)[1]
    b = kmeans_plusplus(X, 8, random_state=5)[1]
    assert_array_equal(a, b)
    h = [
        hashlib.sha256(KMeans(5, random_state=9).fit(X).cluster_centers_.tobytes()).digest()
        for _ in range(2)
    ]
    assert h[0] == h[1]


CONCURRENT = """
import threading, numpy as np
from fastkmeans import KMeans, cost, segment_image
X = np.random.default_rng(0).normal(size=(40000, 3))
image = np.random.default_rng(1).integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
expected = KMeans(6, random_state=0).fit(X)
expected_seg = segment_image(image, 4, random_state=0)
failures = []
def work():
    for _ in range(3):
        km = KMeans(6, random_state=0).fit(X)
        seg = segment_image(image, 4, random_state=0)
        if not (km.cluster_centers_ == expected.cluster_centers_).all():
            failures.append("centres")
        if not (seg.image == expected_seg.image).all() or cost(X, km.cluster_centers_) <= 0:
            failures.append("segmentation")
threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("failures", failures)
"""


@pytest.mark.parametrize("layer", ["workqueue", "default"])
def test_concurrent_calls_from_python_threads_are_safe_under_every_threading_layer(layer):
    # Numba's workqueue layer aborts the process when two threads enter parallel regions at
    # once; the kernels run no parallel region (a pool of Python threads runs their slices), so
    # any layer Numba picks is safe.
    env = dict(os.environ, PYTHONPATH=str(ROOT), NUMBA_THREADING_LAYER=layer)
    result = subprocess.run(
        [sys.executable, "-c", CONCURRENT], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "failures []"


NO_NUMBA_THREADS = """
import numpy as np
import numba.np.ufunc.parallel
from fastkmeans import KMeans, kmeans_plusplus, segment_image, sensitivity_coreset, silhouette_score
from fastkmeans._kernels import _config
X = np.random.default_rng(0).normal(size=(5000, 4))
image = np.random.default_rng(1).integers(0, 256, size=(48, 48, 3), dtype=np.uint8)
for algorithm in ("lloyd", "hamerly"):
    km = KMeans(5, algorithm=algorithm, random_state=0).fit(X)
kmeans_plusplus(X, 5, random_state=0)
sensitivity_coreset(X, 5, 500, random_state=0)
silhouette_score(X, km.labels_)
segment_image(image, 4, random_state=0, quality=True).ssim
segment_image(image, 4, coreset_size=300, random_state=0)
print(numba.np.ufunc.parallel._is_initialized, _config._NO_PARFORS.numpy)
"""


def test_kernels_never_start_numbas_threading_layer():
    # Compiled through the parallel pipeline, a kernel whose parfor options were lost would
    # make parfors (and start Numba's threads) from inside fastkmeans's own threads; loading a
    # cached kernel of that pipeline would start them too. The second run loads from the cache.
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-W", "error", "-c", NO_NUMBA_THREADS],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout.split() == ["False", "False"]


def test_a_parfor_made_anyway_is_reported_and_the_kernel_still_works():
    # What a future Numba making parfors despite the options would do: a warning naming the
    # statement, and a kernel that runs (and, cached, would still load).
    from fastkmeans._kernels._config import _DistinctArguments

    def double(x):
        for i in numba.prange(x.shape[0]):
            x[i] = 2.0 * x[i]

    kernel = numba.njit(parallel=True, pipeline_class=_DistinctArguments)(double)
    x = np.ones(5)
    with pytest.warns(RuntimeWarning, match=r"Numba made a parfor of the statement at .*\.double,"):
        kernel(x)
    assert_array_equal(x, 2.0)


def test_lean_kernels_compute_the_same_bits_as_through_the_parallel_pipeline():
    # lloyd_step is compiled through Numba's ordinary pipeline to save a fresh process time;
    # compiled through the parallel pipeline (the default) it must give the same bits.
    from fastkmeans._kernels._config import _jit_sliced
    from fastkmeans._kernels.lloyd import lloyd_step
    from fastkmeans._kernels.partials import block_partials
    from fastkmeans._parallel import block_bounds

    assert "parallel" not in lloyd_step.kernel.targetoptions
    # Not cached: the cache would not tell the two compilations of one function apart.
    through_parallel = numba.njit(**{**_jit_sliced.keywords, "cache": False})(
        lloyd_step.kernel.py_func
    )
    rng = np.random.default_rng(5)
    for n_features in (3, 7):
        X = rng.normal(size=(6000, n_features)).astype(np.float32)
        centers = X[rng.choice(6000, 9, replace=False)]
        bounds = block_bounds(6000, 9 * (n_features + 1))
        n_blocks = bounds.shape[0] - 1
        for weights in (np.empty(0), rng.uniform(0.1, 3.0, 6000)):
            results = []
            for kernel in (lloyd_step.kernel, through_parallel):
                labels = np.zeros(6000, dtype=np.int32)
                partials = block_partials(n_blocks, 9, n_features)
                changed = kernel(
                    X, weights, weights.size == 0, centers, bounds, labels, *partials, 0, n_blocks
                )
                results.append((changed, labels, *partials))
            (changed, *arrays), (changed_too, *arrays_too) = results
            assert changed == changed_too > 0
            for array, array_too in zip(arrays, arrays_too, strict=True):
                assert_array_equal(array, array_too)


@pytest.mark.skipif(numba.config.NUMBA_NUM_THREADS < 2, reason="needs 2 threads")
def test_small_fits_and_seedings_run_on_one_thread_larger_fits_share_passes(pool_submissions):
    # Up to _parallel.SERIAL_MAX_VALUES a pass costs less than handing a slice to another thread
    # (a coreset's runs: 4,096 rows), so no slice goes to the pool; above it, slices do.
    from fastkmeans._parallel import SERIAL_MAX_VALUES

    submitted = pool_submissions
    rng = np.random.default_rng(4)
    n_small = SERIAL_MAX_VALUES // 8  # rows of 3 features count as 8
    small = rng.normal(size=(n_small, 3))
    for algorithm in ("lloyd", "hamerly"):
        KMeans(16, algorithm=algorithm, n_init=3, random_state=0).fit(small)
    kmeans_plusplus(small, 16, random_state=0)
    assert submitted == []
    large = rng.normal(size=(n_small + 1, 3))
    KMeans(16, n_init=1, random_state=0).fit(large)
    assert submitted


def test_an_interrupt_while_waiting_for_slices_is_raised_once_they_have_finished(request):
    # Outside the command line nothing defers Ctrl-C: it lands in the wait for the other
    # slices, which must still finish before the pass gives up its outputs.
    import signal
    import time

    from fastkmeans._kernels import _config

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    request.addfinalizer(lambda: signal.signal(signal.SIGALRM, previous))
    slice_running = _config.thread_pool().submit(time.sleep, 0.3)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    with pytest.raises(KeyboardInterrupt):
        _config.wait_for_slices([slice_running])
    assert slice_running.done()
