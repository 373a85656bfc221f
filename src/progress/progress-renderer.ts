// The one entry point for showing run progress: picks the renderer for a mode. Renderers consume the
// RunEvent stream and write only to the stream they are given (stderr from the CLI; stdout is --json's).
import { createColors } from 'picocolors';
import { toSingleLine } from '../report/strip-ansi.js';
import type { RunEvent } from '../run/events.js';
import { PlainProgressRenderer } from './plain-renderer.js';
import type { ProgressMode } from './progress-mode.js';
import { TtyProgressRenderer } from './tty-renderer.js';

export type { ProgressMode } from './progress-mode.js';

export interface ProgressRenderer {
  onEvent(event: RunEvent): void;
  /** Stops timers and leaves the final state on screen. Safe to call twice. */
  close(): void;
}

export interface ProgressRendererOptions {
  color: boolean;
  /** Clock for elapsed times; tests pass a fixed one. */
  now?: () => number;
  /** Attempts allowed per image, shown as `retry 2/3`; without it retries show `retry 2`. */
  maxAttempts?: number;
  /** TTY redraw interval; 100 ms keeps it at ~10 frames a second. */
  refreshMs?: number;
}

export function createProgressRenderer(
  mode: ProgressMode,
  stream: NodeJS.WriteStream | NodeJS.WritableStream,
  options: ProgressRendererOptions,
): ProgressRenderer {
  if (mode === 'tty') return new TtyProgressRenderer(stream, options);
  if (mode === 'plain') return new PlainProgressRenderer(stream, options);
  return new QuietProgressRenderer(stream, options);
}

/** `--quiet`: only warnings, which a user must not miss even when they asked for silence. */
class QuietProgressRenderer implements ProgressRenderer {
  readonly #stream: NodeJS.WritableStream;
  readonly #options: ProgressRendererOptions;

  constructor(stream: NodeJS.WritableStream, options: ProgressRendererOptions) {
    this.#stream = stream;
    this.#options = options;
  }

  onEvent(event: RunEvent): void {
    if (event.type !== 'warning') return;
    const prefix = event.image === undefined ? '' : `[${event.image}] `;
    const colors = createColors(this.#options.color);
    this.#stream.write(`${colors.yellow(`${prefix}warning: ${toSingleLine(event.message)}`)}\n`);
  }

  close(): void {}
}
