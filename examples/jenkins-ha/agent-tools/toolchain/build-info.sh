echo "agent-tools: $(uname -m), tools in ${AGENT_TOOLS:-/opt/agent-tools}:"
ls "${AGENT_TOOLS:-/opt/agent-tools}/bin"
