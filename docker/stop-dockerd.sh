#!/usr/bin/env bash
# Stops the dockerd that start-dockerd.sh started (by its recorded PID; an engine it did not start is left alone),
# after killing any sandbox containers still running.
set -uo pipefail
state=${AZR_DOCKERD_STATE:-/tmp/azr-dockerd}
socket=${AZR_DOCKERD_SOCKET:-/var/run/docker.sock}
pidfile="$state/started.pid"
if [ ! -f "$pidfile" ]; then
  echo "dockerd: not started by start-dockerd.sh; nothing to stop"
  exit 0
fi
pid=$(cat "$pidfile")
ids=$(docker -H "unix://$socket" ps -q --filter label=azr.sandbox 2>/dev/null || true)
[ -n "$ids" ] && docker -H "unix://$socket" kill $ids >/dev/null 2>&1
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
fi
rm -f "$pidfile"
echo "dockerd: stopped (pid $pid)"
