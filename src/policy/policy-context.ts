// Gathers, once per check, the facts the production rules judge: each planned image's Dockerfile,
// the external images it reads (with their lines) and the builder it runs on.
import path from 'node:path';
import type { BuilderConfig } from '../config/types.js';
import {
  expandVariables,
  readDockerfile,
  resolveBaseImages,
  resolveGlobalArgScope,
  type ParsedDockerfile,
} from '../dockerfile/index.js';
import { parseFlag, parseMountOptions } from '../dockerfile/instruction-flags.js';
import { stagesNeededFor } from '../dockerfile/stage-dependencies.js';
import type { BuildPlan, PlannedImage } from '../plan/plan.js';
import type { PolicyContext, PolicyImage, ReferencedImage } from './policy-types.js';

export interface PolicyContextOptions {
  /** Declared builders; default the plan's `builders:`. */
  builders?: Record<string, BuilderConfig>;
  /** Dockerfiles already parsed, by image name (read from disk otherwise). */
  parsed?: Record<string, ParsedDockerfile>;
}

export async function resolvePolicyContext(
  plan: BuildPlan,
  options: PolicyContextOptions = {},
): Promise<PolicyContext> {
  const builders = options.builders ?? plan.config.builders;
  const projectDir = plan.config.projectDir;
  const images: PolicyImage[] = [];
  for (const name of plan.order) {
    const planned = plan.images[name];
    if (!planned) continue;
    const parsed = options.parsed?.[name] ?? (await readDockerfile(planned.image.dockerfile));
    const builderName = planned.image.builder ?? plan.config.settings.builder;
    images.push({
      name,
      planned,
      image: planned.image,
      parsed,
      dockerfileLabel: relativeLabel(projectDir, planned.image.dockerfile),
      externalImages: externalImages(planned, parsed),
      builderName,
      builder: builderName === undefined ? undefined : builders[builderName],
    });
  }
  return {
    configFile: plan.config.file,
    configLabel: path.basename(plan.config.file),
    images,
  };
}

function relativeLabel(projectDir: string, file: string): string {
  const relative = path.relative(projectDir, file);
  return relative === '' || relative.startsWith('..') ? file : relative;
}

/**
 * External images the build reads: FROM references not produced by this set, plus images named by
 * `COPY --from=` and `RUN --mount=from=` (anything that is not a stage name or index), in the
 * stages the target needs.
 */
function externalImages(planned: PlannedImage, parsed: ParsedDockerfile): ReferencedImage[] {
  const { args, target } = planned.image;
  const external = new Set(planned.externalBaseImages);
  const fromImages: ReferencedImage[] = resolveBaseImages(parsed, args, target)
    .filter((base) => external.has(base.ref))
    .map((base) => ({ ref: base.ref, line: base.line, via: 'FROM' }));
  const scope = resolveGlobalArgScope(parsed, args);
  const needed = stagesNeededFor(parsed, scope, target);
  const flagImages: ReferencedImage[] = [];
  for (const instruction of parsed.instructions) {
    if (!needed.has(instruction.stageIndex)) continue;
    for (const reference of flagImageReferences(instruction.keyword, instruction.flags)) {
      const ref = expandVariables(reference.value, scope, parsed.escapeCharacter).trim();
      if (ref === '' || isStageReference(parsed, ref)) continue;
      flagImages.push({ ref, line: instruction.line, via: reference.via });
    }
  }
  return [...fromImages, ...flagImages];
}

function flagImageReferences(
  keyword: string,
  flags: string[],
): Array<{ value: string; via: ReferencedImage['via'] }> {
  return flags.flatMap((text): Array<{ value: string; via: ReferencedImage['via'] }> => {
    const flag = parseFlag(text);
    if (flag.value === undefined) return [];
    if (keyword === 'COPY' && flag.name === 'from') return [{ value: flag.value, via: 'COPY --from=' }];
    if (keyword !== 'RUN' || flag.name !== 'mount') return [];
    const from = parseMountOptions(flag.value).from;
    return from === undefined ? [] : [{ value: from, via: 'RUN --mount from=' }];
  });
}

function isStageReference(parsed: ParsedDockerfile, reference: string): boolean {
  if (/^\d+$/.test(reference)) return Number(reference) < parsed.stages.length;
  return parsed.stages.some((stage) => stage.name === reference.toLowerCase());
}
