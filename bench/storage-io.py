#!/usr/bin/env python3
"""Storage throughput inside a container, per target: a named volume, a bind mount and the
container's own overlay root, against the same work on the host file system directly; berthd and,
when it answers on /var/run/docker.sock, dockerd side by side.

    bench/storage-io.py [-n ROUNDS] [--size-mib N] [--files N]

Workloads (busybox sh, alike on the host and in the containers):
  write  - sequential write of --size-mib MiB (dd bs=1M, conv=fsync)
  files  - --files small files created (echo x > fN), then sync
Each round runs every (engine, target) pair in turn, starting at another one each round, each
sample after a sync, so load and write-back hit all alike; the table gives the median seconds and
the ratio to the host. A temp berthd is started on a data root
under /var/tmp (the same file system as the host target) and removed at the end, as are the
containers, volumes and files made here. Needs root, busybox-static and a built checkout."""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

parser = argparse.ArgumentParser()
parser.add_argument("-n", type=int, default=5, help="rounds (default 5)")
parser.add_argument("--size-mib", type=int, default=1024, help="size of the sequential write (default 1024)")
parser.add_argument("--files", type=int, default=10000, help="small files to create (default 10000)")
options = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from benchlib import docker, dockerd_host, start_berthd  # noqa: E402
repo = os.path.dirname(here)
busybox = shutil.which("busybox") or "/bin/busybox"
work = tempfile.mkdtemp(prefix="berth-storage-io-", dir="/var/tmp")
label = f"berth.bench={os.getpid()}"

WRITE = f"dd if=/dev/zero of=$T/big bs=1M count={options.size_mib} conv=fsync 2>/dev/null; rm -f $T/big"
FILES = (f"mkdir -p $T/small && cd $T/small && i=0; while [ $i -lt {options.files} ]; do echo x > f$i; i=$((i+1)); done; "
         "sync; cd / && rm -rf $T/small")
WORKLOADS = {"write": WRITE, "files": FILES}


def timed(argv, env=None):
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


engines = {}
berthd, host = start_berthd(work, "storage-io")
engines["berth"] = host
if dockerd_host():
    engines["dockerd"] = dockerd_host()

containers = {}
try:
    for engine, h in engines.items():
        bind = os.path.join(work, f"bind-{engine}")
        os.makedirs(bind)
        vol = f"bench-io-{os.getpid()}"
        docker(h, "volume", "create", vol)
        cid = docker(h, "run", "-d", "--label", label, "-v", f"{vol}:/vol", "-v", f"{bind}:/bind",
                     "busybox", "sleep", "3600").stdout.strip()
        docker(h, "exec", cid, "mkdir", "-p", "/root-target")
        containers[engine] = (h, cid, vol)
    # the fixed cost of one docker exec, taken off each in-container sample
    exec_cost = {engine: statistics.median(timed(["docker", "exec", cid, "true"], dict(os.environ, DOCKER_HOST=h))
                                           for _ in range(5)) for engine, (h, cid, _) in containers.items()}
    host_dir = os.path.join(work, "host")
    os.makedirs(host_dir)
    targets = [("host", None, host_dir)]
    for engine in containers:
        targets += [(engine, "volume", "/vol"), (engine, "bind", "/bind"), (engine, "overlay root", "/root-target")]
    samples = {(w, t[0], t[1]): [] for w in WORKLOADS for t in targets}
    for round_no in range(options.n):
        # each round starts at another target, and each sample after a sync: the write-back of the
        # previous sample's gigabyte must not land on whoever comes next
        order = targets[round_no % len(targets):] + targets[:round_no % len(targets)]
        for w, script in WORKLOADS.items():
            for engine, kind, path in order:
                subprocess.run(["sync"], check=True)
                if engine == "host":
                    s = timed([busybox, "sh", "-c", f"T={path}; {script}"])
                else:
                    h, cid, _ = containers[engine]
                    s = timed(["docker", "exec", cid, "sh", "-c", f"T={path}; {script}"], dict(os.environ, DOCKER_HOST=h))
                    s -= exec_cost[engine]
                samples[(w, engine, kind)].append(s)
    print(f"| workload | target | seconds (median of {options.n}) | vs host |")
    print("| --- | --- | --- | --- |")
    for w in WORKLOADS:
        base = statistics.median(samples[(w, "host", None)])
        for engine, kind, _ in targets:
            m = statistics.median(samples[(w, engine, kind)])
            name = "host file system" if engine == "host" else f"{engine}: {kind}"
            print(f"| {w} | {name} | {m:.3f} | {m / base:.2f} |")
finally:
    for engine, (h, cid, vol) in containers.items():
        docker(h, "rm", "-f", cid, check=False)
        docker(h, "volume", "rm", vol, check=False)
    berthd.terminate()
    try:
        berthd.wait(20)
    except subprocess.TimeoutExpired:
        berthd.kill()
    subprocess.run(["rm", "-rf", "--one-file-system", work])
