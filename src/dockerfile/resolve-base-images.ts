// The external images a Dockerfile builds on, after build-arg substitution: what the planner
// matches against the tags of other configured images to order builds.
import { dockerfileSyntaxError } from './dockerfile-errors.js';
import { expandVariables } from './expand-variables.js';
import type { ParsedDockerfile } from './parsed-dockerfile.js';
import { stageReferencedByFrom, stagesNeededFor } from './stage-dependencies.js';

export interface BaseImageReference {
  /** The FROM reference after ARG substitution (not normalised). */
  ref: string;
  /** 1-based line of the FROM instruction. */
  line: number;
  stageIndex: number;
}

/**
 * Global ARGs (those before the first FROM) in scope for FROM lines: build args override
 * declared defaults; defaults may use earlier ARGs. Undeclared build args are not visible to FROM.
 */
export function resolveGlobalArgScope(
  parsed: ParsedDockerfile,
  buildArgs: Record<string, string>,
): Record<string, string> {
  const scope: Record<string, string> = {};
  for (const definition of parsed.globalArgDefinitions) {
    if (Object.hasOwn(buildArgs, definition.name)) {
      scope[definition.name] = buildArgs[definition.name] ?? '';
    } else if (definition.rawValue !== undefined) {
      scope[definition.name] = expandVariables(definition.rawValue, scope, parsed.escapeCharacter);
    }
  }
  return scope;
}

/**
 * FROM references after ARG substitution (`$X`, `${X}`, `${X:-d}`, `${X:+v}`), excluding
 * references to earlier stages and `scratch`. With a target, only stages the target needs count.
 */
export function resolveBaseImages(
  parsed: ParsedDockerfile,
  buildArgs: Record<string, string>,
  target?: string,
): BaseImageReference[] {
  const scope = resolveGlobalArgScope(parsed, buildArgs);
  const needed = stagesNeededFor(parsed, scope, target);
  const references: BaseImageReference[] = [];
  for (const stage of parsed.stages) {
    if (!needed.has(stage.index)) continue;
    const ref = expandVariables(stage.from, scope, parsed.escapeCharacter).trim();
    if (ref === '') {
      throw dockerfileSyntaxError(
        parsed.file,
        stage.line,
        `FROM ${stage.from} expands to an empty image name`,
        'Give the ARG a default before the first FROM, or pass it as a build arg (`args:` in imageforge.yaml).',
      );
    }
    if (ref === 'scratch') continue;
    if (stageReferencedByFrom(parsed.stages, stage, ref) !== undefined) continue;
    references.push({ ref, line: stage.line, stageIndex: stage.index });
  }
  return references;
}
