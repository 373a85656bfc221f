// Container logs: the engine's multiplexed stream (recorded) split into stdout, stderr and lines.
import { describe, expect, it } from 'vitest';
import { demultiplexLogs, parseEnv, toContainerOutput } from '../../../src/docker/container-client.js';

// `GET /containers/{id}/logs?stdout=1&stderr=1` from Docker 28.5 for
// sh -c 'echo out1; echo err1 >&2; printf "two\nlines\n"; printf partial'
const RECORDED = Buffer.from(
  'AQAAAAAAAAVvdXQxCgIAAAAAAAAFZXJyMQoBAAAAAAAABHR3bwoBAAAAAAAABmxpbmVzCgEAAAAAAAAHcGFydGlhbA==',
  'base64',
);

describe('demultiplexLogs', () => {
  it('splits the frames by stream', () => {
    expect(demultiplexLogs(RECORDED)).toEqual([
      { stream: 'stdout', text: 'out1\n' },
      { stream: 'stderr', text: 'err1\n' },
      { stream: 'stdout', text: 'two\n' },
      { stream: 'stdout', text: 'lines\n' },
      { stream: 'stdout', text: 'partial' },
    ]);
  });

  it('ignores a truncated trailing header', () => {
    expect(demultiplexLogs(Buffer.concat([RECORDED, Buffer.from([1, 0, 0])]))).toHaveLength(5);
  });
});

describe('toContainerOutput', () => {
  it('joins each stream and lists lines in order, the unterminated last line included', () => {
    expect(toContainerOutput(demultiplexLogs(RECORDED))).toEqual({
      stdout: 'out1\ntwo\nlines\npartial',
      stderr: 'err1\n',
      lines: [
        { stream: 'stdout', text: 'out1' },
        { stream: 'stderr', text: 'err1' },
        { stream: 'stdout', text: 'two' },
        { stream: 'stdout', text: 'lines' },
        { stream: 'stdout', text: 'partial' },
      ],
    });
  });

  it('rejoins a line split across frames', () => {
    const output = toContainerOutput([
      { stream: 'stdout', text: 'Jenkins is ful' },
      { stream: 'stdout', text: 'ly up and running\r\nnext' },
    ]);
    expect(output.lines.map((line) => line.text)).toEqual(['Jenkins is fully up and running', 'next']);
  });
});

describe('parseEnv', () => {
  it('splits at the first =', () => {
    expect(parseEnv(['A=1', 'B=x=y', 'C'])).toEqual({ A: '1', B: 'x=y', C: '' });
  });
});
