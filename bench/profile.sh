#!/usr/bin/env bash
# Where does berthd's `docker run --rm busybox true` time go?
#
#   bench/profile.sh [-k RUNS] [-w WARMUP] [-o DIR]
#
# Starts a berthd from this checkout on temporary roots, puts bench/apiproxy.py (a logging
# unix-socket proxy) between the docker CLI and it, and records a kernel trace (an ftrace instance
# of its own: process fork/exec/exit, mount/umount/fsync/fdatasync syscalls) while the command
# runs RUNS times through the proxy. The proxy and this script write their events into the same
# trace (trace_marker), so API calls, every process berthd spawns (conmon, runc create/start/
# delete, CNI plugins) and the syscalls share one clock. bench/profile_report.py turns that into
# a phase table: median ms over the runs.
# ftrace costs next to nothing (strace -f, by contrast, stops every thread runc's Go runtime
# creates and inflated runc create by ~2x). Also prints the untraced latency with and without the
# proxy, `docker version` (the CLI's fixed cost) and bare `runc run` (the floor).
# Needs root, tracefs (mounted here if missing), python3, curl.
set -eu

here=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
K=10 W=10 out=""
while [ $# -gt 0 ]; do
  case $1 in
    -k) K=$2; shift 2 ;;
    -w) W=$2; shift 2 ;;
    -o) out=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "profile: unknown argument $1" >&2; exit 2 ;;
  esac
done
DOCKER=${DOCKER:-$(command -v docker || echo /usr/local/bin/docker)}
unset DOCKER_HOST DOCKER_CONTEXT
for t in python3 curl runc; do command -v "$t" >/dev/null || { echo "profile: needs $t" >&2; exit 1; }; done

tmp=$(mktemp -d /tmp/berth-profile-XXXXXX)
sock=$tmp/berth.sock proxy=$tmp/proxy.sock
berth_pid="" proxy_pid="" mounted_tracefs=0
tr=/sys/kernel/tracing
inst=$tr/instances/berth-profile-$$
log() { printf '%s profile: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() {
  set +e
  trap - EXIT INT TERM
  [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null
  if [ -d "$inst" ]; then
    echo 0 >"$inst/tracing_on"
    [ -n "$out" ] && mkdir -p "$out" && cp "$inst/trace" "$out/trace.txt"
    rmdir "$inst"
  fi
  [ "$mounted_tracefs" = 1 ] && umount "$tr"
  if [ -n "$berth_pid" ] && kill -0 "$berth_pid" 2>/dev/null; then
    ids=$("$DOCKER" -H "unix://$sock" ps -aq 2>/dev/null)
    [ -n "$ids" ] && "$DOCKER" -H "unix://$sock" rm -f $ids >/dev/null 2>&1
    kill "$berth_pid"
    for _ in $(seq 200); do kill -0 "$berth_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$berth_pid" 2>/dev/null
    wait "$berth_pid" 2>/dev/null
  fi
  awk -v t="$tmp" '$5 ~ "^"t {print $5}' /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m"; done
  if [ -n "$out" ]; then mkdir -p "$out"; cp "$tmp"/*.log "$tmp"/*.md "$out/" 2>/dev/null; fi
  rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -f "$tr/trace_marker" ]; then
  mount -t tracefs nodev "$tr" && mounted_tracefs=1
fi

log "starting berthd on $tmp"
"$here/bin/berthd" --data-root "$tmp/data" --exec-root "$tmp/run" -H "unix://$sock" >"$tmp/berthd.log" 2>&1 &
berth_pid=$!
for _ in $(seq 600); do curl -sf --unix-socket "$sock" http://d/_ping >/dev/null 2>&1 && break; sleep 0.1; done

dk() { "$DOCKER" -H "unix://$sock" "$@"; }
ms_of() { local s; s=$(date +%s%N); "$@" >/dev/null; echo $(( ($(date +%s%N) - s) / 1000 )); }
median() { sort -n | awk '{a[NR]=$1} END {printf "%.1f", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)/1000}'; }

log "warming up ($W runs)"
for _ in $(seq "$W"); do dk run --rm busybox true; done
log "untraced references ($K runs each)"
direct=$(for _ in $(seq "$K"); do ms_of dk run --rm busybox true; done | median)
version=$(for _ in $(seq "$K"); do ms_of dk version; done | median)

mkdir "$inst"
echo mono >"$inst/trace_clock"
echo 1 >"$inst/options/record-tgid"
echo 16384 >"$inst/buffer_size_kb"
for e in sched/sched_process_fork sched/sched_process_exec sched/sched_process_exit \
         syscalls/sys_enter_mount syscalls/sys_exit_mount syscalls/sys_enter_umount syscalls/sys_exit_umount \
         syscalls/sys_enter_fsync syscalls/sys_exit_fsync syscalls/sys_enter_fdatasync syscalls/sys_exit_fdatasync; do
  [ -f "$inst/events/$e/enable" ] && echo 1 >"$inst/events/$e/enable"
done
python3 "$here/bench/apiproxy.py" "$proxy" "$sock" "$tmp/api.log" "$inst/trace_marker" &
proxy_pid=$!
for _ in $(seq 100); do [ -S "$proxy" ] && break; sleep 0.05; done

log "through the proxy, untraced ($K runs)"
proxied=$(for _ in $(seq "$K"); do ms_of "$DOCKER" -H "unix://$proxy" run --rm busybox true; done | median)
: >"$tmp/api.log"

log "traced: $K runs through the proxy"
echo 1 >"$inst/tracing_on"
for _ in $(seq "$K"); do
  echo "cli start" >"$inst/trace_marker"
  "$DOCKER" -H "unix://$proxy" run --rm busybox true
  echo "cli exit" >"$inst/trace_marker"
  sleep 0.3
done
echo 0 >"$inst/tracing_on"
cp "$inst/trace" "$tmp/trace.log"

log "floor: bare runc run of a busybox bundle"
fb=$tmp/floor
"$here/bench/busybox-rootfs.sh" "$fb/rootfs"
(cd "$fb" && runc spec)
sed -i 's/"terminal": true/"terminal": false/; s/^\(\s*\)"sh"$/\1"true"/' "$fb/config.json"
floor=$(for i in $(seq "$K"); do ms_of runc --root "$fb/state" run --bundle "$fb" "floor-$$-$i" </dev/null; done | median)

{
  echo "## berthd: where \`docker run --rm busybox true\` spends its time ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo
  python3 "$here/bench/profile_report.py" "$tmp/trace.log" "$berth_pid"
  echo
  echo "Untraced medians over $K runs: run --rm straight to berthd $direct ms, through the proxy $proxied ms;"
  echo "\`docker version\` (CLI start-up + one API call) $version ms; bare \`runc run\` of a busybox bundle $floor ms."
  echo "Load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs."
} | tee "$tmp/profile.md"
