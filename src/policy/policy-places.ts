// Where a finding is, phrased the same way by every rule: `images.app` for the subject and
// `(app/Dockerfile:3)` / `(imageforge.yaml:12)` for the place, so one line tells the whole story.
import type { SourceLocation } from '../errors/imageforge-error.js';
import type { PolicyContext, PolicyImage } from './policy-types.js';

/** A Dockerfile line of an image: text for the message and the location for tools. */
export function dockerfilePlace(
  image: PolicyImage,
  line: number,
): { text: string; location: SourceLocation } {
  return { text: `${image.dockerfileLabel}:${line}`, location: { file: image.image.dockerfile, line } };
}

/** An image's entry in the config file (its `images.<name>` line when known). */
export function imageConfigPlace(
  context: PolicyContext,
  image: PolicyImage,
  ...rest: string[]
): { text: string; location: SourceLocation } {
  const line = image.image.line;
  const dotted = ['images', image.name, ...rest].join('.');
  return {
    text: line === undefined ? context.configLabel : `${context.configLabel}:${line}`,
    location:
      line === undefined
        ? { file: context.configFile, path: dotted }
        : { file: context.configFile, line, path: dotted },
  };
}

/** A declared builder in the config file (builders carry no line numbers). */
export function builderConfigPlace(
  context: PolicyContext,
  builder: string,
  ...rest: string[]
): { text: string; location: SourceLocation } {
  return {
    text: context.configLabel,
    location: { file: context.configFile, path: ['builders', builder, ...rest].join('.') },
  };
}

/** `images.a, images.b` */
export function imageList(names: string[]): string {
  return names.map((name) => `images.${name}`).join(', ');
}
