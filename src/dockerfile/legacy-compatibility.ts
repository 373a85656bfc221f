// Decides whether a Dockerfile can go to Docker's classic builder, and rewrites it when the only
// obstacle is cache mounts (which change build speed, never the image).
import { DockerfileParser, ModifiableInstruction } from 'dockerfile-ast';
import { ErrorCode } from '../errors/codes.js';
import { ImageforgeError, formatLocation } from '../errors/imageforge-error.js';
import {
  cacheMountFinding,
  findBuildkitOnlySyntax,
  isCacheMount,
  type LegacyIncompatibility,
} from './buildkit-only-syntax.js';
import type { ParsedDockerfile } from './parsed-dockerfile.js';

export interface DegradedDockerfile {
  /** The Dockerfile without cache mounts; same number of lines, so classic-builder errors keep their line numbers. */
  content: string;
  dropped: LegacyIncompatibility[];
}

export interface LegacyCompatibilityOptions {
  /** Allow dropping `RUN --mount=type=cache` instead of refusing. */
  degradeCacheMounts: boolean;
}

interface FlagSpan {
  line: number; // 0-based
  start: number;
  end: number;
  instructionLine: number; // 0-based line where the instruction starts
  text: string;
}

/** Content with cache mounts removed (other flags on the line preserved); the caller writes it to a temp file. */
export function degradeForLegacy(parsed: ParsedDockerfile): DegradedDockerfile {
  const spans: FlagSpan[] = [];
  const dropped: LegacyIncompatibility[] = [];
  for (const instruction of DockerfileParser.parse(parsed.content).getInstructions()) {
    if (!(instruction instanceof ModifiableInstruction)) continue;
    for (const flag of instruction.getFlags()) {
      if (!isCacheMount(instruction, flag)) continue;
      const range = flag.getRange();
      if (range.start.line !== range.end.line) continue; // a flag broken over lines: leave it, the classic builder will refuse
      const instructionLine = instruction.getRange().start.line;
      spans.push({
        line: range.start.line,
        start: range.start.character,
        end: range.end.character,
        instructionLine,
        text: flag.toString(),
      });
      dropped.push(cacheMountFinding(flag));
    }
  }
  return { content: removeSpans(parsed.content, spans, parsed.escapeCharacter), dropped };
}

/**
 * Throws IMAGEFORGE_BUILDKIT_ONLY_SYNTAX naming file:line and the reason of the first blocking
 * finding (any finding when cache mounts may not be degraded); the message lists all findings.
 * Returns the cache mounts that will be dropped.
 */
export function assertLegacyCompatible(
  parsed: ParsedDockerfile,
  options: LegacyCompatibilityOptions,
): LegacyIncompatibility[] {
  const findings = findBuildkitOnlySyntax(parsed);
  const blocking = findings.filter((finding) => !finding.degradable || !options.degradeCacheMounts);
  const first = blocking[0];
  if (!first) return findings.filter((finding) => finding.degradable);
  const where = (finding: LegacyIncompatibility): string =>
    formatLocation({ file: parsed.file, line: finding.line });
  const list = findings.map((finding) => {
    const note = finding.degradable && options.degradeCacheMounts ? ' (would be dropped)' : '';
    return `  ${where(finding)}: ${finding.feature}${note}: ${finding.reason}`;
  });
  const onlyCacheMounts = blocking.every((finding) => finding.degradable);
  const summary = `${where(first)}: ${first.feature} requires BuildKit: ${first.reason}`;
  const all = findings.length > 1 ? `\nAll BuildKit-only syntax in ${parsed.file}:\n${list.join('\n')}` : '';
  throw new ImageforgeError(summary + all, {
    code: ErrorCode.BuildkitOnlySyntax,
    category: 'config',
    hint: onlyCacheMounts
      ? 'Set `legacy.degradeCacheMounts: true` for this image to drop the cache mounts (slower builds, same image), or build with BuildKit.'
      : 'Build with BuildKit (install docker buildx, or do not force the legacy builder), or rewrite these lines for the classic builder.',
    location: { file: parsed.file, line: first.line },
    details: { findings },
  });
}

function removeSpans(content: string, spans: FlagSpan[], escapeCharacter: string): string {
  const lines = content.split('\n');
  const touched = new Map<number, FlagSpan[]>();
  for (const span of spans) touched.set(span.line, [...(touched.get(span.line) ?? []), span]);
  for (const [index, lineSpans] of touched) {
    let text = lines[index] ?? '';
    for (const span of [...lineSpans].sort((a, b) => b.start - a.start)) {
      const after = text.slice(span.end).replace(/^[ \t]+/, '');
      text = text.slice(0, span.start) + after;
    }
    const first = lineSpans[0];
    const onlyContinuation = text.trim() === escapeCharacter;
    if (first && onlyContinuation && index !== first.instructionLine) {
      // A line left holding only the continuation character would be an "empty continuation line";
      // a comment keeps the instruction intact and the line count unchanged.
      const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
      const removed = lineSpans.map((span) => span.text).join(' ');
      text = `${indent}# imageforge: removed ${removed} for the classic builder${text.endsWith('\r') ? '\r' : ''}`;
    }
    lines[index] = text;
  }
  return lines.join('\n');
}
