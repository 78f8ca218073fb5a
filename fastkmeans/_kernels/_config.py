"""The one place the kernels' compilation flags are set.

The fast-math flags omit ``nnan`` and ``ninf``: kernels must stay correct if a NaN ever slipped
through, and comparisons against infinity (initial "best distance so far") must keep working.
``reassoc`` lets LLVM vectorise reductions; the block partition stays fixed, so results are still
independent of the thread count.

``error_model="numpy"`` drops the ZeroDivisionError check Numba puts on every division under
the default "python" model; that branch keeps a loop with a division from vectorising (the
SSIM combination loop). No kernel relies on the exception: the drivers validate their inputs,
and every division in a kernel is by a value they guarantee positive, or is guarded.
"""

import functools

import numba

FASTMATH = {"nsz", "arcp", "contract", "afn", "reassoc"}
ERROR_MODEL = "numpy"

# Serial kernels: cached so that a second process does not recompile.
jit = functools.partial(
    numba.njit, fastmath=FASTMATH, error_model=ERROR_MODEL, cache=True, nogil=True
)
# Small per-row helpers called from hot loops: inlined at Numba-IR level so that LLVM sees the
# whole loop nest (measured: about 1.4x faster assignment than leaving it to LLVM's inliner).
jit_inline = functools.partial(
    numba.njit, fastmath=FASTMATH, error_model=ERROR_MODEL, cache=True, inline="always"
)
# Parallel kernels over the fixed blocks.
jit_parallel = functools.partial(
    numba.njit, fastmath=FASTMATH, error_model=ERROR_MODEL, cache=True, nogil=True, parallel=True
)
