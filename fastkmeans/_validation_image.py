"""Checks of user input for images and image-quality measures.

Errors name the parameter, the value received, the rule and, where there is one, a remedy.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_choice, check_coreset_size, check_int, check_real

IMAGE_DTYPES = (np.uint8, np.uint16, np.float32, np.float64)


def check_image(image, name: str = "image") -> np.ndarray:
    """A C-contiguous (H, W) or (H, W, C) image, C in 1..4, of dtype uint8, uint16, float32 or
    float64; float images must lie in [0, 1]. Not copied when already C-contiguous.

    Channels: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA.
    """
    array = image if isinstance(image, np.ndarray) else np.asarray(image)
    if array.dtype not in IMAGE_DTYPES:
        raise TypeError(
            f"{name} must have dtype uint8, uint16, float32 or float64, got {array.dtype}; "
            f"convert it first, e.g. {name}.astype(np.uint8) for 8-bit data"
        )
    if array.ndim not in (2, 3):
        raise ValueError(
            f"{name} must be 2-D (H, W) or 3-D (H, W, channels), got shape {array.shape}"
        )
    if array.ndim == 3 and not 1 <= array.shape[2] <= 4:
        raise ValueError(
            f"{name} must have 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) channels, "
            f"got shape {array.shape}"
        )
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if array.shape[0] * array.shape[1] >= 2**31:
        raise ValueError(f"{name} must have fewer than 2**31 pixels, got shape {array.shape}")
    array = np.ascontiguousarray(array)
    if array.dtype.kind == "f":
        if not np.isfinite(array).all():
            raise ValueError(f"{name} must be finite: it holds NaN or infinite value(s)")
        low, high = float(array.min()), float(array.max())
        if low < 0.0 or high > 1.0:
            raise ValueError(
                f"a float {name} must lie in [0, 1], got values in [{low:g}, {high:g}]; "
                f"divide by its maximum or convert it to uint8/uint16"
            )
    return array


def check_color_space(color_space) -> str:
    """``"rgb"`` or ``"lab"``."""
    return check_choice(color_space, "color_space", ("rgb", "lab"))


def check_image_pair(reference, other) -> tuple[np.ndarray, np.ndarray]:
    """Two numeric 2-D or 3-D images of one shape, as C-contiguous (H, W, C) arrays.

    uint8, uint16, float32 and float64 stay in their dtype when both images share it;
    otherwise both become float64.
    """
    arrays = []
    for name, value in (("reference", reference), ("image", other)):
        array = value if isinstance(value, np.ndarray) else np.asarray(value)
        if array.dtype.kind not in "buif":
            raise TypeError(f"{name} must hold real numbers, got dtype {array.dtype}")
        if array.ndim not in (2, 3):
            raise ValueError(
                f"{name} must be 2-D (H, W) or 3-D (H, W, channels), got shape {array.shape}"
            )
        if array.size == 0:
            raise ValueError(f"{name} must not be empty, got shape {array.shape}")
        arrays.append(array)
    reference, other = arrays
    if reference.shape != other.shape:
        raise ValueError(
            f"reference and image must have the same shape, got {reference.shape} and {other.shape}"
        )
    if reference.dtype != other.dtype or reference.dtype not in IMAGE_DTYPES:
        dtype = np.float64
    else:
        dtype = reference.dtype
    out = []
    for name, array in (("reference", reference), ("image", other)):
        array = np.ascontiguousarray(array, dtype=dtype)
        if array.dtype.kind == "f" and not np.isfinite(array).all():
            raise ValueError(f"{name} must be finite: it holds NaN or infinite value(s)")
        out.append(array.reshape(array.shape[0], array.shape[1], -1))
    return out[0], out[1]


def check_data_range(data_range, reference, image) -> float:
    """A positive finite ``data_range``; ``None``: the images' dtype's range (255 for uint8,
    65535 for uint16, 1 for booleans and for floats, which must then lie in [0, 1]).

    Without ``data_range``, images of two dtypes, floats outside [0, 1] and other integer
    dtypes (a Python list becomes int64) have no range to assume: an error says so.
    """
    if data_range is not None:
        return check_real(data_range, "data_range", positive=True)
    reference, image = np.asarray(reference), np.asarray(image)
    if reference.dtype != image.dtype:
        raise ValueError(
            f"reference is {reference.dtype} and image {image.dtype}: which range their values "
            f"span is ambiguous; pass data_range (e.g. 255 for 8-bit values) or convert one"
        )
    dtype = reference.dtype
    if dtype in (np.uint8, np.uint16):
        return float(np.iinfo(dtype).max)
    if dtype.kind == "b":
        return 1.0
    if dtype.kind == "f":
        for name, array in (("reference", reference), ("image", image)):
            if array.size and (array.min() < 0.0 or array.max() > 1.0):
                raise ValueError(
                    f"float images are taken to span [0, 1] without data_range, and {name} "
                    f"holds values in [{float(array.min()):.6g}, {float(array.max()):.6g}]; "
                    f"pass data_range (e.g. 255 for 0-255 values)"
                )
        return 1.0
    raise ValueError(
        f"images of dtype {dtype} have no default data range (uint8, uint16 and float in "
        f"[0, 1] do; a list of numbers becomes int64); pass data_range"
    )


def check_ssim_window(win_size, sigma, shape: tuple[int, ...]) -> tuple[int, float]:
    """An odd ``win_size`` no larger than the image's sides and a positive finite ``sigma``."""
    win_size = check_int(win_size, "win_size", minimum=1)
    if win_size % 2 == 0:
        raise ValueError(f"win_size={win_size} must be odd")
    if win_size > min(shape[0], shape[1]):
        raise ValueError(
            f"win_size={win_size} must be <= the image's smaller side ({min(shape[0], shape[1])}"
            f" for shape {shape}); pass a smaller odd win_size"
        )
    return win_size, check_real(sigma, "sigma", positive=True)


