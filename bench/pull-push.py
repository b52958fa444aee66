#!/usr/bin/env python3
"""Push, pull, save and load of a ~100 MB image of several layers through a loopback registry
(Debian's docker-registry), berthd and dockerd side by side, against a plain cp of the same bytes.

    bench/pull-push.py [-n ROUNDS] [--layers N] [--layer-mib N] [--berth CHECKOUT] [--no-dockerd]

The image: busybox plus --layers layers of --layer-mib MiB of random (incompressible) data each,
built in the temporary berthd with `docker run` + `docker commit` per layer, saved, and loaded into
dockerd, so both engines hold the same image (the image IDs are checked).

Each round starts a fresh docker-registry (new root, new loopback port, so no engine can mount or
skip a blob it met in an earlier round) and, for each engine in turn (the first engine alternates
between rounds), times with the wall clock of the docker CLI command:
  push  - the image tagged into a new repository of the registry;
  pull  - after `rmi` of all its tags and `image prune` (its layers gone), pulled back;
  save  - `save -o` to a file on the same disk as the data roots;
  load  - after `rmi` and prune again, `load -i` of that file.
The baseline is `cp` of the saved tar (the same bytes) to a new file on the same disk followed by
`sync`. Every timed step comes after an untimed sync, so write-back of the previous step does not
land on the next one. The push and pull output is checked: every layer of the image but the shared
busybox one must be "Pushed" and "Pull complete".

A temp berthd (from --berth, default this checkout) runs on a data root under /var/tmp. dockerd:
the one on /var/run/docker.sock; when it is installed but not running, bench/install-dockerd.sh
starts it and it is stopped again at the end. Everything made here is removed at the end: the
build containers, the image in both engines, the registry and its root, temp files, the berthd.
Prints a markdown table on stdout. Needs root, docker-registry and a built berth checkout."""
import argparse, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("-n", type=int, default=3, help="rounds (default 3)")
parser.add_argument("--layers", type=int, default=4, help="random-data layers on top of busybox (default 4)")
parser.add_argument("--layer-mib", type=int, default=25, help="MiB per layer (default 25)")
parser.add_argument("--berth", default=None, help="berth checkout whose bin/berthd to run (default: this one)")
parser.add_argument("--no-dockerd", action="store_true", help="berth column only")
options = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from benchlib import REPO, docker, dockerd_host, start_berthd  # noqa: E402

work = tempfile.mkdtemp(prefix="berth-pull-push-", dir="/var/tmp")
name = f"berth-pullbench-{os.getpid()}:latest"
label = f"berth.bench={os.getpid()}"
refs = {}          # engine -> image references made here, removed at the end
containers = []    # (host, id) of the build containers
registry = None
berthd = None
started_dockerd = False


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def cli(host, *args):
    r = docker(host, *args, check=False)
    if r.returncode != 0:
        raise SystemExit(f"pull-push: docker {' '.join(args)} against {host} failed: {r.stderr.strip()}")
    return r.stdout


def timed(host, *args):
    """(seconds, stdout) of one docker CLI command, after an untimed sync."""
    subprocess.run(["sync"], check=True)
    start = time.perf_counter()
    out = cli(host, *args)
    return time.perf_counter() - start, out


def image_id(host, ref):
    return cli(host, "image", "inspect", "-f", "{{.Id}}", ref).strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_registry(round_no):
    root = os.path.join(work, f"registry-{round_no}")
    os.makedirs(root)
    addr = f"127.0.0.1:{free_port()}"
    config = os.path.join(root, "config.yml")
    with open(config, "w") as f:
        f.write(f"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {root}/data\n"
                f"http:\n  addr: {addr}\n")
    out = open(os.path.join(root, "registry.log"), "w")
    p = subprocess.Popen(["docker-registry", "serve", config], stdout=out, stderr=out)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://{addr}/v2/", timeout=1).close()
            return p, addr, root
        except OSError:
            time.sleep(0.1)
    p.kill()
    raise SystemExit(f"pull-push: docker-registry did not start; see {out.name}")


def stop_registry(p, root):
    p.terminate()
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    subprocess.run(["rm", "-rf", "--one-file-system", root])


def remove_image(host, *tags):
    """rmi of the tags (the image and its own layers), then a prune of anything left dangling."""
    cli(host, "rmi", *tags)
    cli(host, "image", "prune", "-f")
    r = docker(host, "image", "inspect", name, check=False)
    if r.returncode == 0:
        raise SystemExit(f"pull-push: {name} still present on {host} after rmi")


def count(out, word):
    return sum(1 for line in out.splitlines() if line.rstrip().endswith(word))


