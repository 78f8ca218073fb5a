"""``segment``: segment an image into K colour regions, report its quality and its size."""

from __future__ import annotations

import argparse
import os

import numpy as np

from .. import Segmentation
from ..image import palette_image
from . import files, images, parser, tables
from .output import decibels, json_text, segmentation_record
from .running import Segmenter

NAME = "segment"
HELP = "segment an image into K colour regions"
DESCRIPTION = (
    "Segment an image into K colour regions with k-means; print MSE, PSNR and SSIM against "
    "the input, and the file sizes."
)
EPILOG = """\
For k <= 256 the output is an indexed (palette) image where the format has one: PNG at 1, 2,
4 or 8 bits per pixel as k needs (alpha through the palette), GIF, TIFF; --truecolor writes
the full-colour image instead. The sizes reported are the input file's, the output's, and a
lossless PNG of the input's (the input itself when it is a PNG).
Reads and writes any format imageio handles here (PNG, JPEG, TIFF, BMP, GIF, WebP, ...).
16-bit images keep their depth as .tif, 16-bit grey as .png too; a 16-bit colour image cannot
be written as .png, and a 16-bit colour PNG is read as 8 bits per channel (with a warning).
TIFF needs the tifffile package where imageio's own TIFF codec fails: pip install
'fastkmeans[tiff]'. Alpha is kept. Outputs are written all together or not at all.

examples:
  python -m fastkmeans segment photo.jpg -k 8 -o photo-8.png
  python -m fastkmeans segment photo.png -k 16 -o out.png --coreset-size 2000 --seed 1
  python -m fastkmeans segment scan.tif -k 4 -o seg.tif --color-space lab --labels labels.npy
  python -m fastkmeans segment photo.png -k 8 -o out.png --palette palette.csv --force --json
  python -m fastkmeans segment photo.jpg -k 16 -o photo-16.png --dither
"""

_OUTPUT = parser.options()
_OUTPUT.add_argument("-o", "--output", required=True, metavar="OUT", help="output image")
_OUTPUT.add_argument(
    "--truecolor",
    action="store_true",
    help="write the full-colour image, not an indexed (palette) one",
)
_OUTPUT.add_argument(
    "--dither",
    action="store_true",
    help="map pixels to the palette by Floyd-Steinberg error diffusion (less banding)",
)
_OUTPUT.add_argument(
    "--coreset-size",
    type=parser.positive_int,
    metavar="M",
    help="cluster a sensitivity coreset of M weighted colours",
)

_MORE_OUTPUTS = parser.options()
_MORE_OUTPUTS.add_argument(
    "--labels", metavar="FILE", help="also write the label map (.npy, .csv or an image)"
)
_MORE_OUTPUTS.add_argument(
    "--palette", metavar="FILE", help="also write the palette (.npy, .csv or an image)"
)
_MORE_OUTPUTS.add_argument("--force", action="store_true", help="replace existing outputs")

PARENTS = [
    parser.INPUT_IMAGE,
    parser.N_CLUSTERS,
    parser.SEED,
    parser.ITERATIONS,
    parser.JSON,
    parser.QUIET,
    _OUTPUT,
    parser.COLOR_SPACE,
    _MORE_OUTPUTS,
    parser.MAX_PIXELS,
]


