#!/usr/bin/env bash
# Starts a Docker engine for the sandbox's Docker backend when none answers: installs docker.io if needed (Debian,
# as root), then runs dockerd in the background WITHOUT touching the host network (no bridge, no iptables, no
# forwarding, no masquerading; sandbox containers use --network none anyway). Records the PID so stop-dockerd.sh
# stops exactly this daemon. Exit 0 when an engine answers at the end, 1 otherwise (with the reason on stderr).
set -euo pipefail
state=${AZR_DOCKERD_STATE:-/tmp/azr-dockerd}
socket=${AZR_DOCKERD_SOCKET:-/var/run/docker.sock}
mkdir -p "$state"

if docker -H "unix://$socket" info >/dev/null 2>&1; then
  echo "dockerd: an engine already answers at $socket"
  exit 0
fi
if ! command -v dockerd >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "dockerd: not installed and cannot install it here (needs root and apt-get)" >&2
    exit 1
  fi
  echo "dockerd: installing docker.io"
  if ! apt-get install -y -q docker.io >"$state/install.log" 2>&1; then
    apt-get update -q >>"$state/install.log" 2>&1 || true
    apt-get install -y -q docker.io >>"$state/install.log" 2>&1 || { echo "dockerd: apt-get install docker.io failed (see $state/install.log)" >&2; exit 1; }
  fi
fi
command -v docker >/dev/null 2>&1 || { echo "dockerd: no docker client found" >&2; exit 1; }

dockerd --bridge=none --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
  --data-root "$state/data" --exec-root "$state/exec" --pidfile "$state/dockerd.pid" \
  -H "unix://$socket" >"$state/dockerd.log" 2>&1 &
echo $! >"$state/started.pid"
for _ in $(seq 1 60); do
  if docker -H "unix://$socket" info >/dev/null 2>&1; then
    echo "dockerd: started (pid $(cat "$state/started.pid")), socket $socket"
    exit 0
  fi
  if ! kill -0 "$(cat "$state/started.pid")" 2>/dev/null; then
    echo "dockerd: exited during start-up; last log lines:" >&2
    tail -5 "$state/dockerd.log" >&2
    rm -f "$state/started.pid"
    exit 1
  fi
  sleep 0.5
done
echo "dockerd: did not answer within 30 s (see $state/dockerd.log)" >&2
exit 1
