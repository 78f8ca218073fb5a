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

import concurrent.futures
import contextlib
import functools
import inspect
import threading
import warnings

import numba
import numba.core.compiler
import numba.core.compiler_machinery
import numba.core.cpu_options
import numba.core.errors
import numba.core.typed_passes
import numba.parfors.parfor

FASTMATH = {"nsz", "arcp", "contract", "afn", "reassoc"}
# For sums whose terms must be added in the order written (see jit_ordered).
FASTMATH_ORDERED = FASTMATH - {"reassoc"}
ERROR_MODEL = "numpy"

# Serial kernels: cached so that a second process does not recompile.
jit = functools.partial(
    numba.njit, fastmath=FASTMATH, error_model=ERROR_MODEL, cache=True, nogil=True
)
# Sums that must add their terms one after another, in order, to give the bits of a sum taken
# inside a kernel's row loop (which is no plain reduction, so LLVM keeps it in order): without
# ``reassoc``, LLVM may not split such a loop into vector partial sums.
jit_ordered = functools.partial(
    numba.njit,
    fastmath=FASTMATH_ORDERED,
    error_model=ERROR_MODEL,
    cache=True,
    nogil=True,
)
# Small per-row helpers called from hot loops: inlined at Numba-IR level so that LLVM sees the
# whole loop nest (measured: about 1.4x faster assignment than leaving it to LLVM's inliner).
jit_inline = functools.partial(
    numba.njit, fastmath=FASTMATH, error_model=ERROR_MODEL, cache=True, inline="always"
)


# -- parallel kernels: serial nogil loops, run on slices by a pool of Python threads ----------
#
# A "parallel" kernel is compiled as a plain serial ``nogil`` function whose one parallel loop
# runs ``range(loop_start, loop_stop)``; the launcher cuts the loop into one contiguous slice
# per thread and runs the slices at once on a small thread pool (the GIL is released inside).
# Measured against ``parallel=True`` parfors (the previous design), 2 cores: a cold
# ``python -m fastkmeans`` (empty kernel cache) took 13 s instead of 57 s; full fits on an
# 8.6 MP photo time within 1-6% of the parfors (paired runs), a whole segment_image 14-20%
# slower (about 25 ms: the many short passes over a colour summary). It also removes two
# hazards of Numba's threading layers: the workqueue layer aborts the process when two Python
# threads enter parallel regions at once, and OpenMP's threads spin after each region. Every
# iteration writes only its own slots (a block's partials, a row's label), and the per-block
# results are reduced later in a fixed order, so results do not depend on the number of threads.

# Compiled through Numba's parallel pipeline with every parfor transformation turned off: no
# parfor (and no Numba thread) is ever created, but the loops come out as fast as in a parfor
# body, which plain ``njit`` does not give here (measured on the colour assignment loop: 0.17 s
# against 0.85 s per pass over 8.6 MP; the parallel pipeline's alias analysis lets LLVM keep
# the centres in registers and vectorise). The first measurements of this design (cold demo
# 22 s) compiled most kernels with every transformation on, through the dict below (now an
# options object): Numba's ParallelOptions pops the keys out of a dict it is given, so a shared
# dict comes back empty (every transformation on) from the second compile on.
_NO_PARFORS = numba.core.cpu_options.ParallelOptions(
    {
        "comprehension": False,
        "prange": False,
        "setitem": False,
        "numpy": False,
        "reduction": False,
        "stencil": False,
        "fusion": False,
        "inplace_binop": False,
    }
)


@numba.core.compiler_machinery.register_pass(mutates_CFG=True, analysis_only=False)
class _ParforPassWithoutParfors(numba.core.typed_passes.ParforPass):
    """Numba's parfor pass, quiet about creating no parfor (the point here), and without the
    hook that starts Numba's threading layer whenever a cached kernel is loaded.

    Should a Numba version make a parfor despite the options, the kernel would run Numba's
    threads from inside fastkmeans's: a warning names the statement, and the hook is kept
    (a cached kernel with a parfor needs it to load), so the kernel still works.
    """

    _name = "fastkmeans_parfor_pass_without_parfors"

    def run_pass(self, state):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", numba.core.errors.NumbaPerformanceWarning)
            changed = super().run_pass(state)
        made = [
            statement
            for block in state.func_ir.blocks.values()
            for statement in block.body
            if isinstance(statement, numba.parfors.parfor.Parfor)
        ]
        if made:
            warnings.warn(
                f"fastkmeans: Numba made a parfor of the statement at {made[0].loc.short()} "
                f"in {state.func_ir.func_id.func_qualname}, whose loop is meant to run on "
                "fastkmeans's own threads; please report it",
                RuntimeWarning,
                stacklevel=2,
            )
            return changed
        state.reload_init[:] = [
            hook
            for hook in state.reload_init
            if hook is not numba.core.typed_passes._reload_parfors
        ]
        return changed


