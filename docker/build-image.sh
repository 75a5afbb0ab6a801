#!/usr/bin/env bash
# Builds the sandbox image locally (there is no registry to pull from): `docker import` of a near-empty root file
# system (directory skeleton, merged-/usr symlinks, a passwd entry for uid 65534). The .NET runtime (/usr) and the
# runner's directory are bound read-only into each container at run time, so the image never goes stale when the
# runner is rebuilt. Usage: docker/build-image.sh [image] [--force]
set -euo pipefail
image=${1:-azr-sandbox:latest}
force=${2:-}
socket=${AZR_DOCKERD_SOCKET:-/var/run/docker.sock}
docker_cmd=(docker -H "unix://$socket")
if [ "$force" != "--force" ] && "${docker_cmd[@]}" image inspect "$image" >/dev/null 2>&1; then
  echo "image: $image exists"
  exit 0
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{usr,etc,tmp,scratch,sandbox,proc,dev,sys}
ln -s usr/bin "$root/bin"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"
ln -s usr/sbin "$root/sbin"
echo "nobody:x:65534:65534:nobody:/tmp:/usr/sbin/nologin" >"$root/etc/passwd"
echo "nogroup:x:65534:" >"$root/etc/group"
chmod 1777 "$root/tmp" "$root/scratch"
tar -C "$root" -c . | "${docker_cmd[@]}" import --change 'LABEL azr.sandbox=image' - "$image" >/dev/null
echo "image: built $image"
