"""Full-data k-means against scikit-learn (and faiss): the core engine's benchmark.

(a) pixels of coffee.png upscaled to ~8.6 MP (bilinear), k=16, each from its own k-means++,
    default tolerance, several seeds: time, iterations, mean cost ratio, median speed ratio.
(b) 500,000 x 32 Gaussian blobs, k=64, exactly 30 Lloyd iterations from the same initial centres
    (tol=0 for all; faiss with subsampling disabled).

Run: python benchmarks/bench_kmeans.py [--quick]
"""

from __future__ import annotations

import argparse

import numpy as np
from _common import (
    gaussian_blobs,
    machine,
    median,
    median_runs,
    photo_pixels,
    print_table,
    timed,
)

import fastkmeans


def bench_photo(scale: int, seeds: list[int], k: int = 16) -> list[list]:
    from sklearn.cluster import KMeans as SKKMeans

    X = photo_pixels(scale)
    # Compile first, on enough rows (>= 65,536) to take the repeated-rows path the photo takes.
    fastkmeans.KMeans(k, random_state=0, max_iter=2, tol=0).fit(X[:100_000])
    rows = {"fastkmeans": [], "scikit-learn": []}
    for seed in seeds:
        t, km = timed(fastkmeans.KMeans(k, random_state=seed).fit, X)
        rows["fastkmeans"].append((t, km.n_iter_, fastkmeans.cost(X, km.cluster_centers_)))
        t, sk = timed(SKKMeans(k, n_init=1, random_state=seed).fit, X)
        # Both costs measured the same way, by fastkmeans.cost, in float64.
        rows["scikit-learn"].append((t, sk.n_iter_, fastkmeans.cost(X, sk.cluster_centers_)))
    sk_time = median([r[0] for r in rows["scikit-learn"]])
    sk_cost = np.mean([r[2] for r in rows["scikit-learn"]])
    # Standard error of the mean-cost ratio (delta method), so seed noise is visible.
    fast_costs = np.array([r[2] for r in rows["fastkmeans"]])
    sk_costs = np.array([r[2] for r in rows["scikit-learn"]])
    ratio = fast_costs.mean() / sk_costs.mean()
    rel_se = np.sqrt(
        (fast_costs.std(ddof=1) / fast_costs.mean()) ** 2 / len(fast_costs)
        + (sk_costs.std(ddof=1) / sk_costs.mean()) ** 2 / len(sk_costs)
    )
    table = []
    for name, runs in rows.items():
        t = median([r[0] for r in runs])
        mean_cost = float(np.mean([r[2] for r in runs]))
        table.append(
            [
                name,
                t,
                median([r[1] for r in runs]),
                mean_cost,
                mean_cost / sk_cost,
                sk_time / t,
            ]
        )
    print_table(
        f"(a) photo pixels {X.shape[0]:,} x 3 float32, k={k}, own k-means++, seeds {seeds} "
        "(median time, mean cost)",
        ["library", "time s", "iters", "cost", "cost ratio", "speed-up vs sklearn"],
        table,
    )
    print(f"  mean-cost ratio {ratio:.4f} +- {ratio * rel_se:.4f} (one standard error over seeds)")
    return table


def bench_blobs(n_samples: int, repeats: int, k: int = 64, n_features: int = 32) -> list[list]:
    from sklearn.cluster import KMeans as SKKMeans

    X = gaussian_blobs(n_samples, n_features, k, seed=0)
    init = X[np.random.default_rng(1).choice(n_samples, size=k, replace=False)]
    fastkmeans.KMeans(k, init=init, max_iter=2, tol=0).fit(X)  # compile before timing
    results = {}

    def run_fast():
        return fastkmeans.KMeans(k, init=init, max_iter=30, tol=0).fit(X)

    def run_sklearn():
        return SKKMeans(k, init=init, n_init=1, max_iter=30, tol=0).fit(X)

    runs = {"fastkmeans": run_fast, "scikit-learn": run_sklearn}
    try:
        import faiss

        def run_faiss():
            km = faiss.Kmeans(
                n_features, k, niter=30, max_points_per_centroid=n_samples, seed=1, verbose=False
            )
            km.train(X, init_centroids=init)
            km.n_iter_ = len(km.iteration_stats)  # the iterations faiss ran
            km.cluster_centers_ = km.centroids
            return km

        runs["faiss"] = run_faiss
    except ImportError:
        pass
    for name, (t, model) in median_runs(runs, repeats).items():
        results[name] = (t, model.n_iter_, fastkmeans.cost(X, model.cluster_centers_))
    sk_time, _, sk_cost = results["scikit-learn"]
    table = [
        [name, t, iters, c, c / sk_cost, sk_time / t] for name, (t, iters, c) in results.items()
    ]
    print_table(
        f"(b) blobs {n_samples:,} x {n_features} float32, k={k}, 30 iterations from the same "
        f"centres, median of {repeats}",
        ["library", "time s", "iters", "cost", "cost ratio", "speed-up vs sklearn"],
        table,
    )
    return table


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    args = parser.parse_args(argv)
    print(machine())
    if args.quick:
        bench_photo(scale=1, seeds=[0, 1, 2])
        bench_blobs(50_000, repeats=3)
    else:
        bench_photo(scale=6, seeds=list(range(8)))
        # The same photo without upscaling, many more seeds: a tighter view of the cost ratio.
        bench_photo(scale=1, seeds=list(range(30)))
        bench_blobs(500_000, repeats=3)


if __name__ == "__main__":
    main()
