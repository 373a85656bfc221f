// The docs drift test is only as good as its extractor: it must find every imageforge line a reader
// sees (and nothing else), split it as a shell would, and tell pasteable lines from synopses.
import { describe, expect, it } from 'vitest';
import { extractDocCommands, parseReference, withoutDescription } from '../../support/doc-commands.js';

function extract(markdown: string) {
  return extractDocCommands('docs/x.md', markdown).map(({ line, kind, words, env }) => ({
    line,
    kind,
    words,
    env,
  }));
}

describe('extractDocCommands', () => {
  it('finds commands in sh, bash, console and bare blocks, with their lines', () => {
    const markdown = [
      '# Title', // 1
      'Run `imageforge build` inline: not a block.', // 2
      '```sh', // 3
      'imageforge plan --json', // 4
      'docker buildx ls', // 5
      '```', // 6
      '```bash', // 7
      'npx imageforge config validate', // 8
      'node bin/imageforge.js cache du', // 9
      '```', // 10
      '```console', // 11
      '$ imageforge history ls --limit 5', // 12
      'imageforge: output lines are not commands', // 13
      '```', // 14
      '```yaml', // 15
      'imageforge build: not shell', // 16
      '```', // 17
      '```', // 18
      '$ imageforge doctor', // 19
      '```', // 20
    ].join('\n');
    expect(extract(markdown)).toEqual([
      { line: 2, kind: 'mention', words: ['build'], env: {} },
      { line: 4, kind: 'command', words: ['plan', '--json'], env: {} },
      { line: 8, kind: 'command', words: ['config', 'validate'], env: {} },
      { line: 9, kind: 'command', words: ['cache', 'du'], env: {} },
      { line: 12, kind: 'command', words: ['history', 'ls', '--limit', '5'], env: {} },
      { line: 19, kind: 'command', words: ['doctor'], env: {} },
    ]);
  });

  it('splits like a shell: quotes, continuations, comments, pipes and redirections, variables in front', () => {
    const markdown = [
      '```sh',
      "TAG=1.4.2 NAME='a b' imageforge plan --set 'images.app.args.X=a b|c' \\",
      '  --profile ci   # a comment',
      'imageforge config schema > imageforge.schema.json',
      'imageforge build --json 2>/dev/null | jq .status && echo done',
      'imageforge cache du; imageforge cache prune --dry-run',
      '```',
    ].join('\n');
    expect(extract(markdown)).toEqual([
      {
        line: 2,
        kind: 'command',
        words: ['plan', '--set', 'images.app.args.X=a b|c', '--profile', 'ci'],
        env: { TAG: '1.4.2', NAME: 'a b' },
      },
      { line: 4, kind: 'command', words: ['config', 'schema'], env: {} },
      { line: 5, kind: 'command', words: ['build', '--json'], env: {} },
      { line: 6, kind: 'command', words: ['cache', 'du'], env: {} },
    ]);
  });

  it('treats metasyntax as a reference line and joins the option lines under a bare synopsis', () => {
    const markdown = [
      '```',
      'imageforge build [images...]     build the images; default: all',
      '  -f, --file <path>              config file',
      '  --progress auto|tty|plain|quiet  live lines',
      '                                 more prose about progress',
      'imageforge config schema         JSON Schema of imageforge.yaml',
      'imageforge doctor --fix      [--dry-run] [--yes]   safe repairs',
      '```',
      '```sh',
      'imageforge history ls [--limit 20] [--json]',
      '```',
    ].join('\n');
    expect(extract(markdown)).toEqual([
      {
        line: 2,
        kind: 'reference',
        words: ['build', '[images...]', '-f,', '--file', '<path>', '--progress', 'auto|tty|plain|quiet'],
        env: {},
      },
      { line: 6, kind: 'command', words: ['config', 'schema'], env: {} },
      { line: 7, kind: 'reference', words: ['doctor', '--fix', '[--dry-run]', '[--yes]'], env: {} },
      { line: 10, kind: 'reference', words: ['history', 'ls', '[--limit', '20]', '[--json]'], env: {} },
    ]);
  });

  it('handles indented and tilde fences, and a longer fence containing a shorter one', () => {
    const markdown = [
      '- step',
      '  ~~~sh',
      '  imageforge plan',
      '  ~~~',
      '````md',
      '```sh',
      'imageforge nope',
      '```',
      '````',
    ].join('\n');
    expect(extract(markdown)).toEqual([{ line: 3, kind: 'command', words: ['plan'], env: {} }]);
  });
  it('takes inline code spans that name the program as mentions, metasyntax kept', () => {
    const markdown = [
      '| symptom | fix: `imageforge doctor --fix --yes`, or `imageforge plugins clean` |',
      '## `imageforge cache prune [--dry-run] [--all]`',
      'Also `imageforge.yaml`, `docker buildx ls`, ``imageforge `x` ``, `imageforge config schema > s.json`.',
    ].join('\n');
    expect(extract(markdown)).toEqual([
      { line: 1, kind: 'mention', words: ['doctor', '--fix', '--yes'], env: {} },
      { line: 1, kind: 'mention', words: ['plugins', 'clean'], env: {} },
      { line: 2, kind: 'mention', words: ['cache', 'prune', '[--dry-run]', '[--all]'], env: {} },
      { line: 3, kind: 'mention', words: ['config', 'schema'], env: {} },
    ]);
  });
});

describe('withoutDescription', () => {
  it('keeps syntax segments and drops the description column', () => {
    expect(withoutDescription('doctor --fix      [--dry-run] [--yes]   safe repairs')).toBe(
      'doctor --fix [--dry-run] [--yes]',
    );
    expect(withoutDescription('config schema                   JSON Schema  of it')).toBe('config schema');
  });
});

describe('parseReference', () => {
  it('names the leading command words (with alternatives) and how each flag shows its value', () => {
    expect(
      parseReference([
        'history',
        'trends',
        '[--since',
        '30d]',
        '[--bucket',
        'day|hour]',
        '[--json]',
        '-f,',
        '--file',
        '<path>',
        '--only=ids',
      ]),
    ).toEqual({
      leading: [['history'], ['trends']],
      flags: [
        { flag: '--since', value: 'literal', values: ['30d'] },
        { flag: '--bucket', value: 'choices', values: ['day', 'hour'] },
        { flag: '--json', value: 'none', values: [] },
        { flag: '-f', value: 'placeholder', values: [] },
        { flag: '--file', value: 'placeholder', values: [] },
        { flag: '--only', value: 'literal', values: ['ids'] },
      ],
    });
    expect(parseReference(['plugins', 'ls|clean|restore']).leading).toEqual([
      ['plugins'],
      ['ls', 'clean', 'restore'],
    ]);
    expect(
      parseReference(['test', '<image>', '[--spec', 'tests.yaml', '|', '--tests-of', '<name>]']).flags,
    ).toEqual([
      { flag: '--spec', value: 'literal', values: ['tests.yaml'] },
      { flag: '--tests-of', value: 'placeholder', values: [] },
    ]);
    expect(parseReference(['history', 'ls', '[--limit', 'n]', '--image', 'NAME']).flags).toEqual([
      { flag: '--limit', value: 'placeholder', values: [] },
      { flag: '--image', value: 'placeholder', values: [] },
    ]);
  });
});
