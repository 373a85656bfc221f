// `imageforge serve`: the dashboard, JSON API, /metrics and /healthz over the run history. Thin:
// flags → config, token and history store → src/server → one line saying where it listens.
import type { Command } from 'commander';
import { isImageforgeError } from '../../errors/imageforge-error.js';
import { ErrorCode } from '../../errors/codes.js';
import type { ResolvedConfig } from '../../config/types.js';
import { openHistoryStore } from '../../history/open-history.js';
import { TOKEN_ENV } from '../../server/bearer-token.js';
import { assertBindAllowed, DEFAULT_HOST } from '../../server/bind-address.js';
import { engineLiveFacts } from '../../server/engine-live-facts.js';
import { resolveServeToken } from '../../server/serve-token.js';
import { DEFAULT_PORT, startServer } from '../../server/start-server.js';
import type { CliIo } from '../io.js';
import { addConfigFlags, loadFromFlags, usageError, type ConfigFlags } from '../options.js';

interface ServeFlags extends ConfigFlags {
  port: number;
  host: string;
  history?: string;
  tokenFile?: string;
}

export function registerServe(program: Command, io: CliIo): void {
  addConfigFlags(
    program
      .command('serve')
      .description('web dashboard, JSON API and Prometheus /metrics over the run history'),
  )
    .option('--port <number>', 'port to listen on (0 = any free port)', parsePort, DEFAULT_PORT)
    .option('--host <address>', 'address to bind; beyond loopback only with a token', DEFAULT_HOST)
    .option(
      '--history <url>',
      'history store: sqlite:<path>, a file path or postgres://… (overrides settings.history)',
    )
    .option(
      '--token-file <path>',
      `file holding the bearer token for state-changing routes (default: $${TOKEN_ENV})`,
    )
    .action(async (flags: ServeFlags, command: Command) => {
      const token = await resolveServeToken({ env: io.env, tokenFile: flags.tokenFile });
      assertBindAllowed(flags.host, token);
      const config = await loadOptionalConfig(flags, command);
      const store = await openHistoryStore({
        url: flags.history ?? config?.settings.history?.url,
        projectDir: config?.projectDir ?? process.cwd(),
      });
      try {
        await store.migrate();
        const server = await startServer({
          store,
          config,
          token,
          live: engineLiveFacts({ config, env: io.env }),
          host: flags.host,
          port: flags.port,
        });
        io.stdout.write(`imageforge serve: ${server.url} (history: ${store.location})\n`);
        await untilSignal(['SIGINT', 'SIGTERM']);
        await server.close();
      } finally {
        await store.close();
      }
    });
}

/** The config named by -f; none at all is fine when -f was not given (the default store then). */
async function loadOptionalConfig(flags: ServeFlags, command: Command): Promise<ResolvedConfig | undefined> {
  try {
    return await loadFromFlags(flags);
  } catch (error: unknown) {
    const implicitFile = command.getOptionValueSource('file') === 'default';
    if (implicitFile && isImageforgeError(error) && error.code === ErrorCode.ConfigNotFound) return undefined;
    throw error;
  }
}

function untilSignal(signals: NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      for (const name of signals) process.off(name, onSignal);
      resolve(signal);
    };
    for (const name of signals) process.on(name, onSignal);
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw usageError(`--port: expected a port number from 0 to 65535, got "${value}"`);
  return port;
}
