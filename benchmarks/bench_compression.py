"""Image compression on the photo panel: palette files, quality against Pillow, a sweep over k.

1. At k = 16, the palette PNG of fastkmeans' segmentation against the truecolour PNG of the
   same segmented image (target: at most 1/3 of its size).
2. Quality at equal k (16) against Pillow's ``quantize``: median cut, fast octree and
   libimagequant (the ``imagequant`` package, when installed), each with and without
   dithering: PSNR and palette-PNG bytes (target: fastkmeans' PSNR >= median cut's on every
   photo).
3. A sweep over k = 2, 4, 8, 16, 32, 64 of an 8 MP photo with the exact silhouette on a
   10,000-pixel sample, the simplified silhouette on the colour summary, and the palette PNG's
   size per k (target: <= 3 s after compilation).

Run: python benchmarks/run.py --only bench_compression [--quick]
"""

from __future__ import annotations

import argparse
import io
import time

import numpy as np
from _common import median, print_table, timed
from _panel import describe, panel

import fastkmeans
from fastkmeans.image import colour_summary

K = 16
SWEEP = [2, 4, 8, 16, 32, 64]


def png_bytes(image: np.ndarray) -> int:
    import imageio.v3 as iio

    return len(iio.imwrite("<bytes>", image, extension=".png"))


def pillow_quantized(image: np.ndarray, method: str, dither: bool) -> tuple[np.ndarray, bytes]:
    """(RGB result, palette PNG bytes) of Pillow's quantizer ``method`` at K colours."""
    from PIL import Image

    picture = Image.fromarray(image)
    if method == "libimagequant":
        import imagequant

        quantized = imagequant.quantize_pil_image(
            picture, dithering_level=1.0 if dither else 0.0, max_colors=K
        )
    else:
        code = {"median cut": Image.Quantize.MEDIANCUT, "fast octree": Image.Quantize.FASTOCTREE}
        quantized = picture.quantize(K, method=code[method])
        if dither:
            # Pillow ignores ``dither`` while it builds a palette itself; it dithers when it
            # maps onto a given one, so map the image onto its own palette again, dithered.
            quantized = picture.quantize(palette=quantized, dither=Image.Dither.FLOYDSTEINBERG)
    buffer = io.BytesIO()
    quantized.save(buffer, format="PNG", optimize=True)
    return np.asarray(quantized.convert("RGB")), buffer.getvalue()


def bench_sizes_and_quality(photos: dict[str, np.ndarray]) -> None:
    methods = ["median cut", "fast octree"]
    try:
        import imagequant  # noqa: F401

        methods.append("libimagequant")
    except ImportError:
        print("(imagequant not installed: libimagequant left out)")
    size_rows, quality_rows = [], []
    for name, image in photos.items():
        original_png = png_bytes(image)
        for dither in (False, True):
            seg = fastkmeans.segment_image(image, K, random_state=0, dither=dither)
            palette_png = len(seg.encode(".png"))
            if not dither:
                truecolour = len(seg.encode(".png", palette=False))
                size_rows.append(
                    [name, original_png, truecolour, palette_png, palette_png / truecolour]
                )
            row = [name, "yes" if dither else "no", seg.psnr, palette_png]
            for method in methods:
                result, data = pillow_quantized(image, method, dither)
                row += [fastkmeans.psnr(image, result), len(data)]
            quality_rows.append(row)
        print(f"  {name} done", flush=True)
    print_table(
        f"Palette PNG against truecolour PNG of the same segmentation, k={K} (target <= 1/3)",
        ["photo", "original PNG B", "truecolour PNG B", "palette PNG B", "palette/truecolour"],
        size_rows,
    )
    header = ["photo", "dither", "fastkmeans dB", "bytes"]
    for method in methods:
        header += [f"{method} dB", "bytes"]
    print_table(
        f"PSNR and palette-PNG bytes at k={K} (target: fastkmeans >= median cut)",
        header,
        quality_rows,
    )
    for dither in ("no", "yes"):
        worst = min(row[2] - row[4] for row in quality_rows if row[1] == dither)
        print(f"worst margin over median cut, dither {dither}: {worst:+.2f} dB")


