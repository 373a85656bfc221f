#!/bin/sh
# Stand-in for the inbound agent launcher: checks the controller answers, then idles like an agent.
set -eu
url="${JENKINS_URL:-http://127.0.0.1:8080}"
name="${JENKINS_AGENT_NAME:-$(hostname)}"
echo "agent ${name}: connecting to ${url} (workdir ${AGENT_WORKDIR:-/home/jenkins/agent})"
if wget -q -O /dev/null "${url}/login"; then echo "agent ${name}: controller reachable"; else
  echo "agent ${name}: controller not reachable" >&2
fi
[ "${1:-}" = "--once" ] && exit 0
exec sleep 2147483647
