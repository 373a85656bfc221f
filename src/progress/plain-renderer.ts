// Line-oriented progress for CI logs and pipes: every line stands alone, prefixed with the image name
// so interleaved parallel builds can be followed (or grepped), and nothing is ever redrawn.
import { createColors } from 'picocolors';
import { formatDuration } from '../report/human-format.js';
import type { ImageResult } from '../report/report-types.js';
import { stripAnsi, toSingleLine } from '../report/strip-ansi.js';
import type { RunEvent, StepProgress } from '../run/events.js';
import type { ProgressRenderer, ProgressRendererOptions } from './progress-renderer.js';

type Colors = ReturnType<typeof createColors>;

export class PlainProgressRenderer implements ProgressRenderer {
  readonly #stream: NodeJS.WritableStream;
  readonly #colors: Colors;
  readonly #options: ProgressRendererOptions;
  /** Per image: steps already announced in the current attempt (`CACHED` ones marked separately). */
  readonly #announced = new Map<string, Set<string>>();
  #labelWidth = 0;

  constructor(stream: NodeJS.WritableStream, options: ProgressRendererOptions) {
    this.#stream = stream;
    this.#options = options;
    this.#colors = createColors(options.color);
  }

  onEvent(event: RunEvent): void {
    if (event.type === 'run-started') {
      for (const name of event.images) this.#widenLabel(name);
      return;
    }
    if (event.type === 'run-finished') return;
    if (event.type === 'warning') {
      const text = this.#colors.yellow(`warning: ${toSingleLine(event.message)}`);
      this.#write(event.image, text);
      return;
    }
    const text = this.#describe(event);
    if (text !== undefined) this.#write(event.image, text);
  }

  close(): void {
    this.#announced.clear();
  }

  #describe(
    event: Exclude<RunEvent, { type: 'run-started' | 'run-finished' | 'warning' }>,
  ): string | undefined {
    const colors = this.#colors;
    switch (event.type) {
      case 'image-queued':
        return colors.dim('queued');
      case 'image-started':
        this.#announced.set(event.image, new Set());
        return event.attempt > 1
          ? `attempt ${this.#attempt(event.attempt)}: building with ${event.method}`
          : `building with ${event.method}`;
      case 'image-step':
        return this.#describeStep(event.image, event.step);
      case 'image-log':
        return `log: ${this.#options.color ? event.line : stripAnsi(event.line)}`;
      case 'image-retry':
        return colors.yellow(
          `retry ${this.#attempt(event.attempt)} in ${formatDuration(event.delayMs)}: ${toSingleLine(event.error.message)}`,
        );
      case 'gate-started':
        return `${event.gate}: running`;
      case 'gate-finished': {
        const text = `${event.gate}: ${toSingleLine(event.summary)}`;
        if (event.status === 'failed') return colors.red(text);
        return event.status === 'error' ? colors.yellow(text) : text;
      }
      case 'push-started':
        return 'pushing';
      case 'push-finished':
        return event.ok ? colors.green('pushed') : colors.red('push failed');
      case 'image-finished':
        return describeResult(event.result, colors);
    }
  }

  /**
   * Each step once per attempt (`#3 RUN make`), or `CACHED ...` once when BuildKit reuses it. Steps
   * are told apart by name: `current` is the runner's counter when the event fired, not the step's own.
   */
  #describeStep(image: string, step: StepProgress): string | undefined {
    const announced = this.#announced.get(image) ?? new Set<string>();
    this.#announced.set(image, announced);
    const name = toSingleLine(step.name);
    if (step.cached) {
      if (announced.has(`cached:${name}`)) return undefined;
      announced.add(`cached:${name}`).add(name);
      return this.#colors.dim(`CACHED ${name}`);
    }
    if (announced.has(name)) return undefined;
    announced.add(name);
    return `#${step.current} ${name}`;
  }

  #attempt(attempt: number): string {
    const max = this.#options.maxAttempts;
    return max === undefined ? String(attempt) : `${attempt}/${max}`;
  }

  #widenLabel(image: string): void {
    this.#labelWidth = Math.max(this.#labelWidth, image.length + 2);
  }

  #write(image: string | undefined, text: string): void {
    if (image === undefined) {
      this.#stream.write(`${text}\n`);
      return;
    }
    this.#widenLabel(image);
    const label = `[${image}]`.padEnd(this.#labelWidth);
    this.#stream.write(`${this.#colors.cyan(label)} ${text}\n`);
  }
}

function describeResult(result: ImageResult, colors: Colors): string {
  const took = formatDuration(result.durationMs);
  switch (result.status) {
    case 'built': {
      const { cachedSteps, totalSteps } = result.cache;
      const cache = totalSteps > 0 ? ` (${cachedSteps}/${totalSteps} steps cached)` : '';
      return colors.green(`built in ${took}`) + cache;
    }
    case 'failed': {
      const message = toSingleLine(result.error?.message ?? 'build failed');
      const hint = result.error?.hint === undefined ? '' : ` (hint: ${toSingleLine(result.error.hint)})`;
      return colors.red(`failed after ${took}: ${message}`) + hint;
    }
    case 'skipped':
    case 'cancelled': {
      const reason = result.reason === undefined ? '' : ` (${toSingleLine(result.reason)})`;
      return colors.yellow(`${result.status}${reason}`);
    }
  }
}