def run(args: argparse.Namespace) -> None:
    outputs = {"-o": args.output, "--labels": args.labels, "--palette": args.palette}
    files.check_input(args.input, "input image")
    files.check_outputs(outputs, [args.input], args.force)
    for option in ("--labels", "--palette"):
        path = outputs[option]
        if path is not None and files.extension(path) not in tables.TABLE_EXTENSIONS:
            images.check_exact_output(path, option)
            depth = np.uint16 if option == "--labels" and args.k > 256 else np.uint8
            images.check_image_output(np.zeros((2, 2), depth), path, option)
    image = images.read_image(args.input, args.max_pixels)
    if not images.will_be_indexed(image, args.k, args.output, args.truecolor):
        images.check_image_output(image, args.output, "-o")
    if args.palette is not None and files.extension(args.palette) not in tables.TABLE_EXTENSIONS:
        # Swatches of the image's colours: its dtype and colour channels, no alpha.
        images.check_image_output(images.colour_channels(image), args.palette, "--palette")

    segmenter = Segmenter(
        color_space=args.color_space,
        seed=args.seed,
        max_iter=args.max_iter,
        tol=args.tol,
        quiet=args.quiet,
        dither=args.dither,
    )
    segmenter.warm_up(image, args.k, args.coreset_size)  # the library checks the image first
    seg = segmenter.segment(image, args.k, args.coreset_size)
    encoded, indexed = _encode_outputs(seg, args)
    sizes = images.size_record(
        os.path.getsize(args.input),
        files.extension(args.input) == ".png",
        image,
        len(encoded[args.output]),
    )
    report = _report(
        seg, image, sizes, args, indexed
    )  # before writing: a failing report writes nothing
    files.write_files(encoded, force=args.force)
    print(report)


def _report(
    seg: Segmentation, image: np.ndarray, sizes: dict, args: argparse.Namespace, indexed: bool
) -> str:
    if args.json:
        record = {
            "input": args.input,
            "output": args.output,
            "labels": args.labels,
            "palette": args.palette,
            "shape": list(image.shape),
            "k": args.k,
        }
        record.update(segmentation_record(seg))
        record.update(sizes, indexed=indexed, dithered=seg.dithered)
        return json_text(record)
    where = f"coreset of {seg.coreset_size}" if seg.coreset_size else "all pixels"
    kind = "palette" if indexed else "truecolour"
    return (
        f"{args.input} -> {args.output}: k={seg.n_clusters} ({where}, {seg.color_space}"
        f"{', dithered' if seg.dithered else ''}), "
        f"{seg.n_iter} iteration{'s' if seg.n_iter != 1 else ''}, {seg.time:.3f} s\n"
        f"inertia {seg.inertia:.6g}\n"
        f"MSE     {seg.mse:.4f}\n"
        f"PSNR    {decibels(seg.psnr)} dB\n"
        f"SSIM    {seg.ssim:.4f}\n"
        f"size    {sizes['output_bytes']:,} B ({kind}, {sizes['bits_per_pixel']:.2f} bits/pixel); "
        f"input {sizes['input_bytes']:,} B ({sizes['compression_ratio']:.2f}x)"
        + (
            f", lossless PNG {sizes['png_bytes']:,} B ({sizes['compression_ratio_png']:.2f}x)"
            if sizes["png_bytes"] is not None
            else ""
        )
    )


def _encode_outputs(seg: Segmentation, args: argparse.Namespace) -> tuple[dict[str, bytes], bool]:
    """The segmented image, and the label map and palette if asked, as file contents; whether
    the image is a palette one."""
    written = images.encode_segmentation(seg, args.output, "-o", args.truecolor)
    encoded = {args.output: written.data}
    if args.labels is not None:
        if files.extension(args.labels) in tables.TABLE_EXTENSIONS:
            encoded[args.labels] = tables.encode_table(seg.labels, args.labels, "--labels")
        else:
            depth = np.uint8 if seg.n_clusters <= 256 else np.uint16
            labels = seg.labels.astype(depth)
            encoded[args.labels] = images.encode_image(labels, args.labels, "--labels")
    if args.palette is not None:
        if files.extension(args.palette) in tables.TABLE_EXTENSIONS:
            encoded[args.palette] = tables.encode_table(seg.palette, args.palette, "--palette")
        else:
            strip = palette_image(seg.palette)
            strip = strip[..., 0] if strip.shape[-1] == 1 else strip
            encoded[args.palette] = images.encode_image(strip, args.palette, "--palette")
    return encoded, written.indexed
