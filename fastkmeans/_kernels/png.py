"""PNG row filters: undoing them (decoding 16-bit colour PNGs, which Pillow reduces to 8 bits).

Each row starts with a filter type byte; a filtered byte is predicted from the byte ``bpp``
positions to its left (a), the byte above (b) and the byte above-left (c). Serial: every byte
depends on its left neighbour and on the row above.
"""

import numpy as np

from ._config import jit


@jit
def unfilter(
    data,  # IN (height * (1 + row_bytes),) uint8: filtered rows, each after its filter type
    height,
    row_bytes,
    bpp,  # bytes per complete pixel (at least 1)
    out,  # OUT (height, row_bytes) uint8
):
    """Undo the filters of ``height`` rows in place into ``out``; returns -1, or the index of
    the first row with an unknown filter type (then ``out`` is incomplete)."""
    for y in range(height):
        base = y * (row_bytes + 1)
        kind = data[base]
        if kind > 4:
            return y
        for x in range(row_bytes):
            raw = np.int32(data[base + 1 + x])
            a = np.int32(out[y, x - bpp]) if x >= bpp else np.int32(0)
            b = np.int32(out[y - 1, x]) if y > 0 else np.int32(0)
            c = np.int32(out[y - 1, x - bpp]) if (y > 0 and x >= bpp) else np.int32(0)
            if kind == 0:
                value = raw
            elif kind == 1:
                value = raw + a
            elif kind == 2:
                value = raw + b
            elif kind == 3:
                value = raw + (a + b) // 2
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                if pa <= pb and pa <= pc:
                    value = raw + a
                elif pb <= pc:
                    value = raw + b
                else:
                    value = raw + c
            out[y, x] = np.uint8(value & 0xFF)
    return -1
