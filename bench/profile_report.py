#!/usr/bin/env python3
"""Turns bench/profile.sh's kernel trace into a phase breakdown of `docker run --rm busybox true`
on berthd.

    profile_report.py TRACE BERTHD_PID [--runs]

TRACE is an ftrace instance's `trace` file (trace_clock mono, record-tgid on) holding
sched_process_fork/exec/exit, the mount/umount/fsync/fdatasync syscall events, and marker lines
written by profile.sh ("cli start", "cli exit") and by apiproxy.py ("api c3 > POST /...").
Only tasks descending from BERTHD_PID count (other engines may be running on the machine).
Each run is the window between a "cli start" and the next "cli exit". The table shows the median
(and min/max) of each phase over the runs, in ms.
"""
import re
import statistics
import sys
from collections import defaultdict

LINE = re.compile(r"^\s*(?P<comm>.*?)-(?P<pid>\d+)\s+\(\s*(?P<tgid>[\d-]+)\)\s+\[\d+\]\s+\S+\s+"
                  r"(?P<ts>\d+\.\d+): (?P<body>.*)$")
EVENT = re.compile(r"^(\w+): (.*)$")
SYS_ENTER = re.compile(r"^sys_(\w+)\(")
SYS_EXIT = re.compile(r"^sys_(\w+) -> ")
KV = re.compile(r"(\w+)=(\S+)")


def parse(path, root):
    ours = {root}
    procs = defaultdict(lambda: {"fork": None, "parent": None, "execs": [], "exit": None})
    marks, sysc, open_sys = [], [], {}
    for line in open(path, errors="replace"):
        m = LINE.match(line)
        if not m:
            continue
        pid = int(m["pid"])
        tgid = int(m["tgid"]) if m["tgid"].isdigit() else pid
        t, body = float(m["ts"]), m["body"]
        e, se, sx = EVENT.match(body), SYS_ENTER.match(body), SYS_EXIT.match(body)
        ev, rest = (e[1], e[2]) if e else ("sys_enter_" + se[1], body) if se else ("sys_exit_" + sx[1], body) if sx else ("", body)
        if ev == "tracing_mark_write":
            marks.append((t, rest.strip()))
            continue
        mine = pid in ours or tgid in ours
        if ev == "sched_process_fork":
            kv = dict(KV.findall(rest))
            if mine:
                child = int(kv["child_pid"])
                ours.add(child)
                procs[child]["fork"] = t
                procs[child]["parent"] = tgid
        elif not mine:
            continue
        elif ev == "sched_process_exec":
            kv = dict(KV.findall(rest))
            procs[pid]["execs"].append((t, kv["filename"]))
        elif ev == "sched_process_exit":
            # a process ends when its last thread goes (group_dead), which need not be its main thread
            if "group_dead=true" in rest or "group_dead" not in rest:
                procs[tgid]["exit"] = t
        elif ev.startswith("sys_enter_"):
            open_sys[(pid, ev[10:])] = t
        elif ev.startswith("sys_exit_"):
            start = open_sys.pop((pid, ev[9:]), None)
            if start is not None:
                sysc.append((start, ev[9:], t - start, "berthd" if tgid == root else "child"))
    return procs, marks, sysc


def image(pid, procs):
    """The program a process runs: its last exec, else its nearest ancestor's (fork without exec)."""
    seen = 0
    while pid in procs and seen < 64:
        p = procs[pid]
        if p["execs"]:
            f = p["execs"][-1][1]
            return "runc-init" if procs[pid]["execs"][0][1] == "/proc/self/exe" else f.rsplit("/", 1)[-1]
        pid, seen = p["parent"], seen + 1
    return ""


def label(pid, procs):
    p = procs[pid]
    if not p["execs"]:
        return None
    me, parent = image(pid, procs), image(p["parent"], procs) if p["parent"] else ""
    if me == "runc":
        if parent == "conmon":
            return "runc create"
        return "runc start"  # or delete: analyse() tells them apart by order
    if me == "runc-init":
        return "runc init"
    if p["execs"][-1][1].startswith("/usr/lib/cni/"):
        return "cni " + me
    return me


def windows(marks):
    runs, cur = [], None
    for t, text in marks:
        if text == "cli start":
            cur = {"lo": t, "api": []}
        elif text == "cli exit" and cur:
            cur["hi"] = t
            runs.append(cur)
            cur = None
        elif cur is not None and text.startswith("api "):
            parts = text[4:].split(" ", 2)
            if len(parts) == 3:
                cur["api"].append((t, parts[0], parts[1], parts[2]))
    return runs


