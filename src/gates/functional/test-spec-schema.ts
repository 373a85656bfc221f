// `images.<name>.test` in imageforge.yaml: functional tests of a built image, run through the
// Docker Engine API with nothing added to the image (metadata, files, commands, a running service).
import * as z from 'zod';
import { durationSchema, numberLike, stringLike } from '../../config/schema-fields.js';
import { tryParseDuration } from '../../config/duration.js';

const regexSchema = z.string().superRefine((value, ctx) => {
  try {
    new RegExp(value);
  } catch (error: unknown) {
    ctx.addIssue({
      code: 'custom',
      message: `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
});

const portSchema = numberLike(z.number().int().min(1).max(65535));
/** 8080, "8080" or "8080/tcp". */
const exposedPortSchema = z.union([
  z.number().int().min(1).max(65535),
  z.string().regex(/^\d{1,5}(\/(tcp|udp|sctp))?$/, { error: 'expected a port like 8080 or "8080/tcp"' }),
]);
const argvSchema = z.array(z.string()).min(1);

export const metadataTestSchema = z.strictObject({
  env: z.record(z.string().min(1), stringLike()).optional().describe('Variables the image sets (exact).'),
  labels: z.record(z.string().min(1), stringLike()).optional(),
  exposedPorts: z.array(exposedPortSchema).optional(),
  user: stringLike().optional(),
  workdir: z.string().optional(),
  entrypoint: z.array(z.string()).optional(),
  cmd: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
});

export const fileTestSchema = z.strictObject({
  path: z.string().startsWith('/', { error: 'file paths in tests are absolute, e.g. /usr/bin/java' }),
  /** false: the path must not exist. Default true. */
  exists: z.boolean().optional(),
  type: z.enum(['file', 'directory', 'symlink']).optional(),
  /** Permission bits in octal, e.g. "0755". */
  mode: z
    .string()
    .regex(/^0?[0-7]{3,4}$/, { error: 'expected an octal mode such as "0755"' })
    .optional(),
  /** user[:group], names or numeric ids. */
  owner: stringLike().optional(),
  /** Regular expression the file's content must match. */
  contains: regexSchema.optional(),
});

export const commandTestSchema = z.strictObject({
  name: z.string().min(1).optional(),
  /** Runs in a fresh container instead of the image's entrypoint and command. */
  run: argvSchema,
  env: z.record(z.string().min(1), stringLike()).optional(),
  user: stringLike().optional(),
  exitCode: numberLike(z.number().int().min(0).max(255)).optional(),
  stdout: regexSchema.optional(),
  stderr: regexSchema.optional(),
  timeout: durationSchema.optional(),
});

export const httpCheckSchema = z.strictObject({
  name: z.string().min(1).optional(),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']).optional(),
  path: z.string().startsWith('/').optional(),
  /** Container port; default the service's first port. */
  port: portSchema.optional(),
  status: numberLike(z.number().int().min(100).max(599)).optional(),
  body: regexSchema.optional(),
  /** Header name → regular expression its value must match. */
  headers: z.record(z.string().min(1), regexSchema).optional(),
  retries: numberLike(z.number().int().min(0).max(100)).optional(),
  interval: durationSchema.optional(),
  timeout: durationSchema.optional(),
});

export const readinessSchema = z
  .strictObject({
    healthcheck: z.boolean().optional().describe("Wait for the image's HEALTHCHECK to report healthy."),
    log: regexSchema.optional().describe('Wait for a log line matching this expression.'),
    port: portSchema.optional().describe('Wait until this container port accepts TCP connections.'),
    http: z
      .strictObject({
        path: z.string().startsWith('/').optional(),
        port: portSchema.optional(),
        status: numberLike(z.number().int().min(100).max(599)).optional(),
      })
      .optional()
      .describe('Wait until an HTTP request answers with this status (default 200).'),
    timeout: durationSchema.optional().describe('Deadline for readiness. Default 60s.'),
  })
  .refine(
    (ready) =>
      [ready.healthcheck, ready.log, ready.port, ready.http].filter((value) => value !== undefined).length <=
      1,
    { error: 'choose one readiness check: healthcheck, log, port or http' },
  );

export const serviceTestSchema = z.strictObject({
  /** Overrides the image's CMD; default: the image's own command. */
  command: z.array(z.string()).optional(),
  env: z.record(z.string().min(1), stringLike()).optional(),
  /** Container ports published on 127.0.0.1 for the checks. Default: the image's exposed TCP ports. */
  ports: z.array(portSchema).optional(),
  ready: readinessSchema.optional(),
  http: z.array(httpCheckSchema).optional(),
});

export const imageTestSchema = z.strictObject({
  metadata: metadataTestSchema.optional(),
  files: z.array(fileTestSchema).optional(),
  commands: z.array(commandTestSchema).optional(),
  service: serviceTestSchema.optional(),
  /** Deadline of the whole test run of one image. Default 5m. */
  timeout: durationSchema.optional(),
});

export type ImageTestInput = z.output<typeof imageTestSchema>;

// ---- resolved form (durations in ms, ports as numbers, defaults applied) ----

export interface MetadataExpectation {
  env: Record<string, string>;
  labels: Record<string, string>;
  /** "8080/tcp" form. */
  exposedPorts: string[];
  user: string | undefined;
  workdir: string | undefined;
  entrypoint: string[] | undefined;
  cmd: string[] | undefined;
  volumes: string[];
}

export interface FileExpectation {
  path: string;
  exists: boolean;
  type: 'file' | 'directory' | 'symlink' | undefined;
  /** Permission bits, e.g. 0o755. */
  mode: number | undefined;
  owner: string | undefined;
  contains: string | undefined;
}

export interface CommandExpectation {
  name: string;
  run: string[];
  env: Record<string, string>;
  user: string | undefined;
  exitCode: number;
  stdout: string | undefined;
  stderr: string | undefined;
  timeoutMs: number;
}

export interface HttpCheck {
  name: string;
  method: string;
  path: string;
  port: number | undefined;
  status: number;
  body: string | undefined;
  headers: Record<string, string>;
  retries: number;
  intervalMs: number;
  timeoutMs: number;
}

export type Readiness =
  | { kind: 'healthcheck'; timeoutMs: number }
  | { kind: 'log'; pattern: string; timeoutMs: number }
  | { kind: 'port'; port: number; timeoutMs: number }
  | { kind: 'http'; path: string; port: number | undefined; status: number; timeoutMs: number }
  /** No readiness configured: the container must stay running for a short grace period. */
  | { kind: 'running'; timeoutMs: number };

export interface ServiceExpectation {
  command: string[] | undefined;
  env: Record<string, string>;
  ports: number[] | undefined;
  ready: Readiness;
  http: HttpCheck[];
}

export interface ImageTestSpec {
  metadata: MetadataExpectation | undefined;
  files: FileExpectation[];
  commands: CommandExpectation[];
  service: ServiceExpectation | undefined;
  timeoutMs: number;
}

const ms = (value: string | number | undefined, fallback: number): number =>
  value === undefined ? fallback : (tryParseDuration(value) ?? fallback);

export function resolveImageTestSpec(input: ImageTestInput): ImageTestSpec {
  return {
    metadata: input.metadata && {
      env: input.metadata.env ?? {},
      labels: input.metadata.labels ?? {},
      exposedPorts: (input.metadata.exposedPorts ?? []).map((port) =>
        typeof port === 'number' || !port.includes('/') ? `${port}/tcp` : port,
      ),
      user: input.metadata.user,
      workdir: input.metadata.workdir,
      entrypoint: input.metadata.entrypoint,
      cmd: input.metadata.cmd,
      volumes: input.metadata.volumes ?? [],
    },
    files: (input.files ?? []).map((file) => ({
      path: file.path,
      exists: file.exists ?? true,
      type: file.type,
      mode: file.mode === undefined ? undefined : Number.parseInt(file.mode, 8),
      owner: file.owner,
      contains: file.contains,
    })),
    commands: (input.commands ?? []).map((command) => ({
      name: command.name ?? command.run.join(' '),
      run: command.run,
      env: command.env ?? {},
      user: command.user,
      exitCode: command.exitCode ?? 0,
      stdout: command.stdout,
      stderr: command.stderr,
      timeoutMs: ms(command.timeout, 60_000),
    })),
    service: input.service && resolveService(input.service),
    timeoutMs: ms(input.timeout, 300_000),
  };
}

function resolveService(service: z.output<typeof serviceTestSchema>): ServiceExpectation {
  return {
    command: service.command,
    env: service.env ?? {},
    ports: service.ports,
    ready: resolveReadiness(service.ready),
    http: (service.http ?? []).map((check) => ({
      name: check.name ?? `${check.method ?? 'GET'} ${check.path ?? '/'}`,
      method: check.method ?? 'GET',
      path: check.path ?? '/',
      port: check.port,
      status: check.status ?? 200,
      body: check.body,
      headers: check.headers ?? {},
      retries: check.retries ?? 3,
      intervalMs: ms(check.interval, 1000),
      timeoutMs: ms(check.timeout, 5000),
    })),
  };
}

function resolveReadiness(ready: z.output<typeof readinessSchema> | undefined): Readiness {
  const timeoutMs = ms(ready?.timeout, 60_000);
  if (ready?.healthcheck === true) return { kind: 'healthcheck', timeoutMs };
  if (ready?.log !== undefined) return { kind: 'log', pattern: ready.log, timeoutMs };
  if (ready?.port !== undefined) return { kind: 'port', port: ready.port, timeoutMs };
  if (ready?.http !== undefined) {
    return {
      kind: 'http',
      path: ready.http.path ?? '/',
      port: ready.http.port,
      status: ready.http.status ?? 200,
      timeoutMs,
    };
  }
  return { kind: 'running', timeoutMs: Math.min(timeoutMs, 2000) };
}
