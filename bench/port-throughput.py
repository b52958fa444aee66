#!/usr/bin/env python3
"""HTTP requests per second through a published port, against the container's address directly
(the ceiling), for berthd and, when it answers on /var/run/docker.sock, dockerd side by side; and
the cost of publishing a port on `run --rm`.

    bench/port-throughput.py [-n ROUNDS] [--requests N] [--concurrency C] [--runs N]

Per engine, one busybox httpd container serving a 13-byte page, published with -p PORT:80. Each
round runs `ab -n N -c C` (a new TCP connection per request: busybox httpd has no keep-alive, so
every request also sets up a NAT'd connection) against every (engine, target) pair in turn,
starting at another pair each round:
  direct - the container's address on its bridge
  lo     - 127.0.0.1:PORT (berthd: kernel DNAT; dockerd 20.10: its docker-proxy)
  host   - the host's own non-loopback address:PORT (both: kernel DNAT)
The table gives the median requests/s and the ratio to direct. Then --runs alternating samples of
`run --rm busybox true` and `run --rm -p PORT:80 busybox true` per engine, medians in ms.
A temp berthd is started under /var/tmp and removed at the end, with the containers made here.
Needs root, ab (apache2-utils), busybox-static and a built checkout."""
import argparse, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time

parser = argparse.ArgumentParser()
parser.add_argument("-n", type=int, default=5, help="rounds (default 5)")
parser.add_argument("--requests", type=int, default=20000, help="requests per ab run (default 20000)")
parser.add_argument("--concurrency", type=int, default=16, help="ab concurrency (default 16)")
parser.add_argument("--runs", type=int, default=15, help="run --rm samples per engine and variant (default 15)")
options = parser.parse_args()

if not shutil.which("ab"):
    sys.exit("port-throughput: ab not found (apt-get install apache2-utils)")
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from benchlib import docker, dockerd_host, start_berthd  # noqa: E402
repo = os.path.dirname(here)
work = tempfile.mkdtemp(prefix="berth-ports-", dir="/var/tmp")
HTTPD = "mkdir -p /www && echo hello-bench > /www/index.html && exec httpd -f -p 80 -h /www"


def free_port():
    with socket.socket() as s:
        s.bind(("0.0.0.0", 0))
        return s.getsockname()[1]


def host_address():
    out = subprocess.run(["ip", "-4", "-o", "addr", "show", "scope", "global"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        dev, addr = line.split()[1], line.split()[3].split("/")[0]
        if not dev.startswith(("berth", "docker", "br-", "veth")):
            return addr
    sys.exit("port-throughput: no non-loopback IPv4 address")


def ab(url):
    r = subprocess.run(["ab", "-q", "-n", str(options.requests), "-c", str(options.concurrency), url],
                       capture_output=True, text=True)
    m = re.search(r"Requests per second:\s+([\d.]+)", r.stdout)
    failed = re.search(r"Failed requests:\s+(\d+)", r.stdout)
    if not m or (failed and int(failed.group(1)) > 0):
        sys.exit(f"port-throughput: ab against {url} failed:\n{r.stdout}{r.stderr}")
    return float(m.group(1))


def wait_http(url):
    for _ in range(100):
        if subprocess.run(["busybox", "wget", "-q", "-O", "/dev/null", url], capture_output=True).returncode == 0:
            return
        time.sleep(0.1)
    sys.exit("port-throughput: no answer from " + url)


def timed(host, *args):
    t = time.perf_counter()
    docker(host, *args)
    return (time.perf_counter() - t) * 1000


berthd, berth_host = start_berthd(work, "port-throughput")
engines = {"berth": berth_host}
d = dockerd_host()
if d:
    engines["dockerd"] = d
me = host_address()
containers = {}
try:
    urls = {}
    for name, host in engines.items():
        port = free_port()
        cid = docker(host, "run", "-d", "--label", "berth.bench.ports=1", "-p", f"{port}:80", "busybox", "sh", "-c", HTTPD).stdout.strip()
        containers[name] = (host, cid)
        ip = docker(host, "inspect", "-f", "{{.NetworkSettings.IPAddress}}", cid).stdout.strip()
        urls[name] = {"direct": f"http://{ip}:80/", "lo": f"http://127.0.0.1:{port}/", "host": f"http://{me}:{port}/"}
        for u in urls[name].values():
            wait_http(u)
    pairs = [(e, t) for e in engines for t in ("direct", "lo", "host")]
    samples = {p: [] for p in pairs}
    for r in range(options.n):
        for i in range(len(pairs)):
            e, t = pairs[(i + r) % len(pairs)]
            samples[(e, t)].append(ab(urls[e][t]))
    print(f"ab -n {options.requests} -c {options.concurrency}, median of {options.n} rounds, requests/s (ratio to direct)")
    print("| target | " + " | ".join(engines) + " |")
    print("| --- |" + " ---: |" * len(engines))
    for t in ("direct", "lo", "host"):
        cells = []
        for e in engines:
            v = statistics.median(samples[(e, t)])
            cells.append(f"{v:.0f} ({v / statistics.median(samples[(e, 'direct')]):.2f})")
        print(f"| {t} | " + " | ".join(cells) + " |")

    print(f"\nrun --rm latency, median of {options.runs} alternating samples (ms)")
    print("| engine | run --rm busybox true | run --rm -p PORT:80 busybox true | difference |")
    print("| --- | ---: | ---: | ---: |")
    for name, host in engines.items():
        for _ in range(3):
            timed(host, "run", "--rm", "busybox", "true")
            timed(host, "run", "--rm", "-p", f"{free_port()}:80", "busybox", "true")
        plain, published = [], []
        for _ in range(options.runs):
            plain.append(timed(host, "run", "--rm", "busybox", "true"))
            published.append(timed(host, "run", "--rm", "-p", f"{free_port()}:80", "busybox", "true"))
        a, b = statistics.median(plain), statistics.median(published)
        print(f"| {name} | {a:.1f} | {b:.1f} | {b - a:+.1f} |")
finally:
    for host, cid in containers.values():
        docker(host, "rm", "-f", cid, check=False)
    berthd.terminate()
    berthd.wait(30)
    subprocess.run(["rm", "-rf", "--one-file-system", work])
