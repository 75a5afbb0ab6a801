#!/usr/bin/env bash
# Pre-test step: start a Docker engine (without touching the host network) and build the sandbox image, so the
# executor's Docker integration tests run for real. When that is impossible here, the tests skip with the reason.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if docker/start-dockerd.sh && docker/build-image.sh; then
  echo "docker: ready for the executor's Docker tests"
else
  echo "docker: unavailable; the Docker backend tests will skip"
fi
exit 0
