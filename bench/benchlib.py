"""What the Python benches share: a temporary berthd, the machine's dockerd if it answers, and the
docker CLI pointed at either."""
import os
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCKERD = "unix:///var/run/docker.sock"


def docker(host, *args, check=True):
    """The docker CLI against the daemon at host (a DOCKER_HOST value)."""
    env = dict(os.environ, DOCKER_HOST=host)
    return subprocess.run(["docker", *args], env=env, check=check, capture_output=True, text=True)


def start_berthd(work, who, repo=REPO):
    """A berthd from the checkout repo (default: this one) on a data root, exec root and socket under
    work; (process, host)."""
    sock = os.path.join(work, "berth.sock")
    log = open(os.path.join(work, "berthd.log"), "w")
    p = subprocess.Popen(["setsid", os.path.join(repo, "bin/berthd"), "--data-root", os.path.join(work, "data"),
                          "--exec-root", os.path.join(work, "exec"), "-H", "unix://" + sock], stdout=log, stderr=log)
    for _ in range(150):
        if os.path.exists(sock):
            return p, "unix://" + sock
        time.sleep(0.1)
    sys.exit(who + ": berthd did not start; see " + log.name)


def stop_berthd(p):
    p.terminate()
    try:
        p.wait(20)
    except subprocess.TimeoutExpired:
        p.kill()


def dockerd_host():
    """The machine's dockerd when it answers on its default socket, else None."""
    if not os.path.exists("/var/run/docker.sock"):
        return None
    r = subprocess.run(["docker", "-H", DOCKERD, "version", "--format", "{{.Server.Version}}"], capture_output=True, text=True)
    return DOCKERD if r.returncode == 0 else None
