"""Per-pixel image passes: the fused final assignment and the quality measures (MSE, SSIM).

Images arrive as C-contiguous (n_pixels, channels) or (H, W, channels) arrays in their own
dtype; values are converted to float64 element by element, so no float copy of the image is
made. Reductions go into per-block (or per-row) float64 slots that the driver sums in order.
"""

import numpy as np
from numba import prange

from ._config import jit_inline, jit_parallel

# Output columns per strip in ssim_row_sums: the ring of w filtered rows of five quantities
# (w * 5 * SSIM_STRIP float64, 110 KiB for w = 11) stays in a core's L2 cache.
SSIM_STRIP = 256


@jit_parallel
def paint(pixels, n_colour, labels, colour_labels, palette, bounds, out):
    """Label every pixel and write its output colour, in one pass.

    ``labels[i]`` holds on entry the index of pixel ``i``'s colour in the colour summary and on
    exit its cluster, ``colour_labels[labels[i]]``. ``out[i, :n_colour]`` becomes the palette
    entry of that cluster; channels from ``n_colour`` on (alpha) are copied from ``pixels``.
    """
    n_blocks = bounds.shape[0] - 1
    n_channels = pixels.shape[1]
    for b in prange(n_blocks):
        for i in range(bounds[b], bounds[b + 1]):
            label = colour_labels[labels[i]]
            labels[i] = label
            for f in range(n_colour):
                out[i, f] = palette[label, f]
            for f in range(n_colour, n_channels):
                out[i, f] = pixels[i, f]


@jit_parallel
def sq_error_sums(a, b, n_channels, bounds, block_sums):
    """``block_sums[blk] = sum over rows of the block, channels < n_channels, of (a - b)^2``."""
    n_blocks = bounds.shape[0] - 1
    for blk in prange(n_blocks):
        acc = 0.0
        for i in range(bounds[blk], bounds[blk + 1]):
            for f in range(n_channels):
                diff = np.float64(a[i, f]) - np.float64(b[i, f])
                acc += diff * diff
        block_sums[blk] = acc


@jit_inline
def _filter_along(values, window, n_out, out):
    """``out[j] = sum_k window[k] * values[j + k]`` for ``j < n_out``.

    The default 11-tap window is written out: with a straight-line body LLVM vectorises the
    loop over ``j`` and keeps the sum in a register (measured 2x faster than sweeping ``out``
    once per tap, which is bound by its loads and stores).
    """
    if window.shape[0] == 11:
        g0, g1, g2, g3, g4, g5 = window[0], window[1], window[2], window[3], window[4], window[5]
        g6, g7, g8, g9, g10 = window[6], window[7], window[8], window[9], window[10]
        for j in range(n_out):
            out[j] = (
                g0 * values[j] + g1 * values[j + 1] + g2 * values[j + 2] + g3 * values[j + 3]
                + g4 * values[j + 4] + g5 * values[j + 5] + g6 * values[j + 6]
                + g7 * values[j + 7] + g8 * values[j + 8] + g9 * values[j + 9]
                + g10 * values[j + 10]
            )  # fmt: skip
    else:
        out[:n_out] = 0.0
        for k in range(window.shape[0]):
            g = window[k]
            for j in range(n_out):
                out[j] += g * values[j + k]


