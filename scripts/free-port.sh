#!/usr/bin/env bash
# Prints a free TCP port on 127.0.0.1 for a server the scripts start (bench/intake.sh, bench/scale.sh).
# It is picked below the kernel's range for outgoing connections (ip_local_port_range): a port inside that range,
# even one free when checked, can be taken before the server binds it by one of the server's own connections (to
# PostgreSQL, say) as its local port, and the server then fails to start with the port already in use.
set -euo pipefail
low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$low" -gt 12000 ] || low=32768
for _ in $(seq 1 50); do
  port=$((10000 + RANDOM % (low - 10000)))
  if ! ss -ltnH "sport = :$port" | grep -q .; then
    echo "$port"
    exit 0
  fi
done
echo "free-port: no free port found below $low" >&2
exit 1
