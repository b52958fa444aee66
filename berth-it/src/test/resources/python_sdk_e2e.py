"""The Python docker SDK (docker-py) against the berthd in DOCKER_HOST, run by PythonSdkEndToEndTest.

Each check prints "ok: <name>" when it passes; the first mismatch prints "FAILED: <name>: <why>"
and the script exits 1. Everything it makes carries the label below and is removed at the end.
"""
import sys
import time

import docker

LABEL = {"dev.berth.it": "python-sdk"}
client = docker.from_env(timeout=60)
made = []


def check(name, condition, detail=""):
    if not condition:
        print("FAILED: %s: %s" % (name, detail), flush=True)
        raise SystemExit(1)
    print("ok: " + name, flush=True)


def api_error(call):
    """The APIError a call raises, or None when it raises nothing."""
    try:
        call()
    except docker.errors.APIError as e:
        return e
    return None


def run(*cmd, **kwargs):
    c = client.containers.run("busybox", list(cmd), detach=True, labels=LABEL, **kwargs)
    made.append(c)
    return c


def main():
    print("docker-py " + docker.__version__, flush=True)
    check("ping", client.ping() is True)
    version = client.version()
    check("version", version["Version"] == "25.0.0" and version["ApiVersion"] == "1.44", version)
    check("version lists berth", any(c["Name"] == "berth" for c in version["Components"]), version["Components"])
    info = client.info()
    check("info", info["ServerVersion"] == "25.0.0" and info["Swarm"]["LocalNodeState"] == "inactive", info["ServerVersion"])

    box = run("sleep", "300")
    plain = box.exec_run(["sh", "-c", "echo out; echo err >&2; exit 3"], demux=True)
    check("exec_run tty=False", plain.exit_code == 3 and plain.output == (b"out\n", b"err\n"), plain)
    tty = box.exec_run(["sh", "-c", "echo out; echo err >&2"], tty=True)
    check("exec_run tty=True", tty.exit_code == 0 and tty.output == b"out\r\nerr\r\n", tty)
    # created with a TTY, started without one: the start decides, so the SDK reads frames
    exec_id = client.api.exec_create(box.id, ["echo", "framed"], tty=True)["Id"]
    framed = client.api.exec_start(exec_id, tty=False)
    check("exec started without the create's tty", framed == b"framed\r\n", framed)

    talker = run("sh", "-c", "echo one; echo two >&2")
    check("wait", talker.wait(timeout=30)["StatusCode"] == 0)
    check("logs", talker.logs(stdout=True, stderr=False) == b"one\n" and talker.logs(stdout=False, stderr=True) == b"two\n",
          talker.logs())

    try:
        client.images.load(b"garbage")
        check("load of garbage raises", False, "no error")
    except docker.errors.ImageLoadError as e:
        check("load of garbage raises", "invalid archive" in str(e), e)

    swarm = client.swarm  # the SDK inspects the swarm here and tolerates 503 only
    check("swarm tolerated", swarm.attrs == {}, swarm.attrs)
    services = api_error(lambda: client.services.list())
    check("services 503", services is not None and services.response.status_code == 503
          and "not a swarm manager" in services.explanation, services)
    nodes = api_error(lambda: client.nodes.list())
    check("nodes 503", nodes is not None and nodes.response.status_code == 503, nodes)

    pruned = client.api.prune_builds()
    check("prune_builds", pruned == {"CachesDeleted": None, "SpaceReclaimed": 0}, pruned)

    exited = run("true")
    exited.wait(timeout=30)
    report = client.containers.prune(filters={"label": "dev.berth.it=python-sdk"})
    check("containers prune", exited.id in (report["ContainersDeleted"] or []), report)
    made.remove(exited)

    victim = run("sleep", "300")
    victim.kill()
    victim.remove()  # right after a SIGKILL kill: dockerd's kill returns once the container is dead
    made.remove(victim)
    check("kill then remove", victim.id not in [c.id for c in client.containers.list(all=True)])

    volumes(client)


def volumes(client):
    """Issue 11: the SDK's volume calls and the mounts of containers.run."""
    vol = client.volumes.create(name="py-vol", labels=LABEL)
    check("volume create", vol.name == "py-vol" and vol.attrs["Driver"] == "local" and vol.attrs["Labels"] == LABEL, vol.attrs)
    check("volume get", client.volumes.get("py-vol").attrs["Mountpoint"].endswith("/volumes/py-vol/_data"))
    check("volume list filter", [v.name for v in client.volumes.list(filters={"label": "dev.berth.it=python-sdk"})] == ["py-vol"])
    client.containers.run("busybox", ["sh", "-c", "echo py > /v/f"], volumes={"py-vol": {"bind": "/v", "mode": "rw"}},
                                remove=True, labels=LABEL)
    got = client.containers.run("busybox", ["cat", "/v/f"], mounts=[docker.types.Mount("/v", "py-vol", read_only=True)],
                                remove=True, labels=LABEL)
    check("data through a volume", got == b"py\n", got)
    user = run("sleep", "300", volumes=["py-vol:/v"])
    in_use = api_error(lambda: vol.remove())
    check("volume in use", in_use is not None and in_use.response.status_code == 409 and "volume is in use" in str(in_use), in_use)
    user.remove(force=True)
    made.remove(user)
    vol.remove()
    check("volume removed", api_error(lambda: client.volumes.get("py-vol")) is not None)
    anon = run("true", volumes=["/anon"])
    anon.wait(timeout=30)
    anon.reload()
    name = anon.attrs["Mounts"][0]["Name"] if anon.attrs["Mounts"] else None
    anon.remove(v=True)
    made.remove(anon)
    check("rm v takes the anonymous volume", name is not None and api_error(lambda: client.volumes.get(name)) is not None, name)
    pruned = client.volumes.prune(filters={"label": "dev.berth.it=python-sdk"})
    check("volumes prune", "SpaceReclaimed" in pruned, pruned)


try:
    main()
finally:
    for c in made:
        try:
            c.remove(force=True)
        except docker.errors.NotFound:
            pass
print("all checks passed", flush=True)
