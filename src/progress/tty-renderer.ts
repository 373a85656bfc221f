// The live display for interactive terminals: one line per image, redrawn on a timer (at most
// ~10 times a second however fast events arrive) so elapsed times tick and bursts of events stay cheap.
import { createColors } from 'picocolors';
import { toSingleLine } from '../report/strip-ansi.js';
import type { RunEvent } from '../run/events.js';
import { applyEvent, isActive, type ImageProgress, type RunProgress } from './image-progress.js';
import { renderImageLine } from './image-line.js';
import { LiveRegion } from './live-region.js';
import type { ProgressRenderer, ProgressRendererOptions } from './progress-renderer.js';

const DEFAULT_REFRESH_MS = 100;
const MAX_LINE_WIDTH = 120;
const MAX_NAME_WIDTH = 32;

export class TtyProgressRenderer implements ProgressRenderer {
  readonly #stream: NodeJS.WriteStream | NodeJS.WritableStream;
  readonly #region: LiveRegion;
  readonly #progress: RunProgress = new Map();
  readonly #options: ProgressRendererOptions;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;
  #closed = false;

  constructor(stream: NodeJS.WriteStream | NodeJS.WritableStream, options: ProgressRendererOptions) {
    this.#stream = stream;
    this.#region = new LiveRegion(stream);
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  onEvent(event: RunEvent): void {
    if (this.#closed) return;
    if (event.type === 'warning') {
      const colors = createColors(this.#options.color);
      const prefix = event.image === undefined ? '' : `[${event.image}] `;
      this.#region.print([colors.yellow(`${prefix}warning: ${toSingleLine(event.message)}`)]);
      return;
    }
    applyEvent(this.#progress, event);
    this.#dirty = true;
    this.#startTimer();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    if (this.#progress.size > 0) this.#region.render(this.#frame(Number.POSITIVE_INFINITY));
    this.#region.done();
  }

  #startTimer(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.#tick(), this.#options.refreshMs ?? DEFAULT_REFRESH_MS);
    this.#timer.unref();
  }

  #tick(): void {
    const active = [...this.#progress.values()].some(isActive);
    if (!this.#dirty && !active) return;
    this.#dirty = false;
    this.#region.render(this.#frame(this.#terminalRows() - 1));
  }

  /** The lines to draw, at most `maxLines`: running images first when they do not all fit. */
  #frame(maxLines: number): string[] {
    const now = this.#now();
    const images = [...this.#progress.values()];
    const nameWidth = Math.min(Math.max(...images.map((image) => image.name.length), 1), MAX_NAME_WIDTH);
    const width = Math.min(this.#terminalColumns(), MAX_LINE_WIDTH) - 1;
    const context = {
      now,
      nameWidth,
      width,
      colors: createColors(this.#options.color),
      maxAttempts: this.#options.maxAttempts,
    };
    const shown = images.length <= maxLines ? images : mostRelevant(images, Math.max(maxLines - 1, 1));
    const lines = shown.map((image) => renderImageLine(image, context));
    if (shown.length < images.length) lines.push(hiddenSummary(images, shown));
    return lines;
  }

  #terminalColumns(): number {
    const columns = 'columns' in this.#stream ? this.#stream.columns : undefined;
    return typeof columns === 'number' && columns > 0 ? columns : 80;
  }

  #terminalRows(): number {
    const rows = 'rows' in this.#stream ? this.#stream.rows : undefined;
    return typeof rows === 'number' && rows > 1 ? rows : 24;
  }
}

const PHASE_PRIORITY: Record<ImageProgress['phase'], number> = {
  building: 0,
  starting: 0,
  pushing: 0,
  retrying: 0,
  verifying: 0,
  finished: 1,
  queued: 2,
};

/** Keeps the original order among the images that make the cut. */
function mostRelevant(images: ImageProgress[], count: number): ImageProgress[] {
  const chosen = new Set(
    [...images].sort((a, b) => PHASE_PRIORITY[a.phase] - PHASE_PRIORITY[b.phase]).slice(0, count),
  );
  return images.filter((image) => chosen.has(image));
}

function hiddenSummary(images: ImageProgress[], shown: ImageProgress[]): string {
  const hidden = images.filter((image) => !shown.includes(image));
  const finished = hidden.filter((image) => image.phase === 'finished').length;
  const queued = hidden.filter((image) => image.phase === 'queued').length;
  return `  … ${hidden.length} more (${finished} finished, ${queued} queued)`;
}