def check_segment_settings(
    n_clusters, color_space, coreset_size, max_iter, tol, **flags
) -> tuple[int, str, int | None, int, float]:
    """The settings every ``segment_image`` shares, checked; ``flags`` must be booleans."""
    n_clusters = check_int(n_clusters, "n_clusters", minimum=1)
    color_space = check_color_space(color_space)
    if coreset_size is not None:
        coreset_size = check_coreset_size(coreset_size, n_clusters)
    for name, flag in flags.items():
        if not isinstance(flag, bool | np.bool_):
            raise TypeError(f"{name} must be True or False, got {flag!r}")
    max_iter = check_int(max_iter, "max_iter", minimum=1)
    return n_clusters, color_space, coreset_size, max_iter, check_real(tol, "tol")


# Pixels of an image compared with a given colour summary: enough to catch a summary of another
# image or of an edited one, at a small fraction of the cost of summarising again.
SUMMARY_CHECK_PIXELS = 4096


def check_colour_summary(summary, image: np.ndarray, n_colour: int):
    """``summary`` as a ColourSummary of ``image`` (checked: shapes, dtypes, counts, and the
    colours of an evenly spaced sample of pixels); ``n_colour`` is the image's colour channels."""
    from ._colour import ColourSummary

    if not isinstance(summary, ColourSummary):
        raise TypeError(
            f"summary must be the ColourSummary that fastkmeans.image.colour_summary(image) "
            f"returns, got {type(summary).__name__}"
        )
    colours, counts, inverse = summary
    n_pixels = image.shape[0] * image.shape[1]
    if not (
        isinstance(colours, np.ndarray)
        and isinstance(counts, np.ndarray)
        and isinstance(inverse, np.ndarray)
        and colours.dtype == image.dtype
        and colours.shape[1:] == (n_colour,)
        and counts.shape == (colours.shape[0],)
        and counts.dtype == np.int64
        and inverse.shape == (n_pixels,)
        and inverse.dtype == np.int32
    ):
        raise ValueError(
            f"summary is not a colour summary of this {image.dtype} image of shape "
            f"{image.shape}: compute it with fastkmeans.image.colour_summary(image)"
        )
    pixels = image.reshape(n_pixels, -1)[:, :n_colour]
    sample = np.linspace(0, n_pixels - 1, min(n_pixels, SUMMARY_CHECK_PIXELS)).astype(np.int64)
    rows = inverse[sample]
    if (
        int(counts.sum()) != n_pixels
        or (counts <= 0).any()
        or rows.min() < 0
        or rows.max() >= colours.shape[0]
        or not np.array_equal(colours[rows], pixels[sample])
    ):
        raise ValueError(
            "summary does not describe this image (its counts or its colours differ from "
            "the image's pixels): compute it with fastkmeans.image.colour_summary(image) "
            "on this image, after any change to it"
        )
    return summary
