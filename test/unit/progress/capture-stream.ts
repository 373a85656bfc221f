// A writable stream that keeps what renderers write, optionally looking like a terminal of a given size.
import { Writable } from 'node:stream';

export interface CaptureStream extends Writable {
  text(): string;
  writes: string[];
  columns?: number;
  rows?: number;
  isTTY?: boolean;
}

export function captureStream(terminal?: { columns: number; rows: number }): CaptureStream {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback): void {
      writes.push(chunk.toString());
      callback();
    },
  }) as CaptureStream;
  stream.writes = writes;
  stream.text = () => writes.join('');
  if (terminal !== undefined) Object.assign(stream, { ...terminal, isTTY: true });
  return stream;
}

/**
 * What a terminal would show after `text`: understands the cursor-up, erase-line and carriage return
 * sequences the live display uses, so tests can assert on the screen instead of on escape codes.
 */
export function screenOf(text: string): string[] {
  const lines: string[] = [''];
  let row = 0;
  // eslint-disable-next-line no-control-regex
  const tokens = text.split(/(\u001b\[1A|\u001b\[2K|\r|\n)/);
  for (const token of tokens) {
    if (token === '\u001b[1A') row = Math.max(row - 1, 0);
    else if (token === '\u001b[2K') lines[row] = '';
    else if (token === '\r') continue;
    else if (token === '\n') {
      row += 1;
      if (lines[row] === undefined) lines[row] = '';
    } else lines[row] = (lines[row] ?? '') + token;
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