class _DistinctArguments(numba.core.compiler.Compiler):
    """Numba's compiler with array arguments marked ``noalias`` for LLVM, as Numba marks a
    parfor body's (no kernel is passed one array twice where it writes it), and the parfor pass
    replaced by :class:`_ParforPassWithoutParfors`."""

    def define_pipelines(self):
        self.state.flags.noalias = True
        pipelines = super().define_pipelines()
        for pipeline in pipelines:
            pipeline.passes = [
                (_ParforPassWithoutParfors, what)
                if pass_ is numba.core.typed_passes.ParforPass
                else (pass_, what)
                for pass_, what in pipeline.passes
            ]
            pipeline.finalize()
        return pipelines


_jit_sliced = functools.partial(
    numba.njit,
    fastmath=FASTMATH,
    error_model=ERROR_MODEL,
    cache=True,
    nogil=True,
    parallel=_NO_PARFORS,
    pipeline_class=_DistinctArguments,
)

# The same through Numba's ordinary pipeline (array arguments still noalias), which compiles
# in about two thirds of the time. Used for the kernels a fresh process's first fit of a photo
# compiles (lloyd_step, nearest_of_chunk, fold_and_score, _weighted_moments): their loops run as
# fast either way (paired runs: fits of photos, 32-feature blobs, seeding), and that fit's
# compilation went from 4.3-5.3 s to 3.7-3.8 s. Hamerly's search (nearest_two_of_rows) too:
# 2.0 s -> 0.8 s, Hamerly fits 0.98-1.07x the time. Not the default: other loops are slower
# without the parallel pipeline (a per-row search over the centres, which
# ``sampling.assign_with_distances`` had then, 2.3x; hamerly_step 1.1-1.15x), and each kernel
# would need measuring.
_jit_sliced_lean = functools.partial(
    numba.njit, **{key: value for key, value in _jit_sliced.keywords.items() if key != "parallel"}
)

# A large helper shared by several kernels, compiled once on its own with the parallel
# kernels' flags (LLVM may still inline it into its callers). Marked ``inline="always"`` it
# would be copied into each caller's Numba IR and typed there again: the nearest-centre search
# compiled this way cut lloyd_step's compilation from 2.15 to 1.86 s (the first fit of a fresh
# process: 3.48 -> 3.11 s on 3 M colour rows), at the same speed per iteration.
jit_shared = _jit_sliced
jit_shared_lean = _jit_sliced_lean

_pool: concurrent.futures.ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def thread_pool() -> concurrent.futures.ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            # NUMBA_NUM_THREADS bounds the thread counts a caller may ask for (n_threads=).
            _pool = concurrent.futures.ThreadPoolExecutor(
                max_workers=max(1, numba.config.NUMBA_NUM_THREADS - 1),
                thread_name_prefix="fastkmeans",
            )
        return _pool


_thread_setting = threading.local()


class _InterruptDeferral:
    """An interrupt (Ctrl-C, or SIGTERM turned into one) that arrived while the main thread
    ran a parallel pass, to be raised when the pass ends.

    Raised at once, it can land inside Numba or llvmlite between taking a lock and the code
    that releases it; the pass then waits for its other slices, one of which waits for that
    lock: the process hung (seen once in about 33 runs of a command sent SIGTERM). A pass
    lasts milliseconds, or seconds while it compiles.
    """

    def __init__(self) -> None:
        self.depth = 0  # parallel passes under way in the main thread
        self.pending: type[BaseException] | None = None


_deferral = _InterruptDeferral()  # signal handlers run in the main thread only


