// The flags BuildKit's Dockerfile frontend accepts per instruction, and its rules for `RUN --mount`
// fields, so a misspelt flag fails at plan time with file:line instead of inside the build (BuildKit
// reports `--chmod=abc` as a bare "invalid syntax" without a line). Instructions without documented
// flags are not checked: their arguments may legitimately start with `--` (`CMD --verbose`).
// Source: moby/buildkit frontend/dockerfile/instructions/parse.go and commands_runmount.go.
import type { Flag } from 'dockerfile-ast';
import { closestMatch } from '../shared/did-you-mean.js';
import { parseMountOptions } from './instruction-flags.js';

const KNOWN_FLAGS: Readonly<Record<string, readonly string[]>> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security', 'device'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude', 'unpack', 'parents'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
/** Mount fields that stand alone; every other field is `key=value`. */
const MOUNT_SWITCHES = ['readonly', 'ro', 'readwrite', 'rw', 'required'];

/** What is wrong with a flag of `keyword`, in BuildKit's words where it has some; undefined = fine. */
export function checkInstructionFlag(keyword: string, flag: Flag): string | undefined {
  const known = KNOWN_FLAGS[keyword];
  if (known === undefined) return undefined;
  const name = flag.getName();
  if (!known.includes(name)) {
    const close = closestMatch(name, known);
    const suggestion = close === undefined ? '' : ` (did you mean \`--${close}\`?)`;
    return `${keyword} --${name}: unknown flag${suggestion}; ${keyword} accepts ${known.map((flagName) => `--${flagName}`).join(', ')}`;
  }
  if (keyword === 'RUN' && name === 'mount') return checkMount(flag.getValue() ?? '');
  return undefined;
}

function checkMount(value: string): string | undefined {
  for (const field of value.split(',').map((part) => part.trim())) {
    if (field === '' || field.includes('=')) continue;
    if (!MOUNT_SWITCHES.includes(field.toLowerCase()))
      return `RUN --mount: invalid field '${field}' must be a key=value pair`;
  }
  const type = parseMountOptions(value).type?.toLowerCase();
  if (type !== undefined && !MOUNT_TYPES.includes(type))
    return `RUN --mount: unsupported mount type '${type}'; use ${MOUNT_TYPES.join(', ')}`;
  return undefined;
}
