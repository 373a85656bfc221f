// A block of lines at the bottom of a terminal that is redrawn in place with plain ANSI cursor moves.
// It writes only to the stream it was given (unlike log-update, whose cursor hiding targets
// process.stderr), so tests can capture it and `--json` on stdout stays clean.

const CURSOR_UP_AND_ERASE_LINE = '\u001b[1A\u001b[2K';

export class LiveRegion {
  readonly #stream: NodeJS.WritableStream;
  #frame = '';
  #lineCount = 0;

  constructor(stream: NodeJS.WritableStream) {
    this.#stream = stream;
  }

  /** Replaces the block with `lines`; writes nothing when the block would not change. */
  render(lines: readonly string[]): void {
    const frame = toFrame(lines);
    if (frame === this.#frame) return;
    this.#stream.write(this.#erase() + frame);
    this.#frame = frame;
    this.#lineCount = lines.length;
  }

  /** Writes `lines` above the block, where they stay, and redraws the block below them. */
  print(lines: readonly string[]): void {
    if (lines.length === 0) return;
    this.#stream.write(this.#erase() + toFrame(lines) + this.#frame);
  }

  /** Leaves the current block on screen as ordinary output; later renders start a new block. */
  done(): void {
    this.#frame = '';
    this.#lineCount = 0;
  }

  #erase(): string {
    return this.#lineCount === 0 ? '' : `${CURSOR_UP_AND_ERASE_LINE.repeat(this.#lineCount)}\r`;
  }
}

function toFrame(lines: readonly string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}