def defer_interrupt(exception_type: type[BaseException]) -> bool:
    """For a signal handler: True when a parallel pass is under way in the main thread, which
    raises ``exception_type`` when it ends (the handler then returns); False: raise it now."""
    if _deferral.depth == 0:
        return False
    _deferral.pending = exception_type
    return True


def current_threads() -> int:
    """Threads a parallel pass uses when called from this Python thread: the innermost
    :func:`threads_for`'s count, else ``NUMBA_NUM_THREADS`` (by default the machine's cores).

    fastkmeans keeps this setting itself: asking Numba (``numba.get_num_threads``) would start
    Numba's threading layer, whose threads nothing here uses.
    """
    return getattr(_thread_setting, "n_threads", None) or int(numba.config.NUMBA_NUM_THREADS)


@contextlib.contextmanager
def threads_for(n_threads: int | None):
    """Parallel passes called from this Python thread use ``n_threads`` threads inside the
    block (``None``: unchanged); the previous setting is restored on the way out."""
    if n_threads is None:
        yield
        return
    previous = getattr(_thread_setting, "n_threads", None)
    _thread_setting.n_threads = int(n_threads)
    try:
        yield
    finally:
        _thread_setting.n_threads = previous


def wait_for_slices(futures) -> None:
    """Block until every future is done (its exception, if any, is left for ``result``).

    One future at a time: ``concurrent.futures.wait`` installs a waiter on each future and
    takes every future's lock, which doubled a two-slice pass's hand-off (measured: 63 against
    37 us a pass, 2 threads; a single-slice call costs 9 us).

    An exception raised into the wait (Ctrl-C where nothing defers it, as in a library call)
    does not cut it short: the slices still write into the pass's outputs, so the wait goes
    on, and the first such exception is raised once they have finished.
    """
    interrupted = None
    for future in futures:
        while True:
            try:
                future.exception()
                break
            except BaseException as exc:  # noqa: BLE001 - re-raised below, after the slices
                if interrupted is None:
                    interrupted = exc
    if interrupted is not None:
        raise interrupted


def jit_parallel(*, extent, lean=False, ordered=False):
    """Compile a kernel whose last two parameters are ``loop_start, loop_stop`` (the slice of
    its parallel loop to run) and return a launcher taking the other arguments.

    ``extent(**arguments)`` is the length of the parallel loop (e.g. the number of blocks).
    The launcher runs it in :func:`current_threads` slices (fewer for a short loop), one
    in the calling thread and the others on the pool; an integer result (a count) is the sum
    of the slices'. The compiled kernel is the launcher's ``kernel`` attribute. ``lean``
    compiles it through Numba's ordinary pipeline (see ``_jit_sliced_lean``). ``ordered``
    compiles it without ``reassoc`` (see ``jit_ordered``): its sums add their terms in the
    order written.
    """

    def decorate(function):
        compile_ = _jit_sliced_lean if lean else _jit_sliced
        if ordered:
            compile_ = functools.partial(compile_, fastmath=FASTMATH_ORDERED)
        kernel = compile_(function)
        names = tuple(inspect.signature(function).parameters)[:-2]

        @functools.wraps(function)
        def launch(*args):
            n_iterations = int(extent(**dict(zip(names, args, strict=True))))
            n_slices = max(1, min(current_threads(), n_iterations))
            if n_slices == 1:
                return kernel(*args, 0, n_iterations)
            cuts = [n_iterations * t // n_slices for t in range(n_slices + 1)]
            pool = thread_pool()
            in_main = threading.current_thread() is threading.main_thread()
            if in_main:
                _deferral.depth += 1
            try:
                futures = [
                    pool.submit(kernel, *args, cuts[t], cuts[t + 1]) for t in range(1, n_slices)
                ]
                try:
                    first = kernel(*args, cuts[0], cuts[1])
                finally:  # never return (or raise) while a slice still writes into the outputs
                    wait_for_slices(futures)
            finally:
                if in_main:
                    _deferral.depth -= 1
                    if _deferral.depth == 0 and _deferral.pending is not None:
                        pending, _deferral.pending = _deferral.pending, None
                        raise pending
            results = [first] + [future.result() for future in futures]
            return None if first is None else sum(results)

        launch.kernel = kernel
        return launch

    return decorate
