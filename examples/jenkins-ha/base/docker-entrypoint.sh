#!/bin/sh
# Copies reference files into JENKINS_HOME on first start (like the official image), then execs CMD.
set -eu
if [ -d /usr/share/jenkins/ref ] && [ -w "${JENKINS_HOME:-/var/jenkins_home}" ]; then
  cp -rn /usr/share/jenkins/ref/. "${JENKINS_HOME:-/var/jenkins_home}/" 2>/dev/null || true
fi
exec "$@"
