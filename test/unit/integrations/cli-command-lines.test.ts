// The checker the example tests rely on must itself reject what the CLI rejects, or those tests
// would prove nothing.
import { describe, expect, it } from 'vitest';
import { imageforgeInvocations, parseInvocation, shellWords } from './cli-command-lines.js';

describe('shellWords', () => {
  it('splits like a shell, stops at redirections and operators, replaces variables', () => {
    expect(shellWords(`imageforge build --json --timeout 45m > .imageforge/build.json`)).toEqual([
      'imageforge',
      'build',
      '--json',
      '--timeout',
      '45m',
    ]);
    expect(shellWords(`imageforge build -f "my dir/imageforge.yaml" 2>err.log`)).toEqual([
      'imageforge',
      'build',
      '-f',
      'my dir/imageforge.yaml',
    ]);
    expect(shellWords(`imageforge plan --set 'a=b c' && echo done`)).toEqual([
      'imageforge',
      'plan',
      '--set',
      'a=b c',
    ]);
    expect(shellWords('imageforge build ${{ matrix.image }} --profile "$PROFILE" # why')).toEqual([
      'imageforge',
      'build',
      'placeholder',
      '--profile',
      'placeholder',
    ]);
  });

  it('finds imageforge lines, joining continuations and ignoring mentions', () => {
    const script = [
      'echo "imageforge build --nope"',
      "error('imageforge: failed')",
      'imageforge build \\',
      '  --push --json',
      '  imageforge config validate',
    ].join('\n');
    expect(imageforgeInvocations(script)).toEqual([
      ['build', '--push', '--json'],
      ['config', 'validate'],
    ]);
  });
});

describe('parseInvocation (the real CLI parser, nothing runs)', () => {
  it('accepts valid command lines and names the command', async () => {
    expect(
      await parseInvocation(['build', '--push', '--json', '--progress', 'plain', '--timeout', '45m']),
    ).toEqual({
      argv: ['build', '--push', '--json', '--progress', 'plain', '--timeout', '45m'],
      command: 'build',
    });
    expect((await parseInvocation(['config', 'validate', '-f', 'x.yaml'])).command).toBe('config validate');
    expect((await parseInvocation(['history', 'ls', '--limit', '5'])).command).toBe('history ls');
    expect((await parseInvocation(['--version'])).command).toBe('--version');
  });

  it.each([
    [['build', '--pushh'], /unknown option '--pushh'/],
    [['build', '--progress', 'fancy'], /--progress: expected one of auto, tty, plain, quiet/],
    [['build', '--timeout', 'soon'], /--timeout: expected a duration/],
    [['build', '--parallel', '0'], /--parallel: expected a positive integer/],
    [['config', 'validatee'], /unknown command 'validatee'/],
    [['buidl'], /unknown command 'buidl'/],
    [['build', '--report-dir'], /argument missing/],
  ])('rejects %j', async (argv, message) => {
    const parsed = await parseInvocation(argv);
    expect(parsed.command).toBeUndefined();
    expect(parsed.error).toMatch(message);
  });
});
