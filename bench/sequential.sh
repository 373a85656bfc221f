#!/usr/bin/env bash
# The benchmark's "what teams do today" competitor: one `docker buildx build --load` per image of
# examples/jenkins-ha, one after another in dependency order, with the same tags, targets, build args
# and labels as examples/jenkins-ha/imageforge.yaml (kept in sync by hand; see bench/README.md).
# Uses whatever DOCKER_HOST is set. Extra arguments are passed to every build (e.g. --progress plain).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SET="$ROOT/examples/jenkins-ha"
REGISTRY="${IMAGEFORGE_REGISTRY:-localhost:5000}"
TAG="${TAG:-dev}"
BASE_IMAGE="${BASE_IMAGE:-localhost:5000/base/busybox:latest}"

build() { # name [extra buildx args...]
  local name="$1"; shift
  docker buildx build --load --progress "${SEQUENTIAL_PROGRESS:-quiet}" \
    --build-arg "REGISTRY=$REGISTRY" --build-arg "TAG=$TAG" \
    --label "io.jenkins.ha.role=$ROLE" \
    -t "$REGISTRY/jenkins/$name:$TAG" "$@" "$SET/$name" >/dev/null
}

ROLE=base build base --build-arg "BASE_IMAGE=$BASE_IMAGE" "${@}"
ROLE=controller build controller --target runtime "${@}"
ROLE=agent-base build agent-base "${@}"
ROLE=agent build agent-inbound "${@}"
ROLE=agent build agent-tools --target tools "${@}"
