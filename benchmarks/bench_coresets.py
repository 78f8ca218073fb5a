"""Coresets: distortion and build time per construction and dataset; coreset fit of a photo.

(a) Distortion table: uniform / lightweight / sensitivity coresets of size 40 k on four datasets,
    judged by :func:`fastkmeans.testing.coreset_distortion` (k-means solutions fitted on the
    coreset plus random convex combinations of them, worst cost ratio either way round).
    Mean and worst over seeds; median build time.
(b) ~8.6-megapixel photo (coffee.png upscaled by bilinear interpolation), k = 16: KMeans fitted on a
    sensitivity coreset of 4,096 points then one labelling pass over every pixel, and
    ``KMeans(coreset_size=4096)``, against KMeans on all pixels. Cost on all pixels (mean over
    seeds) and time (median). Then the same photo dequantised (uniform noise in [0, 1) added):
    float data with no repeated rows, where the full fit cannot work on distinct colours.

Run: python benchmarks/bench_coresets.py [--quick] [--skip-photo] [--skip-table]
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
from _common import machine, median, photo_pixels, print_table, timed

import fastkmeans
from fastkmeans.testing import coreset_distortion

CONSTRUCTIONS = {
    "uniform": lambda X, k, size, seed: fastkmeans.uniform_coreset(X, size, random_state=seed),
    "lightweight": lambda X, k, size, seed: fastkmeans.lightweight_coreset(
        X, size, random_state=seed
    ),
    "sensitivity": lambda X, k, size, seed: fastkmeans.sensitivity_coreset(
        X, k, size, random_state=seed
    ),
}


# -- datasets --------------------------------------------------------------------------------


def outlier_cloud(n_samples=20000, n_features=10, n_outliers=5, seed=0) -> np.ndarray:
    """A dense standard-normal cloud plus ``n_outliers`` points at distance ~1000 from it."""
    rng = np.random.default_rng(seed)
    cloud = rng.normal(size=(n_samples - n_outliers, n_features))
    directions = rng.normal(size=(n_outliers, n_features))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    outliers = 1000.0 * directions * rng.uniform(0.8, 1.2, size=(n_outliers, 1))
    return np.concatenate([cloud, outliers])


def geometric_simplex(n_samples=20000, n_clusters=10, ratio=0.5, seed=0) -> np.ndarray:
    """Clusters on the vertices of a simplex (10 e_j in R^k), sizes shrinking by ``ratio``.

    Cluster j holds about ``n * ratio^j`` points (at least 2), with N(0, 1) noise.
    """
    rng = np.random.default_rng(seed)
    sizes = np.maximum(2, np.round(n_samples * (1 - ratio) * ratio ** np.arange(n_clusters)))
    sizes = sizes.astype(int)
    vertices = 10.0 * np.eye(n_clusters)
    return np.concatenate(
        [v + rng.normal(size=(s, n_clusters)) for v, s in zip(vertices, sizes, strict=True)]
    )


def skewed_mixture(n_samples=50000, n_features=10, n_clusters=20, seed=0) -> np.ndarray:
    """Gaussian mixture with cluster sizes proportional to exp(5 U[-1/2, 1/2])."""
    rng = np.random.default_rng(seed)
    share = np.exp(5.0 * rng.uniform(-0.5, 0.5, size=n_clusters))
    sizes = np.maximum(1, np.round(n_samples * share / share.sum())).astype(int)
    centers = rng.uniform(-10.0, 10.0, size=(n_clusters, n_features))
    scales = rng.uniform(0.5, 2.0, size=n_clusters)
    return np.concatenate(
        [
            c + s * rng.normal(size=(m, n_features))
            for c, s, m in zip(centers, scales, sizes, strict=True)
        ]
    )


def datasets(quick: bool) -> dict[str, tuple[np.ndarray, int]]:
    """name -> (X, k)."""
    scale = 4 if quick else 1
    return {
        "outliers (20k x 10, k=10)": (outlier_cloud(20000 // scale), 10),
        "geometric simplex (20k x 10, k=10)": (geometric_simplex(20000 // scale), 10),
        "skewed mixture (50k x 10, k=20)": (skewed_mixture(50000 // scale), 20),
        "coffee.png pixels (240k x 3, k=16)": (photo_pixels(scale=1).astype(np.float64), 16),
    }


# -- (a) distortion table --------------------------------------------------------------------


def bench_distortion(quick: bool) -> None:
    seeds = range(3 if quick else 10)
    rows = []
    for name, (X, k) in datasets(quick).items():
        size = 40 * k
        for method, build in CONSTRUCTIONS.items():
            build(X[:1000], k, size // 4, 0)  # compile before timing
            times, values = [], []
            for seed in seeds:
                t, cs = timed(build, X, k, size, seed)
                times.append(t)
                values.append(coreset_distortion(X, cs, k, random_state=1000 + seed))
            rows.append(
                [
                    name,
                    method,
                    size,
                    float(np.mean(values)),
                    float(np.max(values)),
                    1000 * median(times),
                ]
            )
            print(f"  {name:38s} {method:12s} done", flush=True)
    print_table(
        f"Distortion at size 40 k over {len(seeds)} seeds (candidates: 5 k-means fits on the "
        "coreset + 10 convex combinations)",
        ["dataset", "coreset", "size", "mean distortion", "worst distortion", "build ms"],
        rows,
    )


# -- (b) photo: coreset fit vs full fit ------------------------------------------------------


def coreset_fit(X: np.ndarray, k: int, size: int, seed: int):
    """Coreset build, KMeans on the coreset, one labelling pass; (build s, centres)."""
    t_build, cs = timed(fastkmeans.sensitivity_coreset, X, k, size, random_state=seed)
    km = fastkmeans.KMeans(k, random_state=seed).fit(cs.points, sample_weight=cs.weights)
    km.predict(X)  # the final labelling pass over every pixel, part of the timed fit
    return t_build, km.cluster_centers_


def bench_photo(quick: bool, dequantised: bool = False) -> None:
    k, size = 16, 4096
    X = photo_pixels(scale=2 if quick else 6)
    what = "photo"
    if dequantised:
        # Uniform noise in [0, 1) on every channel: the photo as float data with no repeated
        # rows, so no fit can work on its distinct colours (as a full fit of 8-bit pixels does).
        noise = np.random.default_rng(0).random(X.shape, dtype=np.float32)
        X = X + noise
        what = "photo dequantised (+ U[0, 1) per channel: no repeated rows)"
    seeds = range(2 if quick else 5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", fastkmeans.ConvergenceWarning)
        fastkmeans.KMeans(k, random_state=0, max_iter=2).fit(X[:20000])  # compile
    coreset_fit(X[:300000], k, size, 0)
    fastkmeans.KMeans(k, random_state=0, coreset_size=size).fit(X[:300000])
    full_times, full_costs, cs_times, cs_costs, build_times = [], [], [], [], []
    estimator_times, estimator_costs = [], []
    for seed in seeds:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", fastkmeans.ConvergenceWarning)
            t, km = timed(fastkmeans.KMeans(k, random_state=seed).fit, X)
        full_times.append(t)
        full_costs.append(km.inertia_)
        t, (t_build, centers) = timed(coreset_fit, X, k, size, seed)
        cs_times.append(t)
        build_times.append(t_build)
        cs_costs.append(fastkmeans.cost(X, centers))
        t, small = timed(fastkmeans.KMeans(k, random_state=seed, coreset_size=size).fit, X)
        estimator_times.append(t)
        estimator_costs.append(small.inertia_)
    for _ in range(2):  # extra build timings for a steadier median
        build_times.append(timed(fastkmeans.sensitivity_coreset, X, k, size, random_state=9)[0])
    full_t, cs_t, estimator_t = median(full_times), median(cs_times), median(estimator_times)
    full_cost = float(np.mean(full_costs))
    print_table(
        f"{what}, {X.shape[0] / 1e6:.2f} MP, k={k}, {len(seeds)} seeds "
        f"(costs on all pixels, mean; times median; target: coreset fit >= 20x the full fit)",
        ["fit", "time s", "cost", "cost / full", "speed-up"],
        [
            ["KMeans on all pixels", full_t, full_cost, 1.0, 1.0],
            [
                f"sensitivity coreset ({size}) + KMeans + labelling",
                cs_t,
                float(np.mean(cs_costs)),
                float(np.mean(cs_costs)) / full_cost,
                full_t / cs_t,
            ],
            [
                f"KMeans(coreset_size={size})",
                estimator_t,
                float(np.mean(estimator_costs)),
                float(np.mean(estimator_costs)) / full_cost,
                full_t / estimator_t,
            ],
        ],
    )
    ratios = np.array(cs_costs) / np.array(full_costs)
    print(f"per-seed cost ratios: {np.round(ratios, 4).tolist()}")
    # The build's full-data pass (label, distance, per-group mass and cost of every row, fused)
    # against one labelling pass over the same rows with as many centres, its floor; and one
    # plain read of X (a sum), the memory's. The rest of the build is the bicriteria seeding.
    labelling = [timed(fastkmeans.cost, X, centers)[0] for _ in range(5)]
    reads = [timed(np.sum, X, axis=0, dtype=np.float64)[0] for _ in range(5)]
    fused = [_fused_pass_time(X, centers) for _ in range(5)]
    print(f"coreset build: median {median(build_times):.3f} s over {len(build_times)} builds")
    print(
        f"  its fused pass over the rows {median(fused):.3f} s; one labelling pass with {k} "
        f"centres (fastkmeans.cost) {median(labelling):.3f} s; one read of X (numpy sum, one "
        f"thread) {median(reads):.3f} s"
    )


def _fused_pass_time(X: np.ndarray, centers: np.ndarray) -> float:
    """Time of the sensitivity build's one pass over X (sampling.sensitivity_distribution)."""
    from fastkmeans._sampling import sensitivity_distribution
    from fastkmeans._validation import Weights

    centers = np.ascontiguousarray(centers, dtype=X.dtype)
    return timed(sensitivity_distribution, X, Weights.ones(X.shape[0]), centers)[0]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller data, fewer seeds")
    parser.add_argument("--skip-photo", action="store_true", help="only the distortion table")
    parser.add_argument("--skip-table", action="store_true", help="only the photo fit")
    args = parser.parse_args(argv)
    print(machine())
    if not args.skip_table:
        bench_distortion(args.quick)
    if not args.skip_photo:
        bench_photo(args.quick)
        bench_photo(args.quick, dequantised=True)


if __name__ == "__main__":
    main()
