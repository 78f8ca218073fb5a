"""Pictures for people to look at: images side by side, each with a caption under it.

Text is drawn with Pillow (which imageio depends on) in its default font, sized to the panels,
onto a white strip of the images' own dtype and channels, so the picture is written like the
images themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._colour import max_value
from ..image import side_by_side

GAP = 8  # white pixels between panels, and above the captions


def captioned_side_by_side(images: Sequence[np.ndarray], captions: Sequence[str]) -> np.ndarray:
    """``images`` (one height, dtype and channel count) side by side, ``GAP`` white pixels
    apart, with ``captions[i]`` (one or more lines) centred under ``images[i]``.

    The top ``images[0].shape[0]`` rows are exactly :func:`fastkmeans.image.side_by_side`.
    """
    if len(images) != len(captions):
        raise ValueError(f"{len(images)} images but {len(captions)} captions")
    top = side_by_side(images, gap=GAP)
    first = np.asarray(images[0])
    widths = [np.asarray(image).shape[1] for image in images]
    size = _font_size(first.shape[0], widths, captions)
    strips = [
        _caption_strip(text, width, size) for text, width in zip(captions, widths, strict=True)
    ]
    height = max(strip.shape[0] for strip in strips)
    row = np.full((height + GAP, top.shape[1]), 255, dtype=np.uint8)
    left = 0
    for strip, width in zip(strips, widths, strict=True):
        row[GAP : GAP + strip.shape[0], left : left + width] = strip
        left += width + GAP
    return np.concatenate([top, _as_image_like(row, first)], axis=0)


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except (TypeError, ValueError, OSError, ImportError):  # Pillow without FreeType
        return ImageFont.load_default()


def _font_size(height: int, widths: Sequence[int], captions: Sequence[str]) -> int:
    """A font size that reads well beside images ``height`` pixels tall (a 28th of it, at
    least 11 px), reduced until every caption line fits its panel's width."""
    from PIL import Image, ImageDraw

    draw = ImageDraw.Draw(Image.new("L", (1, 1)))
    size = max(11, height // 28)
    while size > 6:
        font = _font(size)
        fits = all(
            draw.textbbox((0, 0), line, font=font)[2] <= width - 4
            for text, width in zip(captions, widths, strict=True)
            for line in text.splitlines()
        )
        if fits:
            break
        size -= 1
    return size


def _caption_strip(text: str, width: int, size: int) -> np.ndarray:
    """``text`` in black on white, each line centred, as a uint8 (lines x width) array."""
    from PIL import Image, ImageDraw

    font = _font(size)
    lines = text.splitlines() or [""]
    line_height = int(size * 1.35) + 1
    canvas = Image.new("L", (width, line_height * len(lines)), 255)
    draw = ImageDraw.Draw(canvas)
    for index, line in enumerate(lines):
        line_width = draw.textbbox((0, 0), line, font=font)[2]
        draw.text((max(0, (width - line_width) // 2), index * line_height), line, fill=0, font=font)
    return np.asarray(canvas, dtype=np.uint8)


def _as_image_like(grey: np.ndarray, like: np.ndarray) -> np.ndarray:
    """A uint8 grey picture in ``like``'s dtype and channels (colour channels grey, alpha
    opaque)."""
    top = max_value(like.dtype)
    if like.dtype.kind == "f":
        values = grey.astype(like.dtype) / 255
    else:
        values = (grey.astype(np.uint32) * int(top) // 255).astype(like.dtype)
    if like.ndim == 2:
        return values
    channels = like.shape[2]
    out = np.repeat(values[:, :, None], channels, axis=2)
    if channels in (2, 4):
        out[..., -1] = top
    return out
