"""fastkmeans.dask against dask-ml's KMeans on one 2-worker distributed.LocalCluster.

(a) Gaussian blobs (2,000,000 x 32 float32, k=16; --quick: 200,000), persisted on the
    workers: dask-ml and fastkmeans.dask at their defaults, and at exactly 10 Lloyd
    iterations from the same initial centres. Wall time, passes over the data, the exact cost
    of the returned centres by one shared function (fastkmeans.dask.cost), peak worker memory
    (the largest of the workers' memory samples, taken every 0.5 s, during the fit).
(b) The engine's overhead: seconds per exact iteration of fastkmeans.dask on the persisted
    data against single-process fastkmeans (2 threads, in the client, workers idle).
(c) A zarr array at least twice the workers' total memory limit (a second cluster with a
    small limit), fitted with coreset_size: passes, time, worker restarts, spilled bytes,
    cost against exact in-memory Lloyd.

Run: python benchmarks/bench_dask.py [--quick]    (needs dask[array], distributed; dask-ml and
zarr where installed)
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
import warnings

import numpy as np
from _common import gaussian_blobs, machine, median, print_table, timed

import fastkmeans


def _sampled_memory(since: float, dask_worker=None) -> float:
    """The worker's largest memory sample (its system monitor, every 0.5 s) since ``since``."""
    monitor = dask_worker.monitor.quantities
    samples = [m for t, m in zip(monitor["time"], monitor["memory"], strict=False) if t >= since]
    return max(samples, default=0.0)


def _worker_peak_mb(client, since: float) -> float:
    return max(client.run(_sampled_memory, since).values()) / 2**20


def _persisted(client, X_numpy, chunk_rows):
    """The data persisted on the workers (a fresh copy for every fit)."""
    import dask.array as da
    from distributed import wait

    X = da.from_array(X_numpy, chunks=(chunk_rows, -1)).persist()
    wait(X)
    return X


def bench_vs_dask_ml(client, X_numpy, k: int, chunk_rows: int, n_iter: int) -> list[list]:
    from fastkmeans.dask import KMeans, cost

    rows = []
    runs = {"fastkmeans.dask": lambda **kw: KMeans(k, random_state=0, **kw)}
    try:
        from dask_ml.cluster import KMeans as DaskMLKMeans

        runs["dask-ml"] = lambda **kw: DaskMLKMeans(k, random_state=0, **kw)
    except ImportError:
        print("dask-ml is not installed: only fastkmeans.dask runs")
    init = X_numpy[np.random.default_rng(0).choice(X_numpy.shape[0], k, replace=False)]
    for setting, params in (
        ("default", {}),
        (f"{n_iter} iterations, same init", {"init": init, "max_iter": n_iter, "tol": 0.0}),
    ):
        for name, make in runs.items():
            X = _persisted(client, X_numpy, chunk_rows)
            since = time.time()
            seconds, model = timed(make(**params).fit, X)
            time.sleep(1.0)  # one more memory sample
            peak = _worker_peak_mb(client, since)
            if name == "dask-ml":
                passes = f"{model.n_iter_} + init"
                n_iter_done = model.n_iter_
            else:
                passes = model.n_passes_
                n_iter_done = model.n_iter_
            exact = cost(X, model.cluster_centers_)
            rows.append([setting, name, seconds, n_iter_done, passes, exact, peak])
    return rows


def bench_overhead(client, X_numpy, k: int, chunk_rows: int, n_iter: int, repeats: int):
    from fastkmeans.dask import KMeans

    X = _persisted(client, X_numpy, chunk_rows)
    init = X_numpy[:k].copy()
    params = {"init": init, "max_iter": n_iter, "tol": 0.0}
    dask_times, local_times = [], []
    for _ in range(repeats):
        seconds, model = timed(KMeans(k, **params).fit, X)
        dask_times.append(seconds / model.n_passes_)
        seconds, model = timed(fastkmeans.KMeans(k, algorithm="lloyd", **params).fit, X_numpy)
        local_times.append(seconds / (model.n_iter_ + 1))  # + the final labelling pass
    per_dask, per_local = median(dask_times), median(local_times)
    return [
        ["fastkmeans.dask (2 workers)", per_dask, max(dask_times), per_dask / per_local],
        ["fastkmeans single process", per_local, max(local_times), 1.0],
    ]


