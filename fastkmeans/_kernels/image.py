"""Per-pixel image passes: the fused final assignment and the quality measures (MSE, SSIM).

Images arrive as C-contiguous (n_pixels, channels) or (H, W, channels) arrays in their own
dtype; values are converted to float64 element by element, so no float copy of the image is
made. Reductions go into per-block (or per-row) float64 slots that the driver sums in order.
"""

import numpy as np

from ._config import jit, jit_inline, jit_parallel

# Output columns per strip in ssim_row_sums: the ring of w filtered rows of four quantities
# (w * 4 * SSIM_STRIP float64, 22 KiB for w = 11) stays in a core's 32 KiB L1 cache, where the
# column pass reads each of its entries w times. Measured on 8.6 MP, one thread: 64 columns
# 0.19 s, 128 0.26 s, 256 (L2) 0.27 s; 32 columns 0.28 s (each strip also filters w - 1 extra
# columns along the rows).
SSIM_STRIP = 64


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def paint(pixels, n_colour, labels, colour_labels, palette, bounds, out, loop_start, loop_stop):
    """Label every pixel and write its output colour, in one pass.

    ``labels[i]`` holds on entry the index of pixel ``i``'s colour in the colour summary and on
    exit its cluster, ``colour_labels[labels[i]]``. ``out[i, :n_colour]`` becomes the palette
    entry of that cluster; channels from ``n_colour`` on (alpha) are copied from ``pixels``.
    """
    n_channels = pixels.shape[1]
    for b in range(loop_start, loop_stop):
        for i in range(bounds[b], bounds[b + 1]):
            label = colour_labels[labels[i]]
            labels[i] = label
            for f in range(n_colour):
                out[i, f] = palette[label, f]
            for f in range(n_colour, n_channels):
                out[i, f] = pixels[i, f]


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def sq_error_sums(a, b, n_channels, bounds, block_sums, loop_start, loop_stop):
    """``block_sums[blk] = sum over rows of the block, channels < n_channels, of (a - b)^2``."""
    for blk in range(loop_start, loop_stop):
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
    once per tap, which is bound by its loads and stores). Its taps are paired by symmetry
    (``window[k] == window[10 - k]``), so that its six coefficients stay in registers: with
    eleven, LLVM reloaded them from the stack on every iteration (1.1 -> 0.62 ns per output
    in a micro-benchmark).
    """
    if window.shape[0] == 11:
        g0, g1, g2, g3, g4, g5 = window[0], window[1], window[2], window[3], window[4], window[5]
        for j in range(n_out):
            out[j] = (
                g0 * (values[j] + values[j + 10]) + g1 * (values[j + 1] + values[j + 9])
                + g2 * (values[j + 2] + values[j + 8]) + g3 * (values[j + 3] + values[j + 7])
                + g4 * (values[j + 4] + values[j + 6]) + g5 * values[j + 5]
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

    Written out for 11 symmetric taps, as in :func:`_filter_along`.
    """
    w = window.shape[0]
    if w == 11:
        g0, g1, g2, g3, g4, g5 = window[0], window[1], window[2], window[3], window[4], window[5]
        r0, r1, r2 = ring[first % w, q], ring[(first + 1) % w, q], ring[(first + 2) % w, q]
        r3, r4, r5 = ring[(first + 3) % w, q], ring[(first + 4) % w, q], ring[(first + 5) % w, q]
        r6, r7, r8 = ring[(first + 6) % w, q], ring[(first + 7) % w, q], ring[(first + 8) % w, q]
        r9, r10 = ring[(first + 9) % w, q], ring[(first + 10) % w, q]
        for j in range(n_out):
            out[j] = (
                g0 * (r0[j] + r10[j]) + g1 * (r1[j] + r9[j]) + g2 * (r2[j] + r8[j])
                + g3 * (r3[j] + r7[j]) + g4 * (r4[j] + r6[j]) + g5 * r5[j]
            )  # fmt: skip
    else:
        out[:n_out] = 0.0
        for k in range(w):
            g = window[k]
            row = ring[(first + k) % w, q]
            for j in range(n_out):
                out[j] += g * row[j]