def api_calls(run):
    calls, kind_of = {}, {}
    for t, conn, d, rest in run["api"]:
        if d == ">":
            path = rest.split(" ", 1)[1] if " " in rest else rest
            kind = ("ping" if "/_ping" in path else "create" if "/containers/create" in path
                    else "attach" if "/attach" in path else "wait" if "/wait" in path else "start" if "/start" in path else path)
            kind_of[conn] = kind
            calls.setdefault(kind, {})["req"] = t
        elif conn in kind_of:
            c = calls.setdefault(kind_of[conn], {})
            if d == "<":
                c.setdefault("res", t)
            elif d == "~" and rest.startswith("<"):
                c["body"] = t
            elif d == "x":
                c.setdefault("closed", t)
    return calls


def analyse(run, procs, sysc):
    lo, hi = run["lo"], run["hi"]
    api = api_calls(run)
    ms = lambda a, b: (b - a) * 1000 if a is not None and b is not None else None
    s_req, s_res = api.get("start", {}).get("req"), api.get("start", {}).get("res")
    w = api.get("wait", {})
    wait_end = w.get("body") or w.get("closed")
    kids = []
    for pid, p in procs.items():
        t0 = p["fork"] if p["fork"] is not None else (p["execs"][0][0] if p["execs"] else None)
        if t0 is None or not (lo <= t0 <= hi) or not p["execs"]:
            continue
        kids.append((t0, pid, label(pid, procs), p))
    kids.sort()
    # runc run by berthd itself: forked before the container's process exec'd it is `runc start`
    # (berthd uses it only when runc's exec fifo is missing), after that `runc delete`
    first_true = min((k[3]["execs"][-1][0] for k in kids if k[2] == "true"), default=hi)
    for i, k in enumerate(kids):
        if k[2] in ("runc start", "runc delete"):
            kids[i] = k[:2] + ("runc start" if k[0] < first_true else "runc delete",) + k[3:]

    def find(lbl, after=lo, before=hi, nth=0):
        xs = [k for k in kids if k[2] == lbl and after <= k[0] <= before]
        return xs[nth] if len(xs) > nth else None

    ph = {}
    ph["CLI start-up until HEAD /_ping"] = ms(lo, api.get("ping", {}).get("req"))
    for k, name in (("ping", "HEAD /_ping"), ("create", "POST /containers/create")):
        ph[name] = ms(api.get(k, {}).get("req"), api.get(k, {}).get("res"))
    ph["CLI: create 201 -> start request (POST attach, POST wait?condition=removed)"] = ms(api.get("create", {}).get("res"), s_req)
    ph["POST start (request -> 204)"] = ms(s_req, s_res)
    conmon = find("conmon", s_req or lo)
    if conmon:
        ph["  request -> fork for conmon (first thing in start)"] = ms(s_req, conmon[0])
        execs = conmon[3]["execs"]
        ph["  fork -> /usr/bin/conmon exec (posix_spawn)"] = ms(conmon[0], execs[-1][0])
    create = find("runc create", s_req or lo)
    if conmon and create:
        ph["  conmon exec -> runc create fork (conmon start-up; berthd mounts, writes config.json, then the start pipe)"] = ms(conmon[3]["execs"][-1][0], create[0])
    if create:
        ph["  runc create (fork -> exit; runc init inside)"] = ms(create[0], create[3]["exit"])
        after = [k for k in kids if create[3]["exit"] and k[0] > create[3]["exit"] and (k[2] == "runc start" or k[2].startswith("cni"))
                 and (s_res is None or k[0] <= s_res)]
        if after:
            ph["  runc create exit -> next fork (conmon reports pid; berthd reads it)"] = ms(create[3]["exit"], after[0][0])
    for lbl, name in (("cni loopback", "  CNI loopback ADD (fork -> exit)"),
                      ("cni bridge", "  CNI bridge ADD incl. host-local (fork -> exit)")):
        x = find(lbl, s_req or lo, s_res or hi)  # the pool's refill after the start is not on the path
        if x:
            ph[name] = ms(x[0], x[3]["exit"])
    lo_add, br_add = find("cni loopback", s_req or lo, s_res or hi), find("cni bridge", s_req or lo, s_res or hi)
    if lo_add and br_add and lo_add[3]["exit"]:
        ph["  loopback exit -> bridge fork"] = ms(lo_add[3]["exit"], br_add[0])
    rstart = find("runc start", s_req or lo)
    if br_add and rstart and br_add[3]["exit"]:
        ph["  CNI ADD exit -> runc start fork (hosts file, attach connect)"] = ms(br_add[3]["exit"], rstart[0])
    if rstart:
        ph["  runc start (fork -> exit)"] = ms(rstart[0], rstart[3]["exit"])
        ph["  runc start exit -> 204 (state save, events)"] = ms(rstart[3]["exit"], s_res)
    true = find("true", s_req or lo)
    if true and rstart:
        ph["container: runc start fork -> /bin/true exec"] = ms(rstart[0], true[3]["execs"][-1][0])
    elif true and create and create[3]["exit"]:
        ph["  runc create exit -> /bin/true exec (pid report, attach, exec fifo)"] = ms(create[3]["exit"], true[3]["execs"][-1][0])
        ph["  /bin/true exec -> 204 (state save, events)"] = ms(true[3]["execs"][-1][0], s_res)
    if true:
        ph["container: /bin/true exec -> exit"] = ms(true[3]["execs"][-1][0], true[3]["exit"])
    ph["start 204 -> wait body (exit, clean-up, auto-remove)"] = ms(s_res, wait_end)
    dels = [k for k in kids if k[2] == "runc delete"]
    if true and true[3]["exit"] and dels:
        ph["  container exit -> first runc delete fork (conmon exit file, inotify, handleExit)"] = ms(true[3]["exit"], dels[0][0])
    for i, k in enumerate(dels):
        ph[f"  runc delete #{i + 1} (fork -> exit)"] = ms(k[0], k[3]["exit"])
    bdel = find("cni bridge", true[3]["exit"]) if true and true[3]["exit"] else None  # the release, after the wait body
    if bdel:
        ph["  CNI bridge DEL incl. host-local (fork -> exit)"] = ms(bdel[0], bdel[3]["exit"])
    if dels and bdel:
        ph["  runc delete #1 exit -> CNI DEL fork"] = ms(dels[0][3]["exit"], bdel[0])
        if len(dels) > 1:
            ph["  CNI DEL exit -> runc delete #2 fork (umount? state)"] = ms(bdel[3]["exit"], dels[1][0])
    tail = [k for k in kids if true and true[3]["exit"] and k[0] >= true[3]["exit"] and k[3]["exit"]
            and (wait_end is None or k[3]["exit"] <= wait_end)]
    if tail and wait_end:
        ph["  last child exit -> wait body (umount, rm -rf, SQLite, events)"] = ms(max(k[3]["exit"] for k in tail), wait_end)
    ph["wait body -> CLI exit"] = ms(wait_end, hi)
    ph["TOTAL (CLI start -> CLI exit)"] = ms(lo, hi)

    ins = [s for s in sysc if lo <= s[0] <= hi]
    for name in ("mount", "umount", "fsync", "fdatasync"):
        for who in ("berthd", "child"):
            xs = [s for s in ins if s[1] == name and s[3] == who]
            if xs:
                w = "berthd" if who == "berthd" else "its children"
                ph[f"syscalls: {name} by {w}, total ms"] = sum(s[2] for s in xs) * 1000
                ph[f"syscalls: {name} by {w}, count"] = float(len(xs))
    spawns = [k for k in kids if k[3]["execs"][0][1].endswith("jspawnhelper") and len(k[3]["execs"]) > 1]
    if spawns:
        ph["JVM process spawns: fork -> jspawnhelper -> target exec, total ms"] = sum(ms(k[0], k[3]["execs"][-1][0]) for k in spawns)
        ph["JVM process spawns: count"] = float(len(spawns))
    ph["processes forked by berthd's tree"] = float(len(kids))
    return ph


def main():
    procs, marks, sysc = parse(sys.argv[1], int(sys.argv[2]))
    runs = windows(marks)
    per_run = [analyse(r, procs, sysc) for r in runs]
    keys = []
    for ph in per_run:
        keys += [k for k in ph if k not in keys]
    print(f"| phase (median of {len(per_run)} runs) | ms | min | max |")
    print("| --- | ---: | ---: | ---: |")
    for k in keys:
        vals = [ph[k] for ph in per_run if ph.get(k) is not None]
        if vals:
            print(f"| {k} | {statistics.median(vals):.1f} | {min(vals):.1f} | {max(vals):.1f} |")
    if "--runs" in sys.argv:
        for i, ph in enumerate(per_run):
            print(f"\nrun {i + 1}:")
            for k, v in ph.items():
                print(f"  {k}: {'n/a' if v is None else f'{v:.1f}'}")


if __name__ == "__main__":
    main()
