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
import threading

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
_parallel_jit = functools.partial(
    numba.njit, fastmath=FASTMATH, error_model=ERROR_MODEL, cache=True, nogil=True, parallel=True
)

# Numba's workqueue threading layer (what Numba falls back to without OpenMP or TBB) is not
# thread-safe: two Python threads in parallel regions at once abort the process (SIGABRT,
# measured). Under it, parallel kernels are launched one at a time; OpenMP and TBB run them
# concurrently.
_WORKQUEUE_LOCK = threading.Lock()


def _layer_is_thread_safe() -> bool:
    try:
        return numba.threading_layer() != "workqueue"
    except ValueError:  # no parallel region has run yet: the layer is not chosen
        return False


def jit_parallel(function):
    """A parallel kernel over the fixed blocks, safe to call from several Python threads.

    Returns a plain function calling the compiled kernel (kept as its ``kernel`` attribute);
    parallel kernels are called only from Python, never from other kernels.
    """
    kernel = _parallel_jit(function)

    @functools.wraps(function)
    def launch(*args):
        if _layer_is_thread_safe():
            return kernel(*args)
        with _WORKQUEUE_LOCK:
            return kernel(*args)

    launch.kernel = kernel
    return launch
