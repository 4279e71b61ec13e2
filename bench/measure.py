"""Run a program as a child process and measure it: wall time, CPU, peak RSS.

Why ``os.wait4``: it hands back the child's own rusage (CPU seconds and ``ru_maxrss``, its peak
resident set), without psutil and without sampling, and without mixing in other children.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.replica_proc import CLOCK_TICKS, ReplicaProcess


def machine_busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (/proc/stat: all but idle and iowait)."""
    with open("/proc/stat", encoding="ascii") as handle:
        values = [int(v) for v in handle.readline().split()[1:9]]
    return (sum(values) - values[3] - values[4]) / CLOCK_TICKS


def own_cpu_seconds() -> float:
    """CPU of this process and of the children it has reaped."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class LoadMeter:
    """How busy other programs kept the machine while a measurement ran, in cores.

    Why: the benchmark shares a 2-core machine with whatever else runs on it; a figure taken
    while another program used a core is not the same figure, so each one carries this.
    """

    def __init__(self) -> None:
        self.busy = machine_busy_seconds()
        self.own = own_cpu_seconds()
        self.wall = time.perf_counter()

    def foreign_cores(self, also_ours: float = 0.0) -> float:
        """Cores busy with other programs since the meter started (``also_ours``: CPU of
        our processes that the rusage counters do not see yet, e.g. a live server)."""
        wall = time.perf_counter() - self.wall
        busy = machine_busy_seconds() - self.busy
        ours = own_cpu_seconds() - self.own + also_ours
        return round(max(0.0, busy - ours) / wall, 2) if wall > 0 else 0.0


@dataclass
class Quiet:
    """Waits, within a budget, for other programs to leave the cores alone before a step."""

    threshold: float = 0.3  # cores of foreign load that count as quiet
    step_limit: float = 60.0
    budget: float = 240.0
    log: dict[str, Any] = field(default_factory=dict)

    def settle(self, step: str) -> None:
        waited = 0.0
        while True:
            meter = LoadMeter()
            time.sleep(2.0)
            load = meter.foreign_cores()
            if load < self.threshold or waited >= min(self.step_limit, self.budget):
                break
            waited += 2.0
        self.budget -= waited
        self.log[step] = {"waited_s": waited, "foreign_cores_before": load}


@dataclass
class Measured:
    """One finished child process."""

    argv: list[str]
    returncode: int
    wall_s: float
    user_s: float
    sys_s: float
    max_rss_mb: float
    log: str
    server_cpu_s: float | None = None  # the replica process's CPU meanwhile, if one served
    foreign_cores: float = 0.0  # other programs' load meanwhile (see LoadMeter)

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "cpu_s": round(self.cpu_s, 3)}


def run_measured(
    argv: list[str],
    log: Path,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 3600,
    server: ReplicaProcess | None = None,
) -> Measured:
    """Run ``argv`` with stdout and stderr into ``log``; kill it after ``timeout`` seconds."""
    server_before = server.cpu_seconds() if server else 0.0
    meter = LoadMeter()
    with log.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    server_cpu = server.cpu_seconds() - server_before if server else None
    return Measured(
        argv=[str(a) for a in argv],
        returncode=proc.returncode,
        wall_s=round(wall, 3),
        user_s=round(usage.ru_utime, 3),
        sys_s=round(usage.ru_stime, 3),
        max_rss_mb=round(usage.ru_maxrss / 1024, 1),  # Linux reports kilobytes
        log=str(log),
        server_cpu_s=round(server_cpu, 3) if server_cpu is not None else None,
        foreign_cores=meter.foreign_cores(server_cpu or 0.0),
    )


def clean_env() -> dict[str, str]:
    """The environment without ggcrawl's and Scrapy's own variables, as a fresh shell has."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GGCRAWL_", "SCRAPY_")) and k != "PYTHONPATH"
    }
