#!/bin/sh
# Records berthd's start-up into the JDK's AOT cache (berth-daemon/target/berthd.aot): a daemon on
# temporary roots starts, answers, and stops; the JVM writes the cache as it exits. Needs root.
set -e
cd "$(dirname "$0")/.."
target=berth-daemon/target
[ "$(id -u)" = 0 ] || { echo "train-aot: needs root; berthd will start without an AOT cache" >&2; exit 0; }
tmp=$(mktemp -d /tmp/berth-aot.XXXXXX)
trap 'rm -rf --one-file-system "$tmp"' EXIT
BERTHD_AOT_OUTPUT="$tmp/berthd.aot" bin/berthd --data-root "$tmp/data" --exec-root "$tmp/run" \
  -H "unix://$tmp/berth.sock" >"$tmp/berthd.log" 2>&1 &
pid=$!
i=0
while [ ! -S "$tmp/berth.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 1
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" || true
if [ -s "$tmp/berthd.aot" ]; then
  mv "$tmp/berthd.aot" "$target/berthd.aot"
else
  echo "train-aot: no cache written (see below); berthd will start without one" >&2
  tail -5 "$tmp/berthd.log" >&2
fi