@jit_inline
def _filter_across(ring, first, q, window, n_out, out):
    """``out[j] = sum_k window[k] * ring[(first + k) % w, q, j]`` for ``j < n_out``.

    Written out for 11 taps, as in :func:`_filter_along`.
    """
    w = window.shape[0]
    if w == 11:
        g0, g1, g2, g3, g4, g5 = window[0], window[1], window[2], window[3], window[4], window[5]
        g6, g7, g8, g9, g10 = window[6], window[7], window[8], window[9], window[10]
        r0, r1, r2 = ring[first % w, q], ring[(first + 1) % w, q], ring[(first + 2) % w, q]
        r3, r4, r5 = ring[(first + 3) % w, q], ring[(first + 4) % w, q], ring[(first + 5) % w, q]
        r6, r7, r8 = ring[(first + 6) % w, q], ring[(first + 7) % w, q], ring[(first + 8) % w, q]
        r9, r10 = ring[(first + 9) % w, q], ring[(first + 10) % w, q]
        for j in range(n_out):
            out[j] = (
                g0 * r0[j] + g1 * r1[j] + g2 * r2[j] + g3 * r3[j] + g4 * r4[j] + g5 * r5[j]
                + g6 * r6[j] + g7 * r7[j] + g8 * r8[j] + g9 * r9[j] + g10 * r10[j]
            )  # fmt: skip
    else:
        out[:n_out] = 0.0
        for k in range(w):
            g = window[k]
            row = ring[(first + k) % w, q]
            for j in range(n_out):
                out[j] += g * row[j]


@jit_parallel
def ssim_row_sums(x, y, n_channels, window, c1, c2, bounds, row_sums):
    """Sum of the SSIM map along each output row, per channel ('valid' windows).

    ``x`` and ``y`` are (H, W, C); ``window`` is the normalised 1-D Gaussian of odd length w,
    applied separably. Output row ``r`` covers input rows ``r .. r+w-1``; ``row_sums[r, f]`` is
    the sum over the W - w + 1 valid columns of
    ``(2 mx my + c1)(2 sxy + c2) / ((mx^2 + my^2 + c1)(sx^2 + sy^2 + c2))`` for channel ``f``,
    with local means, variances and covariance weighted by the window (Wang et al., 2004).

    ``bounds`` splits the output rows into blocks. Within a block, for each channel and each
    strip of SSIM_STRIP output columns, each input row is filtered along the row once (x, y,
    x^2, y^2, xy) into a ring of the last w rows, and each output row combines its w rows down
    the columns. The strip keeps the ring in L2 (a ring of whole rows is megabytes, and the
    column pass re-reads it w times); the arithmetic of a pixel depends on neither blocks nor
    strips, and each row's strip sums are added in strip order.
    """
    n_blocks = bounds.shape[0] - 1
    width = x.shape[1]
    w = window.shape[0]
    out_width = width - w + 1
    for blk in prange(n_blocks):
        first = bounds[blk]
        last = bounds[blk + 1]
        products = np.empty((5, SSIM_STRIP + w - 1), np.float64)
        ring = np.empty((w, 5, SSIM_STRIP), np.float64)
        moments = np.empty((5, SSIM_STRIP), np.float64)
        row_sums[first:last, :n_channels] = 0.0
        for f in range(n_channels):
            for strip in range(0, out_width, SSIM_STRIP):
                n_out = min(SSIM_STRIP, out_width - strip)
                n_in = n_out + w - 1
                for i in range(first, last + w - 1):
                    for j in range(n_in):
                        xv = np.float64(x[i, strip + j, f])
                        yv = np.float64(y[i, strip + j, f])
                        products[0, j] = xv
                        products[1, j] = yv
                        products[2, j] = xv * xv
                        products[3, j] = yv * yv
                        products[4, j] = xv * yv
                    for q in range(5):
                        _filter_along(products[q], window, n_out, ring[i % w, q])
                    r = i - w + 1
                    if r < first:
                        continue
                    for q in range(5):
                        _filter_across(ring, r, q, window, n_out, moments[q])
                    acc = 0.0
                    for j in range(n_out):
                        mx = moments[0, j]
                        my = moments[1, j]
                        vx = moments[2, j] - mx * mx
                        vy = moments[3, j] - my * my
                        cov = moments[4, j] - mx * my
                        num = (2.0 * mx * my + c1) * (2.0 * cov + c2)
                        den = (mx * mx + my * my + c1) * (vx + vy + c2)
                        acc += num / den
                    row_sums[r, f] += acc