@jit_parallel(extent=lambda bounds, **_: bounds.shape[0] - 1)
def ssim_row_sums(x, y, n_channels, window, c1, c2, bounds, row_sums, loop_start, loop_stop):
    """Sum of the SSIM map along each output row, per channel ('valid' windows).

    ``x`` and ``y`` are C-contiguous (H, W, C); ``window`` is the normalised 1-D Gaussian of
    odd length w (symmetric), applied separably. Output row ``r`` covers input rows
    ``r .. r+w-1``; ``row_sums[r, f]`` is the sum over the W - w + 1 valid columns of
    ``(2 mx my + c1)(2 sxy + c2) / ((mx^2 + my^2 + c1)(sx^2 + sy^2 + c2))`` for channel ``f``,
    with local means, variances and covariance weighted by the window (Wang et al., 2004).

    Four moments are filtered instead of five: those of ``s = x + y`` and ``d = x - y``. With
    ``ms``, ``md`` their means and ``Ps``, ``Pd`` the means of their squares,
    ``2 mx my = (ms^2 - md^2) / 2``, ``mx^2 + my^2 = (ms^2 + md^2) / 2``,
    ``2 sxy = (Ps - Pd) / 2 - 2 mx my`` and ``sx^2 + sy^2 = (Ps + Pd) / 2 - (mx^2 + my^2)``.

    ``bounds`` splits the output rows into blocks. Within a block, for each channel and each
    strip of SSIM_STRIP output columns, each input row is filtered along the row once into a
    ring of the last w rows, and each output row combines its w rows down the columns. The
    strip keeps the ring in L1 (a ring of whole rows is megabytes, and the column pass re-reads
    it w times); the arithmetic of a pixel depends on neither blocks nor strips, and each row's
    strip sums are added in strip order.
    """
    width = x.shape[1]
    n_image_channels = x.shape[2]
    w = window.shape[0]
    out_width = width - w + 1
    # Flat views indexed with unsigned offsets: no negative-index wraparound arithmetic in the
    # loop that reads the interleaved channels (measured 1.7x faster for that loop).
    x_flat = x.reshape(x.size)
    y_flat = y.reshape(y.size)
    pixel_step = np.uint64(n_image_channels)
    for blk in range(loop_start, loop_stop):
        first = bounds[blk]
        last = bounds[blk + 1]
        products = np.empty((4, SSIM_STRIP + w - 1), np.float64)
        ring = np.empty((w, 4, SSIM_STRIP), np.float64)
        moments = np.empty((4, SSIM_STRIP), np.float64)
        row_sums[first:last, :n_channels] = 0.0
        for f in range(n_channels):
            for strip in range(0, out_width, SSIM_STRIP):
                n_out = min(SSIM_STRIP, out_width - strip)
                n_in = n_out + w - 1
                for i in range(first, last + w - 1):
                    row_start = np.uint64((i * width + strip) * n_image_channels + f)
                    for j in range(n_in):
                        offset = row_start + np.uint64(j) * pixel_step
                        xv = np.float64(x_flat[offset])
                        yv = np.float64(y_flat[offset])
                        s = xv + yv
                        d = xv - yv
                        products[0, j] = s
                        products[1, j] = d
                        products[2, j] = s * s
                        products[3, j] = d * d
                    for q in range(4):
                        _filter_along(products[q], window, n_out, ring[i % w, q])
                    r = i - w + 1
                    if r < first:
                        continue
                    for q in range(4):
                        _filter_across(ring, r, q, window, n_out, moments[q])
                    acc = 0.0
                    for j in range(n_out):
                        ms2 = moments[0, j] * moments[0, j]
                        md2 = moments[1, j] * moments[1, j]
                        twice_mxy = 0.5 * (ms2 - md2)
                        sum_m2 = 0.5 * (ms2 + md2)
                        twice_cov = 0.5 * (moments[2, j] - moments[3, j]) - twice_mxy
                        sum_var = 0.5 * (moments[2, j] + moments[3, j]) - sum_m2
                        num = (twice_mxy + c1) * (twice_cov + c2)
                        den = (sum_m2 + c1) * (sum_var + c2)
                        acc += num / den
                    row_sums[r, f] += acc


@jit
def dither_labels(
    inverse,  # IN (H * W,) int: each pixel's index in the colour summary, raster order
    points,  # IN (n_colours, c) float64: the summary's colours in the clustering space
    centers,  # IN (k, c) float64: the palette in the clustering space
    low,  # IN (c,) float64: the smallest value of each channel among the centres
    high,  # IN (c,) float64: the largest
    width,  # IN int
    labels,  # OUT (H * W,) int32: each pixel's palette entry
):
    """Floyd–Steinberg error diffusion onto ``centers``, in raster order.

    Each pixel takes the entry nearest to its colour plus the error diffused to it (clamped to
    the palette's range of each channel, so that error cannot pile up where no palette mix
    reaches), and passes its own error on: 7/16 to the right, 3/16 below left, 5/16 below,
    1/16 below right. Sequential by nature (each pixel depends on the ones before it).
    """
    n_pixels = inverse.shape[0]
    n_channels = points.shape[1]
    n_clusters = centers.shape[0]
    error = np.zeros((2, width + 2, n_channels), np.float64)  # padded by one on each side
    value = np.empty(n_channels, np.float64)
    for start in range(0, n_pixels, width):
        current = (start // width) % 2
        below = 1 - current
        error[below, :, :] = 0.0
        for x in range(width):
            colour = inverse[start + x]
            for f in range(n_channels):
                value[f] = min(max(points[colour, f] + error[current, x + 1, f], low[f]), high[f])
            best = 0
            best_dist = np.inf
            for j in range(n_clusters):
                dist = 0.0
                for f in range(n_channels):
                    diff = value[f] - centers[j, f]
                    dist += diff * diff
                if dist < best_dist:
                    best = j
                    best_dist = dist
            labels[start + x] = best
            for f in range(n_channels):
                e = value[f] - centers[best, f]
                error[current, x + 2, f] += e * (7.0 / 16.0)
                error[below, x, f] += e * (3.0 / 16.0)
                error[below, x + 1, f] += e * (5.0 / 16.0)
                error[below, x + 2, f] += e * (1.0 / 16.0)
