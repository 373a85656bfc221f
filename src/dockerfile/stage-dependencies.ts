// Which stages a build target needs: BuildKit only builds the target and the stages it reaches
// through `FROM <stage>`, `COPY --from=<stage|index>` and `RUN --mount=…,from=<stage|index>`.
import { didYouMean } from '../shared/did-you-mean.js';
import { unknownTargetError } from './dockerfile-errors.js';
import { expandVariables, type VariableScope } from './expand-variables.js';
import { parseFlag, parseMountOptions } from './instruction-flags.js';
import type { DockerfileStage, ParsedDockerfile } from './parsed-dockerfile.js';

/** The stage a `FROM` refers to: a stage named earlier in the file, or undefined for an image. */
export function stageReferencedByFrom(
  stages: DockerfileStage[],
  stage: DockerfileStage,
  expandedFrom: string,
): number | undefined {
  const name = expandedFrom.toLowerCase();
  return stages.find((candidate) => candidate.index < stage.index && candidate.name === name)?.index;
}

/** Indices of the stages the target needs (the target included); every stage when no target. */
export function stagesNeededFor(
  parsed: ParsedDockerfile,
  scope: VariableScope,
  target?: string,
): Set<number> {
  if (target === undefined) return new Set(parsed.stages.map((stage) => stage.index));
  const targetStage = parsed.stages.find((stage) => stage.name === target.toLowerCase());
  if (!targetStage) {
    const names = parsed.stages.flatMap((stage) => (stage.name ? [stage.name] : []));
    throw unknownTargetError(parsed.file, target, names, didYouMean(target, names));
  }
  const dependencies = directStageDependencies(parsed, scope);
  const needed = new Set<number>();
  const pending = [targetStage.index];
  for (let index = pending.pop(); index !== undefined; index = pending.pop()) {
    if (needed.has(index)) continue;
    needed.add(index);
    pending.push(...(dependencies[index] ?? []));
  }
  return needed;
}

/** For each stage index, the stages it uses directly. */
export function directStageDependencies(parsed: ParsedDockerfile, scope: VariableScope): number[][] {
  const expand = (word: string): string => expandVariables(word, scope, parsed.escapeCharacter);
  const dependencies = parsed.stages.map((stage) => {
    const base = stageReferencedByFrom(parsed.stages, stage, expand(stage.from));
    return base === undefined ? [] : [base];
  });
  for (const instruction of parsed.instructions) {
    const own = dependencies[instruction.stageIndex];
    if (!own) continue;
    for (const reference of stageReferencesOfFlags(instruction.keyword, instruction.flags)) {
      const index = findStage(parsed.stages, expand(reference), instruction.stageIndex);
      if (index !== undefined && !own.includes(index)) own.push(index);
    }
  }
  return dependencies;
}

function stageReferencesOfFlags(keyword: string, flags: string[]): string[] {
  return flags.flatMap((text) => {
    const flag = parseFlag(text);
    if (flag.value === undefined) return [];
    if (keyword === 'COPY' && flag.name === 'from') return [flag.value];
    if (keyword === 'RUN' && flag.name === 'mount') {
      const from = parseMountOptions(flag.value).from;
      return from === undefined ? [] : [from];
    }
    return [];
  });
}

/** `--from` accepts a stage name or a stage index; anything else is an image. */
function findStage(stages: DockerfileStage[], reference: string, currentIndex: number): number | undefined {
  const name = reference.toLowerCase();
  const named = stages.find((stage) => stage.name === name && stage.index !== currentIndex);
  if (named) return named.index;
  if (!/^\d+$/.test(reference)) return undefined;
  const index = Number(reference);
  return index < stages.length && index !== currentIndex ? index : undefined;
}
