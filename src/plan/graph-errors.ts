// The errors the dependency graph reports, each naming the config file and what to change.
import { didYouMean } from '../shared/did-you-mean.js';
import { ErrorCode } from '../errors/codes.js';
import { ImageforgeError } from '../errors/imageforge-error.js';

export function unknownDependencyError(
  image: string,
  dependency: string,
  known: string[],
  configFile: string,
  configLine?: number,
): ImageforgeError {
  return new ImageforgeError(
    `image "${image}" depends on unknown image "${dependency}"${didYouMean(dependency, known)}`,
    {
      code: ErrorCode.ConfigUnknownImage,
      category: 'config',
      hint: `dependsOn must name images defined under \`images:\`: ${known.join(', ')}.`,
      location: {
        file: configFile,
        ...(configLine === undefined ? {} : { line: configLine }),
        path: `images.${image}.dependsOn`,
      },
      details: { image, dependency },
    },
  );
}

export function duplicateImageError(image: string, configFile: string): ImageforgeError {
  return new ImageforgeError(`image "${image}" is defined twice`, {
    code: ErrorCode.ConfigInvalid,
    category: 'config',
    hint: 'Give every image under `images:` a unique name.',
    location: { file: configFile, path: `images.${image}` },
  });
}

/** `cycle` is the path with the first image repeated at the end: [a, b, c, a]. */
export function cycleError(
  cycle: string[],
  explanations: string[],
  configFile: string,
  configLine?: number,
): ImageforgeError {
  const start = cycle[0] ?? '';
  return new ImageforgeError(`dependency cycle: ${cycle.join(' → ')}`, {
    code: ErrorCode.ConfigCycle,
    category: 'config',
    hint: `${explanations.join('; ')}. Remove one of these dependencies.`,
    location: {
      file: configFile,
      ...(configLine === undefined ? {} : { line: configLine }),
      path: `images.${start}`,
    },
    details: { cycle },
  });
}

export function unknownImageUsageError(name: string, known: string[]): ImageforgeError {
  return new ImageforgeError(`unknown image "${name}"${didYouMean(name, known)}`, {
    code: ErrorCode.Usage,
    category: 'usage',
    hint: `Images in the config: ${known.join(', ') || 'none'}.`,
    details: { image: name },
  });
}
