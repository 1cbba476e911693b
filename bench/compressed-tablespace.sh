#!/usr/bin/env bash
# A zstd-compressed btrfs file system in a sparse image file, mounted for a PostgreSQL tablespace: the scale benchmark's
# engine history compresses several times over, so that a disk too small for a million cases' tables can hold them.
# Needs root (loop mount) and btrfs-progs (installed from Debian's packages when missing).
#
#   bash bench/compressed-tablespace.sh up [SIZE]   # image of SIZE (default 300G, sparse: it takes on the host only
#                                                   # what it holds, compressed) mounted at $MOUNT; prints the
#                                                   # directory for bench/scale.sh --tablespace
#   bash bench/compressed-tablespace.sh status      # what the file system holds, compressed, and the host's free disk
#   bash bench/compressed-tablespace.sh down        # unmounts and deletes the image (drop the tablespace first)
#
# The image is sparse, so the file system's free space is the image's nominal size, not the host's: watch `status`
# (and df on the host) while loading. PostgreSQL's write-ahead log stays in its data directory.
set -euo pipefail

image=${IMAGE:-/var/lib/pujiang-bench/tablespace.img}
mount=${MOUNT:-/mnt/pujiang-bench}

case "${1:-}" in
  up)
    command -v mkfs.btrfs >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q btrfs-progs >/dev/null; }
    if ! findmnt "$mount" >/dev/null; then
      mkdir -p "$(dirname "$image")" "$mount"
      if [ ! -e "$image" ]; then
        truncate -s "${2:-300G}" "$image"
        mkfs.btrfs -q "$image" >/dev/null
      fi
      # zstd level 1: several hundred MB/s a core; discard gives deleted extents back to the host.
      mount -o loop,compress=zstd:1,noatime,discard=async "$image" "$mount"
    fi
    mkdir -p "$mount/pg"
    chown postgres:postgres "$mount/pg"
    echo "$mount/pg"
    ;;
  status)
    used=$(df -B1 --output=used "$mount" | tail -n 1)
    host=$(du -B1 "$image" | cut -f1)
    echo "$mount holds $((used / 1000000000)) GB after compression; the image takes $((host / 1000000000)) GB of the host's disk, which has $(df -h --output=avail "$(dirname "$image")" | tail -n 1 | tr -d ' ') free"
    ;;
  down)
    if findmnt "$mount" >/dev/null; then umount "$mount"; fi
    rm -f "$image"
    ;;
  *) echo "usage: bash bench/compressed-tablespace.sh up [SIZE] | status | down" >&2; exit 2 ;;
esac
