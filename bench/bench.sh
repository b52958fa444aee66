#!/usr/bin/env bash
# berthd vs dockerd, side by side, through the same docker CLI.
#
#   bench/bench.sh [-n N] [-w W] [-g MS] [-c COUNT] [-p WIDTH] [--no-dockerd] [--restart-dockerd] [-o DIR]
#
#   -n N              samples for each latency (default 20)
#   -w W              warm-up runs before each latency series (default 20: berthd's JIT compiles
#                     its request paths during the first runs after a start)
#   -g MS             pause before each latency sample (default 0). Samples alternate between the
#                     engines, so with no pause each engine's clean-up after its sample (conmon and
#                     CNI teardown; containerd-shim, task delete, libnetwork) runs during the other
#                     engine's next sample; -g 300 lets the machine settle and measures each engine alone
#   -c COUNT          detached containers for the density test (default 50)
#   -p WIDTH          also start COUNT containers WIDTH-wide in parallel (default 5; 0 = skip)
#   --no-dockerd      berth column only
#   --restart-dockerd if dockerd is already running, stop it and start it by hand so its start time
#                     and idle memory are measured too (it is left running afterwards)
#   -o DIR            keep raw samples (microseconds, one per line) and berthd's log in DIR
#
# berthd: a fresh daemon from this checkout (bin/berthd; build with mvn -B -q verify -DskipTests)
# on temporary --data-root/--exec-root/socket, removed afterwards. dockerd: the one on
# /var/run/docker.sock; started by hand if installed (bench/install-dockerd.sh) but not running,
# and stopped again at the end in that case. Prints a markdown table on stdout; progress on stderr.
set -eu

here=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
N=20 W=20 GAP=0 C=50 PAR=5 use_dockerd=1 restart_dockerd=0 out=""
while [ $# -gt 0 ]; do
  case $1 in
    -n) N=$2; shift 2 ;;
    -w) W=$2; shift 2 ;;
    -g) GAP=$2; shift 2 ;;
    -c) C=$2; shift 2 ;;
    -p) PAR=$2; shift 2 ;;
    -o) out=$2; shift 2 ;;
    --no-dockerd) use_dockerd=0; shift ;;
    --restart-dockerd) restart_dockerd=1; shift ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done

DOCKER=${DOCKER:-$(command -v docker || echo /usr/local/bin/docker)}
[ -x "$DOCKER" ] || { echo "bench: no docker CLI" >&2; exit 1; }
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
DOCKERD_SOCK=/var/run/docker.sock
DOCKERD_PIDFILE=/var/run/docker.pid
DOCKERD_LOG=/var/log/dockerd.log
LABEL="berth.bench=$$"

tmp=$(mktemp -d /tmp/berth-bench-XXXXXX)
[ -n "$out" ] && mkdir -p "$out"
data=$tmp/samples
mkdir -p "$data"
berth_sock=$tmp/berth.sock
berth_pid=""
sampler_pid=""
dockerd_started=0   # 1 if this script started dockerd
dockerd_was_running=0

log() { printf '%s (load %s) bench: %s\n' "$(date +%H:%M:%S)" "$(cut -d' ' -f1 /proc/loadavg)" "$*" >&2; }
now() { date +%s%N; }
# microseconds since a now() stamp
us_since() { echo $(( ($(now) - $1) / 1000 )); }

# ------------------------------------------------------------------ cleanup

# SIGTERM, up to 20 s to shut down, then SIGKILL
stop_berthd() {
  kill "$berth_pid" 2>/dev/null || true
  for _ in $(seq 200); do kill -0 "$berth_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$berth_pid" 2>/dev/null || true
  wait "$berth_pid" 2>/dev/null || true
}

