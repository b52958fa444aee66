#!/usr/bin/env python3
"""What a seccomp profile costs a container start: `runc run` of a busybox bundle under each profile
in turn (alternating, so load on the machine hits all alike), median wall and CPU time per profile.

    bench/seccomp-cost.py [-n ROUNDS] NAME=FILE... [none]

FILE is a config.json (its linux.seccomp is taken; a berth container's is under
DATA_ROOT/containers/ID/config.json) or a bare seccomp section; `none` runs without a filter.
CPU time is user+sys of runc and the children it reaped (runc init compiles the filter), from wait4.
Needs root, runc and busybox-static."""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

parser = argparse.ArgumentParser()
parser.add_argument("-n", type=int, default=40, help="rounds (default 40)")
parser.add_argument("profiles", nargs="+", help="NAME=FILE, or none")
options = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix="berth-seccomp-cost-")
try:
    bundle = os.path.join(work, "bundle")
    subprocess.run([os.path.join(here, "busybox-rootfs.sh"), os.path.join(bundle, "rootfs")], check=True)
    subprocess.run(["runc", "spec", "--bundle", bundle], check=True)
    base = json.load(open(os.path.join(bundle, "config.json")))
    base["process"].update(terminal=False, args=["true"])
    # Docker's default capabilities, as berth gives a container
    caps = ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID",
            "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"]
    base["process"]["capabilities"] = {"bounding": caps, "effective": caps, "permitted": caps}
    configs = {}
    for spec in options.profiles:
        name, _, path = spec.partition("=")
        config = json.loads(json.dumps(base))
        if name == "none":
            config["linux"].pop("seccomp", None)
        else:
            loaded = json.load(open(path))
            config["linux"]["seccomp"] = loaded.get("linux", {}).get("seccomp", loaded) if "linux" in loaded else loaded
        configs[name] = os.path.join(work, name + ".json")
        json.dump(config, open(configs[name], "w"))

    wall = {name: [] for name in configs}
    cpu = {name: [] for name in configs}
    for _ in range(options.n):
        for name, path in configs.items():
            shutil.copy(path, os.path.join(bundle, "config.json"))
            start = time.perf_counter()
            p = subprocess.Popen(["runc", "--root", os.path.join(work, "state"), "run", "--bundle", bundle, f"seccomp-cost-{os.getpid()}"],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            wall[name].append((time.perf_counter() - start) * 1000)
            cpu[name].append((usage.ru_utime + usage.ru_stime) * 1000)
            if status != 0:
                sys.exit(f"seccomp-cost: runc run failed under {name}")
    for name in configs:
        print(f"{name}: wall median {statistics.median(wall[name]):.1f} ms, CPU median {statistics.median(cpu[name]):.1f} ms ({options.n} runs)")
finally:
    shutil.rmtree(work, ignore_errors=True)
