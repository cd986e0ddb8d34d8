"""Memory of a benchmark: the resident set of this process, now and at its highest.

``benchmarks/run.py`` runs each benchmark in a process of its own, so that the high-water mark
of that process (``ru_maxrss``) is the benchmark's own: the model, the stores, what they read.
Processes the benchmark starts and waits for (Dask workers) count apart, under ``children``.
"""

import platform
import resource
import sys
from pathlib import Path

#: ``ru_maxrss`` is in KiB on Linux, in bytes on macOS.
_MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024
MIB = 1024 * 1024


def peak_rss_mib() -> dict[str, float]:
    """The highest resident set of this process and of its waited-for children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * _MAXRSS_UNIT / MIB
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * _MAXRSS_UNIT / MIB
    return {"process": round(own, 1), "children": round(children, 1)}


def current_rss_mib() -> float | None:
    """The resident set of this process now, in MiB (None where ``/proc`` is absent)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return round(pages * resource.getpagesize() / MIB, 1)


def cpu_model() -> str:
    """The processor's model name, as the machine of a figure is reported."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"
