"""The photo panel: varied 8-12 megapixel images from public-domain and CC0 sources.

Results tuned to one photo have not held on photos a benchmark never saw, so image benchmarks
run on all of these and quote the worst. The photos ship with scikit-image (``pip install
scikit-image``, part of the ``bench`` extra; each one's licence is in its docstring there) and
are upscaled with bilinear interpolation, which, unlike pixel repetition, creates the smooth
gradients and the hundreds of thousands of distinct colours of a real large photo. Nothing here
is committed to the repository. When scikit-image is missing, only the shipped demo photo runs.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
from _common import PACKAGE_DATA, upscale

# name -> (file in scikit-image's data folder, what the photo stands for)
PHOTOS = {
    "coffee": ("coffee.png", "the demo photo: mid-tones, a cup on a plain table (CC0)"),
    "hubble": ("hubble_deep_field.jpg", "night: a dark background, small bright objects (NASA)"),
    "rocket": ("rocket.jpg", "smooth gradients: a launch against the sky (public domain)"),
    "astronaut": ("astronaut.png", "a portrait with saturated colours (NASA)"),
    "retina": ("retina.jpg", "a dark frame around a near-monochrome red disc (CC0)"),
    "gravel": ("gravel.png", "fine texture, greyscale (CC0Textures)"),
    "ihc": ("ihc.png", "a near-white background with stains (public domain)"),
    "chelsea": ("chelsea.png", "fur: fine texture in colour (CC0)"),
}
GRAPHIC = "graphic"  # a synthetic illustration: flat regions, hard edges, one gradient


def graphic(height: int, width: int) -> np.ndarray:
    """A deterministic illustration: flat colour shapes with anti-aliased edges, a sky gradient."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    image = np.empty((height, width, 3), dtype=np.float32)
    image[...] = np.stack([40 + 120 * y / height, 120 + 80 * y / height, 230 - 60 * y / height], -1)
    shapes = [
        ((0.70, 0.30, 0.25), (240, 200, 40)),
        ((0.55, 0.75, 0.18), (200, 30, 60)),
        ((0.80, 0.60, 0.10), (20, 20, 20)),
        ((0.30, 0.55, 0.12), (250, 250, 250)),
    ]
    size = min(height, width)
    for (cy, cx, radius), colour in shapes:
        distance = np.hypot(y - cy * height, x - cx * width) - radius * size
        coverage = np.clip(0.5 - distance, 0.0, 1.0)[..., None]  # one-pixel anti-aliasing
        image = image * (1 - coverage) + np.array(colour, np.float32) * coverage
    ground = (y > 0.85 * height)[..., None]
    image = np.where(ground, np.array([60, 140, 50], np.float32), image)
    return np.rint(image).astype(np.uint8)


def panel(megapixels: float = 8.6, quick: bool = False) -> dict[str, np.ndarray]:
    """name -> (H, W, 3) uint8 photo of about ``megapixels`` MP (0.5 MP with ``quick``)."""
    import imageio.v3 as iio

    megapixels = 0.5 if quick else megapixels
    spec = importlib.util.find_spec("skimage")
    if spec is None:
        print("(scikit-image missing: the panel is the demo photo alone)")
        return {"coffee": upscale(iio.imread(PACKAGE_DATA / "coffee.png")[..., :3], megapixels)}
    # Read straight from its data folder: importing skimage.data's loaders pulls in more.
    folder = Path(spec.submodule_search_locations[0]) / "data"
    photos = {}
    for name, (filename, _) in PHOTOS.items():
        image = iio.imread(folder / filename)
        if image.ndim == 2:
            image = np.repeat(image[..., None], 3, axis=2)
        photos[name] = upscale(np.ascontiguousarray(image[..., :3]), megapixels)
    side = int(np.sqrt(megapixels * 1e6 / 1.5))
    photos[GRAPHIC] = graphic(side, int(side * 1.5))
    return photos


def describe(photos: dict[str, np.ndarray]) -> list[list]:
    """Rows of name, size and distinct colours, for the benchmark's header table."""
    rows = []
    for name, image in photos.items():
        packed = image.reshape(-1, 3).astype(np.uint32)
        colours = np.unique((packed[:, 0] << 16) | (packed[:, 1] << 8) | packed[:, 2]).size
        what = PHOTOS[name][1] if name in PHOTOS else "synthetic illustration (flat, gradient)"
        rows.append([name, f"{image.shape[1]}x{image.shape[0]}", colours, what])
    return rows
