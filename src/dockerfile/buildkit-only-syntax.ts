// Finds Dockerfile syntax that only BuildKit understands, so a fallback to Docker's classic builder
// refuses up front instead of failing late or, worse, silently building something different. The
// classic builder's real reactions are recorded in test/fixtures/dockerfiles/legacy-errors.txt.
import {
  DockerfileParser,
  type Flag,
  type Heredoc,
  type Instruction,
  ModifiableInstruction,
  type ParserDirective,
} from 'dockerfile-ast';
import { mountType } from './instruction-flags.js';
import type { ParsedDockerfile } from './parsed-dockerfile.js';

export interface LegacyIncompatibility {
  /** 1-based line. */
  line: number;
  /** What is used, e.g. `RUN --mount=type=cache`, `COPY --chmod`, `RUN <<EOF`. */
  feature: string;
  /** What the classic builder does with it. */
  reason: string;
  /** True only for cache mounts: dropping them changes build speed, not the image. */
  degradable: boolean;
}

const FAILS = (message: string): string => `the classic builder fails with "${message}"`;
const IGNORED = (consequence: string): string => `the classic builder silently ignores it${consequence}`;

/** Flags the classic builder rejects or ignores, per instruction (`RUN --mount` is handled apart). */
const FLAG_REASONS: Record<string, Record<string, string>> = {
  RUN: {
    network: FAILS('the --network option requires BuildKit'),
    security: FAILS('unknown flag: --security'),
  },
  COPY: {
    chmod: FAILS('the --chmod option requires BuildKit'),
    link: IGNORED(''),
    parents: FAILS('unknown flag: --parents'),
    exclude: IGNORED(': the excluded files would be copied'),
  },
  ADD: {
    chmod: FAILS('the --chmod option requires BuildKit'),
    link: IGNORED(''),
    exclude: IGNORED(': the excluded files would be copied'),
    checksum: IGNORED(': the download would not be verified'),
    'keep-git-dir': IGNORED(''),
    unpack: FAILS('unknown flag: --unpack'),
  },
};

const HEREDOC_REASONS: Record<string, string> = {
  RUN: IGNORED(': the heredoc body never runs'),
  COPY: FAILS('COPY failed: no source files were specified'),
  ADD: FAILS('ADD failed: no source files were specified'),
};

/** `# syntax=` naming Docker's own Dockerfile frontend (any tag or digest). */
const DOCKERFILE_FRONTEND =
  /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?docker\/dockerfile(?:-upstream)?(?::[^@]*)?(?:@.+)?$/;

/**
 * Every BuildKit-only construct in the file, ordered by line. ONBUILD triggers are not checked: they
 * run in the builds of child images, not in this one. A `# syntax=` naming Docker's Dockerfile
 * frontend is not reported (the classic builder ignores it and each feature it enables is checked
 * on its own); any other frontend is, because the file is then not a Dockerfile at all.
 */
export function findBuildkitOnlySyntax(parsed: ParsedDockerfile): LegacyIncompatibility[] {
  const dockerfile = DockerfileParser.parse(parsed.content);
  const findings = dockerfile.getDirectives().flatMap(syntaxDirectiveFindings);
  for (const instruction of dockerfile.getInstructions()) {
    findings.push(...flagFindings(instruction), ...heredocFindings(instruction));
  }
  return findings.sort((a, b) => a.line - b.line);
}

/** Whether a flag is a `RUN --mount=type=cache`, the one thing the classic builder can do without. */
export function isCacheMount(instruction: Instruction, flag: Flag): boolean {
  return (
    instruction.getKeyword() === 'RUN' &&
    flag.getName().toLowerCase() === 'mount' &&
    mountType(flag.getValue() ?? '') === 'cache'
  );
}

export function cacheMountFinding(flag: Flag): LegacyIncompatibility {
  return {
    line: flag.getRange().start.line + 1,
    feature: 'RUN --mount=type=cache',
    reason: `${FAILS('the --mount option requires BuildKit')}; a cache mount only speeds up builds, so it can be dropped`,
    degradable: true,
  };
}

function flagFindings(instruction: Instruction): LegacyIncompatibility[] {
  if (!(instruction instanceof ModifiableInstruction)) return [];
  const keyword = instruction.getKeyword();
  return instruction.getFlags().flatMap((flag): LegacyIncompatibility[] => {
    const name = flag.getName().toLowerCase();
    const line = flag.getRange().start.line + 1;
    if (keyword === 'RUN' && name === 'mount') {
      if (isCacheMount(instruction, flag)) return [cacheMountFinding(flag)];
      const type = mountType(flag.getValue() ?? '');
      return [
        {
          line,
          feature: `RUN --mount=type=${type}`,
          reason: FAILS('the --mount option requires BuildKit'),
          degradable: false,
        },
      ];
    }
    const reason = FLAG_REASONS[keyword]?.[name];
    return reason === undefined ? [] : [{ line, feature: `${keyword} --${name}`, reason, degradable: false }];
  });
}

function heredocFindings(instruction: Instruction): LegacyIncompatibility[] {
  const keyword = instruction.getKeyword();
  const reason = HEREDOC_REASONS[keyword];
  if (reason === undefined) return [];
  return heredocsOf(instruction).map((heredoc) => ({
    line: heredoc.getStartRange().start.line + 1,
    feature: `${keyword} <<${heredoc.getName()}`,
    reason,
    degradable: false,
  }));
}

/**
 * dockerfile-ast exposes getHeredocs() publicly on RUN and COPY only; ADD inherits the same
 * (protected) implementation from Instruction, so it is called through a structural type.
 */
function heredocsOf(instruction: Instruction): Heredoc[] {
  const withHeredocs = instruction as unknown as { getHeredocs?: () => Heredoc[] };
  return typeof withHeredocs.getHeredocs === 'function' ? withHeredocs.getHeredocs() : [];
}

function syntaxDirectiveFindings(directive: ParserDirective): LegacyIncompatibility[] {
  if (directive.getName().toLowerCase() !== 'syntax') return [];
  const frontend = directive.getValue().trim();
  if (DOCKERFILE_FRONTEND.test(frontend)) return [];
  return [
    {
      line: directive.getRange().start.line + 1,
      feature: `# syntax=${frontend}`,
      reason:
        'a custom BuildKit frontend; the classic builder ignores the directive and would read the file as a plain Dockerfile',
      degradable: false,
    },
  ];
}
