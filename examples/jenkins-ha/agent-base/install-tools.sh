#!/bin/sh
# usage: install-tools.sh TOOLS_TXT CACHE_DIR PREFIX
# For each tool: reuse CACHE_DIR/<name>-<version>.tar.gz when present, otherwise "download" it
# (synthesise a small archive, the build is offline) into the cache, then unpack into PREFIX.
set -eu
list="$1"; cache="$2"; prefix="$3"
mkdir -p "$cache" "$prefix/bin" "$prefix/share"
grep -v '^#' "$list" | grep -v '^$' | while read -r name version; do
  archive="$cache/$name-$version.tar.gz"
  if [ -f "$archive" ]; then
    echo "cache hit: $name $version"
  else
    echo "download: $name $version"
    work="$(mktemp -d)"
    mkdir -p "$work/bin"
    printf '#!/bin/sh\necho "%s %s (jenkins-ha example stub)"\n' "$name" "$version" > "$work/bin/$name"
    chmod 0755 "$work/bin/$name"
    # payload standing in for the real binary (~8 MB), so "download" and unpack cost real time
    mkdir -p "$work/share/$name"
    yes "$name $version payload" | head -c 8000000 > "$work/share/$name/data"
    tar -C "$work" -czf "$archive" bin share
    rm -rf "$work"
  fi
  tar -C "$prefix" -xzf "$archive"
done
ls "$prefix/bin"