cleanup() {
  set +e
  trap - EXIT INT TERM
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
  if [ -n "$berth_pid" ] && kill -0 "$berth_pid" 2>/dev/null; then
    log "removing berthd's containers and stopping it"
    ids=$("$DOCKER" -H "unix://$berth_sock" ps -aq 2>/dev/null)
    [ -n "$ids" ] && "$DOCKER" -H "unix://$berth_sock" rm -f $ids >/dev/null 2>&1
    stop_berthd
  fi
  if [ -S "$DOCKERD_SOCK" ] && [ "$use_dockerd" = 1 ]; then
    ids=$("$DOCKER" -H "unix://$DOCKERD_SOCK" ps -aq --filter "label=$LABEL" 2>/dev/null)
    [ -n "$ids" ] && "$DOCKER" -H "unix://$DOCKERD_SOCK" rm -f $ids >/dev/null 2>&1
  fi
  if [ "$dockerd_started" = 1 ] && [ "$dockerd_was_running" = 0 ]; then
    log "stopping the dockerd this script started"
    stop_dockerd
  fi
  # nothing of ours may stay mounted; then the temp tree goes
  awk -v t="$tmp" '$5 ~ "^"t {print $5}' /proc/self/mountinfo | sort -r | while read -r m; do
    echo "bench: leftover mount $m" >&2; umount -l "$m"
  done
  [ -n "$out" ] && [ -f "$tmp/berthd.log" ] && cp "$tmp/berthd.log" "$out/"
  [ -n "$out" ] && cp "$data"/* "$out/" 2>/dev/null
  rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ helpers

# stats FILE -> "median p90" in ms (one decimal); samples are microseconds
stats() {
  sort -n "$1" | awk '{a[NR]=$1} END {
    if (NR == 0) { print "n/a n/a"; exit }
    med = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2
    r = int(0.9 * NR); if (r < 0.9 * NR) r++; if (r < 1) r = 1
    printf "%.1f %.1f\n", med/1000, a[r]/1000 }'
}

# rss_kb PID... -> summed VmRSS in kB (0 for none)
rss_kb() {
  local t=0 p v
  for p in "$@"; do
    v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
    t=$((t + ${v:-0}))
  done
  echo "$t"
}

# pss_kb PID... -> summed proportional set size in kB (shared pages split between sharers)
pss_kb() {
  local t=0 p v
  for p in "$@"; do
    v=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || true)
    t=$((t + ${v:-0}))
  done
  echo "$t"
}

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k/1024 }'; }

# ping SOCKET: one successful GET /_ping
if command -v curl >/dev/null 2>&1; then
  ping() { curl -sf --max-time 2 --unix-socket "$1" http://d/_ping >/dev/null 2>&1; }
else
  ping() { "$DOCKER" -H "unix://$1" version --format '{{.Server.Version}}' >/dev/null 2>&1; }
fi

# wait_ping SOCKET SECONDS
wait_ping() {
  local i=0 max=$(( $2 * 100 ))
  until ping "$1"; do
    i=$((i + 1)); [ "$i" -lt "$max" ] || return 1
    sleep 0.01
  done
}

# time_series FILE WARMUP COUNT CMD... : run CMD WARMUP times untimed, then COUNT times timed
time_series() {
  local f=$1 w=$2 n=$3 i s; shift 3
  : >"$f"
  for i in $(seq "$w"); do "$@" >/dev/null; done
  for i in $(seq "$n"); do
    s=$(now); "$@" >/dev/null; us_since "$s" >>"$f"
  done
}

dockerd_pid() { [ -f "$DOCKERD_PIDFILE" ] && cat "$DOCKERD_PIDFILE"; }

start_dockerd() {
  rm -f "$DOCKERD_SOCK"
  local s; s=$(now)
  setsid dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  wait_ping "$DOCKERD_SOCK" 60 || { echo "bench: dockerd did not answer; see $DOCKERD_LOG" >&2; exit 1; }
  us_since "$s" >"$data/docker.start"
  dockerd_started=1
}

stop_dockerd() {
  local p; p=$(dockerd_pid)
  [ -n "$p" ] || return 0
  kill "$p" 2>/dev/null || return 0
  for _ in $(seq 300); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  echo "bench: dockerd $p did not stop in 30 s" >&2
}

# pids of the daemon side of an engine: berth -> the java process; docker -> dockerd + containerd
daemon_pids() {
  if [ "$1" = berth ]; then echo "$berth_pid"; return; fi
  local d; d=$(dockerd_pid)
  local c; c=$(pgrep -P "$d" -x containerd || pgrep -x containerd | head -n 1 || true)
  echo "$d" $c
}

# monitor_pids ENGINE IDFILE: conmon (berth) or containerd-shim (docker) for the listed containers
monitor_pids() {
  local pat
  if [ "$1" = berth ]; then pat=conmon; else pat=containerd-shim; fi
  ps -ww -e -o pid=,args= | awk -v pat="$pat" -v ids="$2" '
    BEGIN { while ((getline l < ids) > 0) want[substr(l, 1, 64)] = 1 }
    $2 ~ pat { for (i = 3; i <= NF; i++) if (($i == "-c" || $i == "-id") && (substr($(i+1), 1, 64) in want)) { print $1; break } }'
}

ensure_docker_busybox() {
  if ! "$DOCKER" -H "unix://$DOCKERD_SOCK" image inspect busybox:latest >/dev/null 2>&1; then
    log "importing busybox:latest into dockerd from /bin/busybox"
    "$here/bench/busybox-rootfs.sh" "$tmp/bbroot"
    tar -C "$tmp/bbroot" -c . | "$DOCKER" -H "unix://$DOCKERD_SOCK" import -c 'CMD ["sh"]' - busybox:latest >/dev/null
  fi
}

# ------------------------------------------------------------------ measurements

engines=()
host_of() { if [ "$1" = berth ]; then echo "unix://$berth_sock"; else echo "unix://$DOCKERD_SOCK"; fi; }
dk() { local e=$1; shift; "$DOCKER" -H "$(host_of "$e")" "$@"; }

# series NAME FN: FN ENGINE is one sample. Warm-ups, then N samples, alternating between the
# engines sample by sample so that load from elsewhere on the machine hits both columns alike.
series() {
  local name=$1 fn=$2 e s
  for e in "${engines[@]}"; do : >"$data/$e.$name"; done
  for _ in $(seq "$W"); do for e in "${engines[@]}"; do "$fn" "$e" >/dev/null; done; done
  for _ in $(seq "$N"); do
    for e in "${engines[@]}"; do
      [ "$GAP" = 0 ] || sleep "$(awk -v g="$GAP" 'BEGIN {printf "%.3f", g / 1000}')"
      s=$(now); "$fn" "$e" >/dev/null; us_since "$s" >>"$data/$e.$name"
    done
  done
}
one_version() { dk "$1" version; }
one_runrm() { dk "$1" run --rm --label "$LABEL" busybox true; }
one_exec() { dk "$1" exec "$(cat "$data/$1.execc")" true; }

# density ENGINE: COUNT detached containers, memory with all of them running, removal
density() {
  local e=$1 s ids=$data/$1.ids
  log "$e: $C x run -d busybox sleep 600, sequential"
  : >"$ids"
  s=$(now)
  for _ in $(seq "$C"); do dk "$e" run -d --label "$LABEL" busybox sleep 600 >>"$ids"; done
  us_since "$s" >"$data/$e.seq"
  sleep 1
  # shellcheck disable=SC2046
  set -- $(monitor_pids "$e" "$ids")
  echo "$#" >"$data/$e.monitors"
  rss_kb "$@" >"$data/$e.monrss"
  pss_kb "$@" >"$data/$e.monpss"
  # shellcheck disable=SC2046
  rss_kb $(daemon_pids "$e") >"$data/$e.rss50"
  s=$(now)
  # shellcheck disable=SC2046
  dk "$e" rm -f $(cat "$ids") >/dev/null
  us_since "$s" >"$data/$e.rm"
  if [ "$PAR" -gt 0 ]; then
    log "$e: $C x run -d, $PAR-wide in parallel"
    : >"$ids"
    s=$(now)
    seq "$C" | xargs -P "$PAR" -I{} "$DOCKER" -H "$(host_of "$e")" run -d --label "$LABEL" busybox sleep 600 >>"$ids"
    us_since "$s" >"$data/$e.par"
    # shellcheck disable=SC2046
    dk "$e" rm -f $(cat "$ids") >/dev/null
  fi
  sleep 1
  # shellcheck disable=SC2046
  rss_kb $(daemon_pids "$e") >"$data/$e.rssafter"
}

# ------------------------------------------------------------------ start the engines

cut -d' ' -f1-3 /proc/loadavg >"$tmp/load.before"
log "load before: $(cat "$tmp/load.before")"
# the 1-minute load average every 5 s while the bench runs: how quiet the machine was
while :; do cut -d' ' -f1 /proc/loadavg; sleep 5; done >"$data/load.samples" &
sampler_pid=$!
jar=$(ls "$here"/berth-daemon/target/berth-daemon-*.jar 2>/dev/null | head -n 1 || true)
[ -n "$jar" ] || { echo "bench: berthd is not built; run: cd $here && mvn -B -q verify -DskipTests" >&2; exit 1; }

# berthd as installed runs from its JDK AOT cache (scripts/build.sh makes it): make it when missing or stale
aot_cache="$here/berth-daemon/target/berthd.aot"
if [ ! -f "$aot_cache" ] || [ -n "$(find "$jar" "$here/berth-daemon/target/lib" -newer "$aot_cache" 2>/dev/null | head -n 1)" ]; then
  log "recording berthd's AOT cache (scripts/train-aot.sh)"
  sh "$here/scripts/train-aot.sh"
fi

start_berthd() {
  "$here/bin/berthd" --data-root "$tmp/data" --exec-root "$tmp/run" -H "unix://$berth_sock" >>"$tmp/berthd.log" 2>&1 &
  berth_pid=$!
  wait_ping "$berth_sock" 60 || { echo "bench: berthd did not answer" >&2; cat "$tmp/berthd.log" >&2; exit 1; }
}
# The first start on the empty data root builds busybox:latest; the measured one is a restart with
# busybox present, as dockerd's is.
log "starting berthd on $tmp (first start: builds busybox:latest)"
start_berthd
stop_berthd
log "restarting berthd"
s=$(now)
start_berthd
us_since "$s" >"$data/berth.start"
"$DOCKER" -H "unix://$berth_sock" image inspect busybox:latest >/dev/null \
  || { echo "bench: berthd has no busybox:latest" >&2; exit 1; }
rss_kb "$berth_pid" >"$data/berth.idle"
engines+=(berth)

have_dockerd=0
if [ "$use_dockerd" = 1 ] && command -v dockerd >/dev/null 2>&1; then
  if ping "$DOCKERD_SOCK"; then
    dockerd_was_running=1
    if [ "$restart_dockerd" = 1 ]; then
      log "restarting dockerd to measure its start"
      stop_dockerd
      start_dockerd
    fi
  else
    log "starting dockerd (log $DOCKERD_LOG)"
    start_dockerd
  fi
  ensure_docker_busybox
  # shellcheck disable=SC2046
  rss_kb $(daemon_pids docker) >"$data/docker.idle"
  engines+=(docker)
  have_dockerd=1
elif [ "$use_dockerd" = 1 ]; then
  log "dockerd is not installed (bench/install-dockerd.sh); berth column only"
fi

# ------------------------------------------------------------------ run

log "docker version, $W warm-up + $N samples per engine, interleaved"
series version one_version
log "run --rm busybox true, $W warm-up + $N samples per engine, interleaved"
series runrm one_runrm
log "exec true on a running container, $W warm-up + $N samples per engine, interleaved"
for e in "${engines[@]}"; do dk "$e" run -d --label "$LABEL" busybox sleep 600 >"$data/$e.execc"; done
series exec one_exec
for e in "${engines[@]}"; do dk "$e" rm -f "$(cat "$data/$e.execc")" >/dev/null; rm -f "$data/$e.execc"; done
for e in "${engines[@]}"; do density "$e"; done
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------ report

val() { [ -f "$data/$1" ] && cat "$data/$1" || echo n/a; }
# row LABEL BERTH DOCKER (numbers or n/a); ratio = berth / dockerd
row() {
  awk -v l="$1" -v b="$2" -v d="$3" 'BEGIN {
    r = (b ~ /^[0-9.]+$/ && d ~ /^[0-9.]+$/ && d + 0 > 0) ? sprintf("%.2f", b / d) : "n/a"
    printf "| %s | %s | %s | %s |\n", l, b, d, r }'
}
ms() { [ -f "$data/$1" ] && awk '{ printf "%.0f", $1/1000 }' "$data/$1" || echo n/a; }
sec() { [ -f "$data/$1" ] && awk '{ printf "%.2f", $1/1000000 }' "$data/$1" || echo n/a; }
mbf() { [ -f "$data/$1" ] && mb "$(cat "$data/$1")" || echo n/a; }
per() { # per-container MB of a kB total
  [ -f "$data/$1" ] && [ -f "$data/$2" ] && awk -v k="$(cat "$data/$1")" -v n="$(cat "$data/$2")" 'BEGIN { printf (n > 0 ? "%.2f" : "n/a"), k/1024/n }' || echo n/a
}
sd() { [ -f "$data/$1" ] && stats "$data/$1" || echo "n/a n/a"; }
pick() { echo "$1" | cut -d' ' -f"$2"; }

read -r bv_med _ <<<"$(sd berth.version)";  read -r dv_med _ <<<"$(sd docker.version)"
read -r br_med br_p90 <<<"$(sd berth.runrm)"; read -r dr_med dr_p90 <<<"$(sd docker.runrm)"
read -r be_med be_p90 <<<"$(sd berth.exec)";  read -r de_med de_p90 <<<"$(sd docker.exec)"

# the floor: a prepared busybox bundle run by runc alone, no engine, no CLI
log "floor: runc run of a prepared busybox bundle"
fb=$tmp/floor
"$here/bench/busybox-rootfs.sh" "$fb/rootfs"
(cd "$fb" && runc spec)
sed -i 's/"terminal": true/"terminal": false/; s/^\(\s*\)"sh"$/\1"true"/' "$fb/config.json"
floor_run() { runc --root "$fb/state" run --bundle "$fb" "berth-bench-floor-$$-$RANDOM" </dev/null; }
time_series "$data/runc.floor" 3 "$N" floor_run || : >"$data/runc.floor"
read -r fl_med fl_p90 <<<"$(sd runc.floor)"

cli_ver=$("$DOCKER" version --format '{{.Client.Version}}' 2>/dev/null || echo '?')
dockerd_ver=$( [ "$have_dockerd" = 1 ] && "$DOCKER" -H "unix://$DOCKERD_SOCK" version --format '{{.Server.Version}}' 2>/dev/null || echo n/a)
{
  echo "## berthd vs dockerd ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo
  echo "| metric | berth | dockerd | ratio (berth/dockerd) |"
  echo "| --- | ---: | ---: | ---: |"
  row "daemon restart to first \`_ping\`, busybox present (ms)" "$(ms berth.start)" "$(ms docker.start)"
  row "idle daemon RSS after start, busybox present (MB)" "$(mbf berth.idle)" "$(mbf docker.idle)"
  row "\`docker version\` median (ms, CLI fixed cost)" "$bv_med" "$dv_med"
  row "\`run --rm busybox true\` median (ms)" "$br_med" "$dr_med"
  row "\`run --rm busybox true\` p90 (ms)" "$br_p90" "$dr_p90"
  row "\`exec <c> true\` median (ms)" "$be_med" "$de_med"
  row "\`exec <c> true\` p90 (ms)" "$be_p90" "$de_p90"
  row "$C x \`run -d busybox sleep 600\` sequential (s)" "$(sec berth.seq)" "$(sec docker.seq)"
  [ "$PAR" -gt 0 ] && row "$C x \`run -d\`, $PAR-wide parallel (s)" "$(sec berth.par)" "$(sec docker.par)"
  row "monitor RSS per container (MB; conmon vs containerd-shim)" "$(per berth.monrss berth.monitors)" "$(per docker.monrss docker.monitors)"
  row "monitor PSS per container (MB)" "$(per berth.monpss berth.monitors)" "$(per docker.monpss docker.monitors)"
  row "daemon RSS with $C running (MB; berthd vs dockerd+containerd)" "$(mbf berth.rss50)" "$(mbf docker.rss50)"
  row "\`rm -f\` of $C running containers (s)" "$(sec berth.rm)" "$(sec docker.rm)"
  row "daemon RSS after the bench, 0 containers (MB)" "$(mbf berth.rssafter)" "$(mbf docker.rssafter)"
  echo
  echo "Floor: \`runc run\` of a prepared busybox bundle (no engine, no CLI): median $fl_med ms, p90 $fl_p90 ms."
  echo "Monitors counted: berth $(val berth.monitors) conmon, dockerd $(val docker.monitors) containerd-shim (of $C)."
  [ -f "$data/docker.start" ] || [ "$have_dockerd" = 0 ] || echo "dockerd was already running: no start time; its idle RSS is at bench start (use --restart-dockerd)."
  echo
  echo "Machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM, kernel $(uname -r), $( [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ] && echo "cgroup v2" || echo "cgroup v1/hybrid")"
  echo "Versions: docker CLI $cli_ver; dockerd $dockerd_ver; $(containerd --version 2>/dev/null | awk '{print "containerd", $3}' || echo 'containerd n/a'); $(runc --version | head -n 1); $(conmon --version | head -n 1); $("${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"/bin/java -version 2>&1 | head -n 1 || true)"
  echo "Load average before/after: $(cat "$tmp/load.before" 2>/dev/null || echo '?') / $(cut -d' ' -f1-3 /proc/loadavg); 1-min load sampled every 5 s during the run: $(sort -n "$data/load.samples" | awk '{a[NR]=$1} END {printf "min %s, median %s, max %s", a[1], a[int((NR+1)/2)], a[NR]}'). N=$N samples after $W warm-ups, engines interleaved sample by sample, $([ "$GAP" = 0 ] && echo "back to back" || echo "${GAP} ms apart")."
} | tee "${out:-$tmp}/report.md"