def sweep(image: np.ndarray, rng_seed: int = 0) -> list[list]:
    """What ``sweep`` computes per k: segmentation (of one colour summary), silhouettes,
    palette PNG size (encoded on two threads while the next k runs, as the command does)."""
    import concurrent.futures

    summary = colour_summary(image)
    points = summary.colours.astype(np.float64)
    counts = summary.counts.astype(np.float64)
    pixels = image.reshape(-1, image.shape[-1])
    sample = np.random.default_rng(rng_seed).choice(len(pixels), 10_000, replace=False)
    rows, sizes = [], []
    with concurrent.futures.ThreadPoolExecutor(2) as encoders:
        for k in SWEEP:
            start = time.perf_counter()
            seg = fastkmeans.segment_image(image, k, random_state=rng_seed, summary=summary)
            sizes.append(encoders.submit(lambda seg=seg: len(seg.encode(".png"))))
            labels = seg.labels.reshape(-1)
            silhouette = fastkmeans.silhouette_score(pixels[sample], labels[sample])
            simplified = fastkmeans.simplified_silhouette(points, seg.centers, sample_weight=counts)
            rows.append([k, seg.inertia, silhouette, simplified, 0, time.perf_counter() - start])
        for row, size in zip(rows, sizes, strict=True):
            row[4] = size.result()
    return rows


def encode_seconds(image: np.ndarray, rng_seed: int = 0) -> list[float]:
    """Seconds to encode each k's palette PNG alone, one at a time (what the sweep overlaps)."""
    seconds = []
    for k in SWEEP:
        seg = fastkmeans.segment_image(image, k, random_state=rng_seed)
        start = time.perf_counter()
        seg.encode(".png")
        seconds.append(time.perf_counter() - start)
    return seconds


def _sweep_command_seconds(image: np.ndarray) -> float:
    """Wall time of ``python -m fastkmeans sweep photo.png --k 2,...,64`` run in this process
    (compiled already), its table discarded."""
    import contextlib
    import os
    import tempfile

    import imageio.v3 as iio

    from fastkmeans.cli import main as cli_main

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "photo.png")
        iio.imwrite(path, image)
        argv = ["sweep", path, "--k", ",".join(map(str, SWEEP)), "-q"]
        with contextlib.redirect_stdout(io.StringIO()):
            cli_main(argv[:2] + ["--k", "2,3", "-q"])  # compile the command's own kernels
            start = time.perf_counter()
            status = cli_main(argv)
            seconds = time.perf_counter() - start
    assert status == 0, status
    return seconds


def bench_sweep(photos: dict[str, np.ndarray]) -> None:
    image = photos["coffee"]
    sweep(image[:256, :256])  # compile
    totals = []
    for _ in range(3):
        seconds, rows = timed(sweep, image)
        totals.append(seconds)
    command = median(_sweep_command_seconds(image) for _ in range(3))
    print(
        f"the sweep command itself (PNG decode, and MSE, PSNR and SSIM per k too): median "
        f"{command:.2f} s of 3"
    )
    print_table(
        f"Sweep over k = {SWEEP} of coffee ({image.shape[1]}x{image.shape[0]}), silhouette on "
        f"10,000 pixels; median total {median(totals):.2f} s of 3 (target <= 3 s)",
        ["k", "inertia", "silhouette", "simplified", "palette PNG B", "s (without the PNG)"],
        rows,
    )
    encodes = encode_seconds(image)
    print(
        "palette PNG encodes alone, one at a time: "
        + ", ".join(f"k={k} {s:.2f} s" for k, s in zip(SWEEP, encodes, strict=True))
        + f"; {sum(encodes):.2f} s of CPU in all"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", choices=["quality", "sweep"], help="run one part")
    args = parser.parse_args(argv)
    photos = panel(quick=args.quick)
    print_table("Photo panel", ["photo", "size", "colours", "what"], describe(photos))
    fastkmeans.segment_image(photos["coffee"][:64, :64], K, random_state=0, dither=True)
    if args.only in (None, "quality"):
        bench_sizes_and_quality(photos)
    if args.only in (None, "sweep"):
        bench_sweep(photos)


if __name__ == "__main__":
    main()
