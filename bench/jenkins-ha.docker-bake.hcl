# The jenkins-ha example (examples/jenkins-ha/imageforge.yaml) as a bake file, for the benchmark's
# `docker buildx bake` competitor. Named contexts ("target:<name>") make bake resolve the FROM lines
# of the dependents to the in-flight build of their parent, so one invocation handles the whole chain.
#
#   docker buildx bake -f bench/jenkins-ha.docker-bake.hcl --load
variable "REGISTRY" {
  default = "localhost:5000"
}
variable "TAG" {
  default = "dev"
}
variable "BASE_IMAGE" {
  default = "localhost:5000/base/busybox:latest"
}

group "default" {
  targets = ["base", "controller", "agent-base", "agent-inbound", "agent-tools"]
}

target "_common" {
  args = {
    REGISTRY = REGISTRY
    TAG      = TAG
  }
  output = ["type=docker"]
}

target "base" {
  inherits = ["_common"]
  context  = "examples/jenkins-ha/base"
  args     = { BASE_IMAGE = BASE_IMAGE }
  tags     = ["${REGISTRY}/jenkins/base:${TAG}"]
  labels   = { "io.jenkins.ha.role" = "base" }
}

target "controller" {
  inherits = ["_common"]
  context  = "examples/jenkins-ha/controller"
  target   = "runtime"
  contexts = { "${REGISTRY}/jenkins/base:${TAG}" = "target:base" }
  tags     = ["${REGISTRY}/jenkins/controller:${TAG}"]
  labels   = { "io.jenkins.ha.role" = "controller" }
}

target "agent-base" {
  inherits = ["_common"]
  context  = "examples/jenkins-ha/agent-base"
  contexts = { "${REGISTRY}/jenkins/base:${TAG}" = "target:base" }
  tags     = ["${REGISTRY}/jenkins/agent-base:${TAG}"]
  labels   = { "io.jenkins.ha.role" = "agent-base" }
}

target "agent-inbound" {
  inherits = ["_common"]
  context  = "examples/jenkins-ha/agent-inbound"
  contexts = { "${REGISTRY}/jenkins/agent-base:${TAG}" = "target:agent-base" }
  tags     = ["${REGISTRY}/jenkins/agent-inbound:${TAG}"]
  labels   = { "io.jenkins.ha.role" = "agent" }
}

target "agent-tools" {
  inherits = ["_common"]
  context  = "examples/jenkins-ha/agent-tools"
  target   = "tools"
  contexts = { "${REGISTRY}/jenkins/agent-base:${TAG}" = "target:agent-base" }
  tags     = ["${REGISTRY}/jenkins/agent-tools:${TAG}"]
  labels   = { "io.jenkins.ha.role" = "agent" }
}
