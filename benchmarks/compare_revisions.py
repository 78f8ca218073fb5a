"""Time this checkout's fastkmeans against an earlier revision's, paired, in one process.

Run: python benchmarks/compare_revisions.py REV [--repeats N] [--quick] [--only TEXT]

The package at ``REV`` is exported with ``git archive`` into a temporary folder under another
name and imported beside the working tree's, so both run on the same data in the same process,
alternating call by call (old, new, old, new, ...): machine noise then hits both alike. Prints
the median time of each, their ratio (new / old) and whether the results are the same (centres
bitwise, iterations, inertia). Not collected by pytest, and not part of ``run.py``: a tool for
checking that a change did not slow anything down.
"""

from __future__ import annotations

import argparse
import importlib
import io
import subprocess
import sys
import tarfile
import tempfile
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from _common import gaussian_blobs, machine, median, photo_pixels, print_table, timed  # noqa: E402
from _panel import panel  # noqa: E402


def import_revision(rev: str, into: Path):
    """The package as it was at ``rev``, imported as ``fastkmeans_old``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "fastkmeans"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    (into / "fastkmeans").rename(into / "fastkmeans_old")
    sys.path.insert(0, str(into))
    return importlib.import_module("fastkmeans_old")


def workloads(quick: bool) -> dict:
    """name -> (function of a package, returning a fitted KMeans or Segmentation)."""
    photo = photo_pixels(2 if quick else 6)
    blobs = gaussian_blobs(50_000 if quick else 500_000, 32, 64)
    blob_init = blobs[np.random.default_rng(0).choice(len(blobs), 64, replace=False)]
    image = photo.reshape(-1, 3).astype(np.uint8).reshape(-1, 1200 if quick else 3600, 3)
    return {
        "photo fit, k=16 (hamerly)": lambda fk: fk.KMeans(16, random_state=0).fit(photo),
        "photo fit, k=16 (lloyd)": lambda fk: fk.KMeans(16, random_state=0, algorithm="lloyd").fit(
            photo
        ),
        "blobs 30 iterations, k=64": lambda fk: fk.KMeans(
            64, init=blob_init, max_iter=30, tol=0, algorithm="lloyd"
        ).fit(blobs),
        "photo coreset fit, m=4096": lambda fk: fk.KMeans(
            16, random_state=0, coreset_size=4096
        ).fit(photo),
        "segment_image, k=16": lambda fk: fk.segment_image(image, 16, random_state=0),
        "segment_image, k=16, astronaut": lambda fk: fk.segment_image(
            _astronaut(quick), 16, random_state=0
        ),
        "segment_image, k=16, dither, SSIM": lambda fk: _read_ssim(
            fk.segment_image(image, 16, random_state=0, dither=True)
        ),
        "silhouette, 10,000 of the photo": lambda fk: fk.silhouette_score(
            photo, _photo_labels(photo), sample_size=10_000, random_state=0
        ),
        "Davies-Bouldin + Calinski-Harabasz": lambda fk: (
            fk.davies_bouldin_score(photo, _photo_labels(photo)),
            fk.calinski_harabasz_score(photo, _photo_labels(photo)),
        ),
        **{
            f"{n:,} x {d} k={k}, 10 iterations (auto)": _fixed_iterations(n, d, k)
            for n, d, k in _high_dims(quick)
        },
    }


_COMPUTED_ONCE: dict = {}  # the metric workloads' labels, the astronaut


def _astronaut(quick: bool) -> np.ndarray:
    """The panel's astronaut (its worst photo for segment_image), or the demo photo without
    scikit-image."""
    if "astronaut" not in _COMPUTED_ONCE:
        photos = panel(quick=quick)
        _COMPUTED_ONCE["astronaut"] = photos.get("astronaut", photos["coffee"])
    return _COMPUTED_ONCE["astronaut"]


def _read_ssim(segmentation):
    assert np.isfinite(segmentation.ssim)  # computed when first read
    return segmentation


def _photo_labels(photo: np.ndarray) -> np.ndarray:
    """Fixed labels for the metric workloads: the nearest of 16 colours from the photo."""
    if "photo" not in _COMPUTED_ONCE:
        centers = photo[np.random.default_rng(0).choice(photo.shape[0], 16, replace=False)]
        nearest = np.empty(photo.shape[0], dtype=np.int32)
        for start in range(0, photo.shape[0], 1 << 18):
            chunk = photo[start : start + (1 << 18)].astype(np.float64)
            nearest[start : start + chunk.shape[0]] = (
                ((chunk[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
            )
        _COMPUTED_ONCE["photo"] = nearest
    return _COMPUTED_ONCE["photo"]


def _high_dims(quick: bool) -> list:
    """bench_high_dims' data sets (a tenth of the rows with --quick)."""
    scale = 10 if quick else 1
    return [
        (200_000 // scale, 128, 256),
        (100_000 // scale, 768, 64),
        (1_000_000 // scale, 32, 1024),
    ]


def _fixed_iterations(n_samples: int, n_features: int, n_clusters: int):
    X = gaussian_blobs(n_samples, n_features, n_clusters, seed=0)
    init = X[np.sort(np.random.default_rng(1).choice(n_samples, size=n_clusters, replace=False))]
    return lambda fk: fk.KMeans(n_clusters, init=init, max_iter=10, tol=0).fit(X)


def same_result(a, b) -> bool:
    if hasattr(a, "cluster_centers_"):
        return (
            np.array_equal(a.cluster_centers_, b.cluster_centers_)
            and a.n_iter_ == b.n_iter_
            and a.inertia_ == b.inertia_
        )
    if hasattr(a, "image"):
        return (
            np.array_equal(a.image, b.image)
            and a.inertia == b.inertia
            and (not a.dithered or a.ssim == b.ssim)
        )
    return a == b


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the earlier revision (a commit, tag or branch)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke test)")
    parser.add_argument("--only", help="run the workloads whose name contains this text")
    args = parser.parse_args(argv)
    import fastkmeans as new

    print(machine())
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as folder:
        old = import_revision(args.rev, Path(folder))
        rows = []
        for name, run in workloads(args.quick).items():
            if args.only and args.only not in name:
                continue
            run(old), run(new)  # compile both before timing
            times = {"old": [], "new": []}
            for _ in range(args.repeats):
                t_old, a = timed(run, old)
                t_new, b = timed(run, new)
                times["old"].append(t_old)
                times["new"].append(t_new)
            t_old, t_new = median(times["old"]), median(times["new"])
            rows.append([name, t_old, t_new, t_new / t_old, "yes" if same_result(a, b) else "NO"])
            print(f"  {name}: {t_old:.3f} s -> {t_new:.3f} s", flush=True)
    print_table(
        f"{args.rev} (old) vs the working tree (new), medians of {args.repeats} paired runs",
        ["workload", "old s", "new s", "new/old", "same result"],
        rows,
    )


if __name__ == "__main__":
    main()
