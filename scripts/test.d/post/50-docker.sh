#!/usr/bin/env bash
# Post-test step: stop the dockerd that scripts/test.d/50-docker.sh started (by PID).
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
docker/stop-dockerd.sh