try:
    berthd, berth = start_berthd(work, "pull-push", options.berth or REPO)
    engines = {"berth": berth}
    if not options.no_dockerd:
        if dockerd_host() is None and shutil.which("dockerd"):
            subprocess.run([os.path.join(here, "install-dockerd.sh")], check=True, stdout=sys.stderr)
            started_dockerd = True
        if dockerd_host():
            engines["dockerd"] = dockerd_host()
    refs = {e: set() for e in engines}

    # the image, built in berthd: one commit per layer of random data
    log(f"pull-push: building {name}: busybox + {options.layers} x {options.layer_mib} MiB")
    base = "busybox:latest"
    for i in range(options.layers):
        cid = cli(berth, "create", "--label", label, base, "dd", "if=/dev/urandom", f"of=/data{i}", "bs=1M",
                  f"count={options.layer_mib}").strip()
        containers.append((berth, cid))
        cli(berth, "start", "-a", cid)
        step = f"berth-pullbench-{os.getpid()}:step{i}"
        cli(berth, "commit", "-c", 'CMD ["sh"]', cid, step)
        refs["berth"].add(step)
        cli(berth, "rm", cid)
        containers.remove((berth, cid))
        base = step
    cli(berth, "tag", base, name)
    refs["berth"].add(name)
    for i in range(options.layers):
        cli(berth, "rmi", f"berth-pullbench-{os.getpid()}:step{i}")
        refs["berth"].discard(f"berth-pullbench-{os.getpid()}:step{i}")
    want = image_id(berth, name)
    tar = os.path.join(work, "image.tar")
    cli(berth, "save", "-o", tar, name)
    size = os.path.getsize(tar)
    layers = len(cli(berth, "image", "inspect", "-f", "{{range .RootFS.Layers}}{{println .}}{{end}}", name).split())
    if "dockerd" in engines:
        refs["dockerd"].add(name)
        cli(engines["dockerd"], "load", "-i", tar)
        got = image_id(engines["dockerd"], name)
        if got != want:
            raise SystemExit(f"pull-push: dockerd loaded {got}, berth has {want}")
    os.unlink(tar)
    log(f"pull-push: image {want[:19]}, {layers} layers, saved tar {size / 2**20:.1f} MiB; engines: {', '.join(engines)}")

    ops = ["push", "pull", "save", "load"]
    samples = {(op, e): [] for op in ops for e in engines}
    cp_samples = []
    for round_no in range(options.n):
        registry, reg, reg_root = start_registry(round_no)
        order = list(engines)
        if round_no % 2:
            order.reverse()
        repo = {e: f"{reg}/bench-{e}-{os.getpid()}-r{round_no}:latest" for e in engines}
        for e in order:
            h = engines[e]
            cli(h, "tag", name, repo[e])
            refs[e].add(repo[e])
            s, out = timed(h, "push", repo[e])
            if count(out, "Pushed") < options.layers:
                raise SystemExit(f"pull-push: {e} pushed {count(out, 'Pushed')} layers of {layers}:\n{out}")
            samples[("push", e)].append(s)
        for e in order:
            h = engines[e]
            remove_image(h, repo[e], name)
            s, out = timed(h, "pull", repo[e])
            if count(out, "Pull complete") < options.layers:
                raise SystemExit(f"pull-push: {e} pulled {count(out, 'Pull complete')} layers of {layers}:\n{out}")
            if image_id(h, repo[e]) != want:
                raise SystemExit(f"pull-push: {e} pulled {image_id(h, repo[e])}, want {want}")
            samples[("pull", e)].append(s)
            cli(h, "tag", repo[e], name)
            cli(h, "rmi", repo[e])
            refs[e].discard(repo[e])
        for e in order:
            s, _ = timed(engines[e], "save", "-o", os.path.join(work, f"{e}.tar"), name)
            samples[("save", e)].append(s)
        for e in order:
            h = engines[e]
            remove_image(h, name)
            s, _ = timed(h, "load", "-i", os.path.join(work, f"{e}.tar"))
            if image_id(h, name) != want:
                raise SystemExit(f"pull-push: {e} loaded {image_id(h, name)}, want {want}")
            samples[("load", e)].append(s)
        # the baseline: the same bytes copied on the same disk, written back
        src = os.path.join(work, f"{order[0]}.tar")
        subprocess.run(["sync"], check=True)
        start = time.perf_counter()
        subprocess.run(["sh", "-c", f"cp '{src}' '{work}/copy.tar' && sync"], check=True)
        cp_samples.append(time.perf_counter() - start)
        for f in [f"{e}.tar" for e in engines] + ["copy.tar"]:
            os.unlink(os.path.join(work, f))
        stop_registry(registry, reg_root)
        registry = None
        log(f"pull-push: round {round_no + 1}/{options.n}: " + ", ".join(
            f"{op} " + "/".join(f"{samples[(op, e)][-1]:.2f}" for e in engines) for op in ops) + f", cp {cp_samples[-1]:.2f}")

    cp = statistics.median(cp_samples)
    print(f"{layers}-layer image, {size / 2**20:.1f} MiB saved tar ({options.layers} x {options.layer_mib} MiB random "
          f"data on busybox); medians of {options.n} rounds, seconds; cp = `cp` of the saved tar + `sync`: "
          f"{cp:.2f} s (samples {', '.join(f'{x:.2f}' for x in cp_samples)})")
    print()
    print("| operation | berth s | dockerd s | ratio (berth/dockerd) | berth vs cp | dockerd vs cp |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for op in ops:
        b = statistics.median(samples[(op, "berth")])
        d = statistics.median(samples[(op, "dockerd")]) if "dockerd" in engines else None
        print(f"| {op} | {b:.2f} | {'-' if d is None else f'{d:.2f}'} | {'-' if d is None else f'{b / d:.2f}'} "
              f"| {b / cp:.2f} | {'-' if d is None else f'{d / cp:.2f}'} |")
    print()
    for op in ops:
        print(f"- {op} samples: " + "; ".join(f"{e} " + ", ".join(f"{x:.2f}" for x in samples[(op, e)]) for e in engines))
finally:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if registry is not None:
        registry.terminate()
        registry.wait()
    for h, cid in containers:
        docker(h, "rm", "-f", cid, check=False)
    for e, rs in refs.items():
        h = engines[e]
        for r in rs:
            docker(h, "rmi", "-f", r, check=False)
        docker(h, "image", "prune", "-f", check=False)
    if berthd is not None:
        berthd.terminate()
        try:
            berthd.wait(20)
        except subprocess.TimeoutExpired:
            berthd.kill()
    if started_dockerd and os.path.exists("/var/run/docker.pid"):
        pid = int(open("/var/run/docker.pid").read().strip())
        os.kill(pid, signal.SIGTERM)
        for _ in range(300):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
    subprocess.run(["rm", "-rf", "--one-file-system", work])
