"""Shared benchmark helpers: machine description, timing, datasets."""

from __future__ import annotations

import os
import platform
import statistics
import time
import warnings
from pathlib import Path

import numba
import numpy as np

import fastkmeans

# Fixed iteration budgets (tol=0, max_iter=N) and compile-only warm-ups stop at max_iter on
# purpose: the warning that says so is noise in every benchmark's output.
warnings.filterwarnings("ignore", "KMeans stopped at max_iter", fastkmeans.ConvergenceWarning)

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PACKAGE_DATA = Path(__file__).resolve().parents[1] / "fastkmeans" / "data"


def machine() -> str:
    """One line naming the machine and the library versions."""
    parts = [
        f"{platform.processor() or platform.machine()}",
        f"{os.cpu_count()} cores",
        f"numba {numba.__version__} ({numba.get_num_threads()} threads)",
        f"numpy {np.__version__}",
    ]
    try:
        import sklearn

        parts.append(f"scikit-learn {sklearn.__version__}")
    except ImportError:
        parts.append("scikit-learn missing")
    try:
        import faiss

        parts.append(f"faiss {faiss.__version__}")
    except ImportError:
        parts.append("faiss missing")
    return ", ".join(parts)


def timed(fn, *args, **kwargs):
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def median(values) -> float:
    return float(statistics.median(values))


def median_runs(runs: dict, repeats: int) -> dict:
    """``{name: (median seconds, last result)}`` of ``repeats`` calls of each ``runs[name]()``.

    The calls are interleaved (one of each per round), so that a change in the machine's load
    affects every contender alike.
    """
    times = {name: [] for name in runs}
    last = {}
    for _ in range(repeats):
        for name, fn in runs.items():
            t, last[name] = timed(fn)
            times[name].append(t)
    return {name: (median(times[name]), last[name]) for name in runs}


def upscale(image: np.ndarray, megapixels: float) -> np.ndarray:
    """Bilinear upscaling of an (H, W, 3) uint8 image to about ``megapixels`` million pixels.

    Interpolation, unlike pixel repetition, creates the smooth gradients and the hundreds of
    thousands of distinct colours of a real large photo. Repetition would keep the small
    photo's colours (coffee.png at 6x6: 94,478 distinct colours in 8.64 M pixels, against
    377,696 interpolated), and a fit of the distinct colours would then look faster than on
    any real photo.
    """
    height, width = image.shape[:2]
    factor = np.sqrt(megapixels * 1e6 / (height * width))
    rows = np.linspace(0, height - 1, int(round(height * factor)))
    cols = np.linspace(0, width - 1, int(round(width * factor)))
    r0 = np.floor(rows).astype(int)
    c0 = np.floor(cols).astype(int)
    r1 = np.minimum(r0 + 1, height - 1)
    c1 = np.minimum(c0 + 1, width - 1)
    fr = (rows - r0)[:, None, None].astype(np.float32)
    fc = (cols - c0)[None, :, None].astype(np.float32)
    source = image.astype(np.float32)
    top = source[r0][:, c0] * (1 - fc) + source[r0][:, c1] * fc
    bottom = source[r1][:, c0] * (1 - fc) + source[r1][:, c1] * fc
    return np.ascontiguousarray(np.rint(top * (1 - fr) + bottom * fr).astype(np.uint8))


def photo_image(scale: int = 6, name: str = "coffee.png") -> np.ndarray:
    """(H*scale, W*scale, 3) uint8: a shipped photo upscaled ``scale`` times each way by
    bilinear interpolation (see :func:`upscale`). coffee.png (600x400) at scale 6 gives
    3600x2400 = 8.64 megapixels."""
    import imageio.v3 as iio

    path = SHARED_DATA / name
    if not path.exists():
        path = PACKAGE_DATA / name
    image = np.ascontiguousarray(iio.imread(path)[..., :3])
    if scale == 1:
        return image
    return upscale(image, image.shape[0] * image.shape[1] * scale * scale / 1e6)


def photo_pixels(scale: int = 6, name: str = "coffee.png") -> np.ndarray:
    """(H*scale * W*scale, 3) float32 pixels of :func:`photo_image`."""
    return np.ascontiguousarray(photo_image(scale, name).reshape(-1, 3), dtype=np.float32)


def gaussian_blobs(n_samples: int, n_features: int, n_centers: int, seed: int = 0) -> np.ndarray:
    """float32 isotropic Gaussian blobs with centres uniform in [-10, 10]^d."""
    rng = np.random.default_rng(seed)
    centers = rng.uniform(-10, 10, size=(n_centers, n_features))
    labels = rng.integers(0, n_centers, size=n_samples)
    X = centers[labels] + rng.normal(size=(n_samples, n_features))
    return np.ascontiguousarray(X, dtype=np.float32)


def print_table(title: str, header: list[str], rows: list[list]) -> None:
    """A fixed-width table."""
    print(f"\n{title}")
    cells = [[str(h) for h in header]] + [[_fmt(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for i, row in enumerate(cells):
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
        if i == 0:
            print("  ".join("-" * w for w in widths))


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e5 else f"{value:.6g}"
    return str(value)
