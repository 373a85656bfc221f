// imageforge.yaml (when there is one) loads and validates: several checks read it, and an invalid
// config is the first thing to fix.
import path from 'node:path';
import type { DoctorContext } from '../doctor-context.js';
import type { DoctorCheck } from '../doctor-types.js';

export function configCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'config',
    title: 'imageforge.yaml',
    run: async () => {
      const config = await context.config();
      if (!config.ok)
        return {
          status: 'fail',
          finding: config.error,
          hint: 'imageforge config validate shows every problem with file:line',
        };
      if (config.value === undefined)
        return {
          status: 'skip',
          finding:
            'no imageforge.yaml here: project checks (builders, registry cache, platforms) use defaults',
        };
      const { file, images, builders, warnings, profile } = config.value;
      const details = {
        file,
        profile,
        images: Object.keys(images).length,
        builders: Object.keys(builders).length,
        warnings,
      };
      const finding = `${path.relative(process.cwd(), file) || file}: ${details.images} images, ${details.builders} builders${profile ? `, profile ${profile}` : ''}`;
      if (warnings.length > 0)
        return { status: 'warn', finding: `${finding}; ${warnings.join('; ')}`, details };
      return { status: 'ok', finding, details };
    },
  };
}