def bench_zarr(n_rows: int, d: int, k: int, coreset_size: int, limit_mb: int) -> list[list]:
    import dask.array as da
    import zarr
    from distributed import Client, LocalCluster

    from fastkmeans.dask import KMeans

    directory = tempfile.mkdtemp(prefix="fastkmeans-zarr-")
    try:
        path = os.path.join(directory, "blobs.zarr")
        chunk_rows = 2**17
        store = zarr.open_array(
            path, mode="w", shape=(n_rows, d), chunks=(chunk_rows, d), dtype=np.float32
        )
        for start in range(0, n_rows, 8 * chunk_rows):
            stop = min(n_rows, start + 8 * chunk_rows)
            store[start:stop] = gaussian_blobs(stop - start, d, k, seed=start)
        size_mb = n_rows * d * 4 / 2**20
        cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            memory_limit=f"{limit_mb}MiB",
            dashboard_address=None,
        )
        with Client(cluster) as client:
            pids = client.run(os.getpid)
            X = da.from_zarr(path)
            since = time.time()
            seconds, model = timed(KMeans(k, random_state=0, coreset_size=coreset_size).fit, X)
            time.sleep(1.0)
            restarted = client.run(os.getpid) != pids
            spilled = sum(
                client.run(
                    lambda dask_worker: (
                        getattr(dask_worker.data, "spilled_total", None).disk
                        if hasattr(dask_worker.data, "spilled_total")
                        else 0
                    )
                ).values()
            )
            peak = _worker_peak_mb(client, since)
        cluster.close()
        in_memory = np.asarray(zarr.open_array(path, mode="r")[:])
        start = time.perf_counter()
        exact = fastkmeans.KMeans(k, random_state=0).fit(in_memory)
        exact_seconds = time.perf_counter() - start
        coreset_cost = fastkmeans.cost(in_memory, model.cluster_centers_)
        return [
            [
                f"{n_rows:,} x {d} ({size_mb:.0f} MiB)",
                f"2 x {limit_mb} MiB",
                seconds,
                model.n_passes_,
                restarted,
                spilled,
                peak,
                coreset_cost / exact.inertia_,
                exact_seconds,
            ]
        ]
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def main(argv=None) -> None:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print('skipped: needs dask and distributed (pip install -e ".[bench,dask]")')
        return

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke test)")
    args = parser.parse_args(argv)
    # from_array embeds the numpy data in the graph on purpose (the same data for every fit).
    warnings.filterwarnings("ignore", message="Sending large graph")
    n_rows, d, k = (200_000, 32, 16) if args.quick else (2_000_000, 32, 16)
    chunk_rows = 2**17
    print(machine())
    X_numpy = gaussian_blobs(n_rows, d, k, seed=0)
    # Compile (and cache) every kernel in this process first, so workers load them.
    from fastkmeans.dask import KMeans

    KMeans(k, random_state=0, max_iter=2).fit(X_numpy[:20_000])
    KMeans(k, random_state=0, coreset_size=400).fit(X_numpy[:20_000])
    fastkmeans.KMeans(k, algorithm="lloyd", max_iter=2).fit(X_numpy[:20_000])
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with Client(cluster) as client:
        print(
            f"cluster: 2 worker processes x 1 thread; data {n_rows:,} x {d} float32, k={k}, "
            f"chunks of {chunk_rows} rows"
        )
        rows = bench_vs_dask_ml(client, X_numpy, k, chunk_rows, n_iter=10)
        print_table(
            "(a) dask-ml vs fastkmeans.dask, same cluster and data; cost: fastkmeans.dask.cost",
            ["setting", "library", "seconds", "iterations", "passes", "cost", "peak worker MiB"],
            rows,
        )
        overhead = bench_overhead(client, X_numpy, k, chunk_rows, n_iter=10, repeats=3)
        print_table(
            "(b) seconds per exact pass on persisted data (10 iterations from the same centres)",
            ["engine", "median s/pass", "worst s/pass", "ratio to single process"],
            overhead,
        )
    cluster.close()
    try:
        import zarr  # noqa: F401
    except ImportError:
        print("zarr is not installed: (c) skipped")
        return
    # A worker process holds ~350 MiB before any data (Python, Numba, Dask), so the limit must
    # exceed that; the full run's array is twice the two workers' total limit.
    limit_mb = 600
    zarr_rows = 1_000_000 if args.quick else 2 * 2 * limit_mb * 2**20 // (d * 4) + 1
    table = bench_zarr(zarr_rows, d, k, coreset_size=40 * k * 4, limit_mb=limit_mb)
    print_table(
        "(c) zarr array larger than the workers' memory, KMeans(coreset_size=2560)",
        [
            "data",
            "worker limit",
            "seconds",
            "passes",
            "restarts",
            "spilled bytes",
            "peak worker MiB",
            "cost / exact Lloyd",
            "exact Lloyd s (1 process)",
        ],
        table,
    )


if __name__ == "__main__":
    main()
