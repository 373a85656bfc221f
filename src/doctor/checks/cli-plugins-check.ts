// Every docker CLI plugin the docker CLI would load: broken symlinks, non-executables and plugins
// whose metadata call fails are the "invalid plugins" warnings teams see; --fix quarantines them
// (reversibly, `imageforge plugins restore`). Shadowed duplicates are only a warning.
import { auditCliPlugins, type PluginEntry } from '../../plugins/audit-cli-plugins.js';
import { quarantinePlugins } from '../../plugins/plugin-quarantine.js';
import type { DoctorContext } from '../doctor-context.js';
import type { DoctorCheck } from '../doctor-types.js';

export function cliPluginsCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'cli-plugins',
    title: 'docker CLI plugins',
    timeoutMs: 30_000,
    run: async () => {
      const audit = await auditCliPlugins({ env: context.env });
      const invalid = audit.plugins.filter((plugin) => !plugin.valid && plugin.problem !== 'shadowed');
      const shadowed = audit.plugins.filter((plugin) => plugin.problem === 'shadowed');
      const valid = audit.plugins.filter((plugin) => plugin.valid);
      const details = {
        dirs: audit.dirs,
        plugins: audit.plugins.map(({ name, path, valid: ok, problem, message, version, shadowedBy }) => ({
          name,
          path,
          valid: ok,
          problem,
          message,
          version,
          shadowedBy,
        })),
      };
      const listed = `${valid.length} valid (${valid.map((plugin) => `${plugin.name}${plugin.version ? ` ${plugin.version}` : ''}`).join(', ') || 'none'})`;
      if (invalid.length > 0)
        return {
          status: 'fail',
          finding: `${invalid.length} invalid: ${invalid.map(describe).join('; ')}`,
          hint: 'imageforge doctor --fix (or imageforge plugins clean) quarantines them; imageforge plugins restore undoes it',
          repair: {
            mode: 'fix',
            description: `quarantine ${invalid.length} invalid plugin${invalid.length > 1 ? 's' : ''} (${invalid.map((plugin) => plugin.path).join(', ')})`,
            apply: async () => {
              const result = await quarantinePlugins(invalid, { home: context.home });
              return {
                summary: `moved ${result.moved.length} plugin${result.moved.length === 1 ? '' : 's'} to ${result.dir}`,
                details: { quarantine: result.id, dir: result.dir },
              };
            },
          },
          details,
        };
      if (shadowed.length > 0)
        return {
          status: 'warn',
          finding: `${listed}; shadowed: ${shadowed.map((plugin) => `${plugin.path} (by ${plugin.shadowedBy ?? '?'})`).join('; ')}`,
          hint: 'remove the copy the docker CLI never runs, so upgrades do not go to the wrong one',
          details,
        };
      return { status: 'ok', finding: listed, details };
    },
  };
}

function describe(plugin: PluginEntry): string {
  return `${plugin.path} (${plugin.problem ?? 'invalid'}${plugin.message ? `: ${plugin.message}` : ''})`;
}
