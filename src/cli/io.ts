// The CLI's view of the outside world, injectable so tests can run commands in-process.
export type CliStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  setExitCode(code: number): void;
}
