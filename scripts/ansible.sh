#!/usr/bin/env bash
# Installs (when missing) what the Ansible integration example and its test need: Debian's
# ansible-core (ansible-playbook with the ansible.builtin modules; the example uses nothing else).
# Idempotent: does nothing when ansible-playbook is already on PATH.
#
#   scripts/ansible.sh install   apt-get install ansible-core when ansible-playbook is missing (root)
#   scripts/ansible.sh version   print the ansible-playbook version
set -euo pipefail

log() { printf '[ansible] %s\n' "$*" >&2; }
die() { printf '[ansible] error: %s\n' "$*" >&2; exit 1; }

install() {
  if command -v ansible-playbook >/dev/null; then log "ansible-playbook present"; return; fi
  [[ $(id -u) -eq 0 ]] || die "installing packages needs root; missing: ansible-core"
  log "apt-get install: ansible-core"
  # other jobs on the machine may hold the dpkg lock for a while: wait for it instead of failing
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    ansible-core >/dev/null
  command -v ansible-playbook >/dev/null || die "ansible-playbook still missing after installing ansible-core"
}

case "${1:-}" in
  install) install ;;
  version) ansible-playbook --version ;;
  *) sed -n '2,7p' "$0" >&2; exit 2 ;;
esac
