"""Sparse k-means against scikit-learn: a TF-IDF-like CSR matrix, the same iterations.

100,000 x 50,000 CSR float64 at 0.1% density (Zipf-distributed columns, rows scaled to unit
length, as TF-IDF gives), k=20, 30 iterations from the same initial centres (tol=0, so each
library iterates until its labels stop changing or 30 iterations): time (median of the runs),
iterations, cost, and the fraction of labels equal to scikit-learn's. The --quick size has
about 5 non-zeros per row: many rows then share no column with any initial centre and are at
exactly the same distance (||x||^2 + 1) from all of these unit-length centres, a tie that each
library's rounding breaks its own way, so the labels diverge from the first iteration there.

Run: python benchmarks/bench_sparse.py [--quick]
"""

from __future__ import annotations

import argparse

import numpy as np
from _common import machine, median_runs, print_table

import fastkmeans


def tfidf_like(n_samples: int, n_features: int, density: float, seed: int = 0):
    """A CSR float64 matrix shaped like TF-IDF: Zipf column frequencies, unit-length rows."""
    import scipy.sparse as sp

    rng = np.random.default_rng(seed)
    nnz_per_row = max(1, round(density * n_features))
    frequency = 1.0 / np.arange(1, n_features + 1) ** 0.8
    columns = rng.choice(n_features, size=n_samples * nnz_per_row, p=frequency / frequency.sum())
    rows = np.repeat(np.arange(n_samples), nnz_per_row)
    # Topic structure: each row leans towards one of 20 column ranges.
    topic = rng.integers(0, 20, size=n_samples)
    columns = (columns + topic[rows] * (n_features // 20)) % n_features
    values = rng.exponential(size=columns.shape[0]) * np.log(n_features / (1.0 + columns))
    X = sp.csr_matrix((values, (rows, columns)), shape=(n_samples, n_features))
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    X = sp.diags(1.0 / np.maximum(norms, 1e-12)) @ X
    return X.tocsr()


def bench(n_samples: int, n_features: int, repeats: int, k: int = 20) -> list[list]:
    from sklearn.cluster import KMeans as SKKMeans

    X = tfidf_like(n_samples, n_features, 0.001)
    init = X[np.random.default_rng(1).choice(n_samples, size=k, replace=False)].toarray()
    for algorithm in ("lloyd", "hamerly"):  # compile before timing
        fastkmeans.KMeans(k, init=init, max_iter=2, tol=0, algorithm=algorithm).fit(X[:2000])
    runs = {
        "fastkmeans lloyd": lambda: fastkmeans.KMeans(
            k, init=init, max_iter=30, tol=0, algorithm="lloyd"
        ).fit(X),
        "fastkmeans hamerly": lambda: fastkmeans.KMeans(
            k, init=init, max_iter=30, tol=0, algorithm="hamerly"
        ).fit(X),
        "scikit-learn": lambda: SKKMeans(
            k, init=init, n_init=1, max_iter=30, tol=0, algorithm="lloyd"
        ).fit(X),
    }
    results = median_runs(runs, repeats)
    sk_time, sk_model = results["scikit-learn"]
    table = []
    for name, (t, model) in results.items():
        same = float(np.mean(model.labels_ == sk_model.labels_))
        table.append(
            [
                name,
                t,
                model.n_iter_,
                fastkmeans.cost(X, model.cluster_centers_),
                same,
                sk_time / t,
            ]
        )
    print_table(
        f"TF-IDF-like CSR {n_samples:,} x {n_features:,}, {X.nnz:,} non-zeros, k={k}, "
        f"<= 30 iterations from the same centres (tol=0), median of {repeats}",
        ["library", "time s", "iters", "cost", "same labels", "speed-up vs sklearn"],
        table,
    )
    return table


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    args = parser.parse_args(argv)
    print(machine())
    if args.quick:
        bench(10_000, 5_000, repeats=3)
    else:
        bench(100_000, 50_000, repeats=5)


if __name__ == "__main__":
    main()
