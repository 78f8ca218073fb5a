"""Sparse k-means against scikit-learn: a TF-IDF-like CSR matrix, the same iterations.

100,000 x 50,000 CSR float64 at 0.1% density (Zipf-distributed columns, rows scaled to unit
length, as TF-IDF gives), k=20, 30 iterations from the same initial centres (tol=0, so each
library iterates until its labels stop changing or 30 iterations): time (median of the runs),
iterations, cost, and the fraction of labels equal to scikit-learn's. The --quick size has
about 5 non-zeros per row: many rows then share no column with any initial centre and are at
exactly the same distance (||x||^2 + 1) from all of these unit-length centres, a tie that each
library's rounding breaks its own way, so the labels diverge from the first iteration there.

With --large-k, also k=100 from the same centres: k (d + 1) is then above 2^21 entries, the
rows form one block of sums, and fastkmeans's Lloyd pass runs split in two (rows, then
clusters; see fastkmeans._layout.sparse_lloyd_step).

Then default fits (``algorithm="auto"``, each library from its own k-means++, seeds 0-2) on
that matrix and on real text: TF-IDF (scikit-learn's ``TfidfVectorizer``, sublinear tf, terms
of 2+ letters in 2+ documents, at most 100,000) of every .py, .rst, .txt and .md file of at
least 500 bytes in this Python's standard library and site-packages, one document per file
(~23,000 documents on the dev machine; the figures depend on what is installed). Time ratio,
iterations and mean cost ratio.

Then k-means++ alone, against scikit-learn's ``kmeans_plusplus``, on TF-IDF-like rows of
seven shapes (many rows or few, many columns or few, 0.1% to 10% dense).

Run: python benchmarks/bench_sparse.py [--quick] [--large-k]
"""

from __future__ import annotations

import argparse

import numpy as np
from _common import machine, median, median_runs, print_table, timed

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


def bench_seeding(shapes: list[tuple[int, int, float, int]], repeats: int) -> list[list]:
    """k-means++ alone (greedy, the default trials) against scikit-learn's on TF-IDF-like rows
    of varied shapes: many rows or few, many columns or few, sparse or 5-10% dense."""
    from sklearn.cluster import kmeans_plusplus as sk_kmeans_plusplus

    table = []
    for n_samples, n_features, density, k in shapes:
        X = tfidf_like(n_samples, n_features, density)
        fastkmeans.kmeans_plusplus(X[:500], min(k, 500), random_state=0)  # compile
        times = {"fastkmeans": [], "scikit-learn": []}
        for seed in range(repeats):
            t, _ = timed(fastkmeans.kmeans_plusplus, X, k, random_state=seed)
            times["fastkmeans"].append(t)
            t, _ = timed(sk_kmeans_plusplus, X, k, random_state=seed)
            times["scikit-learn"].append(t)
        fk, sk = median(times["fastkmeans"]), median(times["scikit-learn"])
        table.append([f"{n_samples:,} x {n_features:,}", density, k, X.nnz, fk, sk, sk / fk])
    print_table(
        f"k-means++ seeding on TF-IDF-like CSR rows, median of {repeats} seeds",
        ["shape", "density", "k", "non-zeros", "fastkmeans s", "scikit-learn s", "speed-up"],
        table,
    )
    return table


def installed_text(max_documents: int | None = None):
    """TF-IDF CSR of this Python installation's text files, one document per file."""
    import sysconfig
    from pathlib import Path

    from sklearn.feature_extraction.text import TfidfVectorizer

    roots = {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"]}
    files = sorted(
        {
            path
            for root in roots
            for ext in ("py", "rst", "txt", "md")
            for path in Path(root).rglob(f"*.{ext}")
        }
    )
    documents = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="ignore")
        except OSError:
            continue
        if len(text) >= 500:
            documents.append(text[:200_000])
        if max_documents is not None and len(documents) == max_documents:
            break
    vectorizer = TfidfVectorizer(
        max_features=100_000,
        min_df=2,
        token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b",
        sublinear_tf=True,
    )
    return vectorizer.fit_transform(documents).tocsr().astype(np.float64)


def default_fits(name: str, X, ks: list[int], seeds: list[int]) -> list[list]:
    """Default fits of each library (own k-means++, own stopping rule) per k, over seeds."""
    from sklearn.cluster import KMeans as SKKMeans

    fastkmeans.KMeans(ks[0], random_state=0).fit(X[:2000])  # compile before timing
    rows = []
    for k in ks:
        fk, sk = [], []
        for seed in seeds:
            t, model = timed(fastkmeans.KMeans(k, random_state=seed).fit, X)
            fk.append((t, model.inertia_, model.n_iter_))
            t, model = timed(SKKMeans(k, n_init=1, random_state=seed).fit, X)
            sk.append((t, fastkmeans.cost(X, model.cluster_centers_), model.n_iter_))
        rows.append(
            [
                name,
                k,
                median([r[0] for r in fk]),
                median([r[0] for r in sk]),
                median([r[0] for r in sk]) / median([r[0] for r in fk]),
                float(np.mean([r[1] for r in fk]) / np.mean([r[1] for r in sk])),
                "/".join(str(r[2]) for r in fk),
                "/".join(str(r[2]) for r in sk),
            ]
        )
        print(f"  {name} k={k} done", flush=True)
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument(
        "--large-k",
        action="store_true",
        help="also k=100 from the same centres (one block of sums: Lloyd's pass split in "
        "two); about 5 minutes, most of it scikit-learn's",
    )
    args = parser.parse_args(argv)
    print(machine())
    if args.quick:
        bench(10_000, 5_000, repeats=3)
        bench_seeding([(2_000, 20_000, 0.002, 20), (5_000, 1_000, 0.05, 20)], repeats=3)
        data = [("TF-IDF-like 10,000 x 5,000", tfidf_like(10_000, 5_000, 0.001), [20])]
        data.append(("installed text, 2,000 files", installed_text(2_000), [20]))
        seeds = [0]
    else:
        bench(100_000, 50_000, repeats=5)
        if args.large_k:
            bench(100_000, 50_000, repeats=3, k=100)
        bench_seeding(
            [
                (100_000, 50_000, 0.001, 20),
                (100_000, 50_000, 0.001, 100),
                (20_000, 50_000, 0.002, 20),
                (2_000, 100_000, 0.002, 100),
                (5_000, 1_000, 0.1, 50),
                (50_000, 2_000, 0.05, 100),
                (200_000, 500, 0.02, 10),
            ],
            repeats=5,
        )
        data = [("TF-IDF-like 100,000 x 50,000", tfidf_like(100_000, 50_000, 0.001), [20])]
        text = installed_text()
        data.append((f"installed text {text.shape[0]:,} x {text.shape[1]:,}", text, [20, 100]))
        seeds = [0, 1, 2]
    rows = [row for name, X, ks in data for row in default_fits(name, X, ks, seeds)]
    print_table(
        f"Default fits, each library from its own k-means++ (seeds {seeds[0]}-{seeds[-1]}): "
        "median time, mean cost ratio",
        [
            "data",
            "k",
            "fastkmeans s",
            "scikit-learn s",
            "speed-up",
            "cost ratio",
            "iters fk",
            "iters sk",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
