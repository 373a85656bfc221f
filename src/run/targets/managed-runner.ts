// Connects runs to imageforge's managed builders: a managed builder (or pool node) that is not
// running is started before the run uses it.
import type { BuilderConfig, ResolvedConfig } from '../../config/types.js';
import { ImageforgeError } from '../../errors/imageforge-error.js';
import { ErrorCode } from '../../errors/codes.js';
import type { ManagedBuilderRunner } from './build-target.js';

export function defaultManagedRunner(
  _config: ResolvedConfig,
  _env: Record<string, string | undefined>,
): ManagedBuilderRunner {
  return {
    ensureRunning: (builder: BuilderConfig) =>
      Promise.reject(
        new ImageforgeError(`managed builder "${builder.name}" is not available in this build`, {
          code: ErrorCode.BuilderMissing,
          category: 'environment',
          hint: `start it with \`imageforge builder up ${builder.name}\``,
        }),
      ),
  };
}
