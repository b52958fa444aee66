#!/bin/sh
# Puts berthd and berth on the PATH by symlinking them from this checkout into /usr/local/bin
# (or $PREFIX/bin). Idempotent: links that already point here are left alone, and a file there
# that is not a symlink is never overwritten. Build first (scripts/build.sh).
set -e
here=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
bindir=${PREFIX:-/usr/local}/bin
mkdir -p "$bindir"
for tool in berthd berth; do
  src="$here/bin/$tool"
  dst="$bindir/$tool"
  if [ -L "$dst" ] && [ "$(readlink "$dst")" = "$src" ]; then
    echo "$dst -> $src (already)"
    continue
  fi
  if [ -e "$dst" ] && [ ! -L "$dst" ]; then
    echo "install: $dst exists and is not a symlink; leaving it alone" >&2
    exit 1
  fi
  ln -sfn "$src" "$dst"
  echo "$dst -> $src"
done
# the CLI's AOT cache is made on first use; make it now so the first real command is fast
if ls "$here"/berth-cli/target/berth-cli-*.jar >/dev/null 2>&1; then
  "$here/bin/berth" --version >/dev/null 2>&1 || true
fi
