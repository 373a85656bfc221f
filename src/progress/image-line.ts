// One image's line in the live display: `⠋ controller  step 3/7 RUN make   12.3s`. Text is laid out
// uncoloured and cut to the terminal width first, so colour codes never break the line arithmetic.
import type { createColors } from 'picocolors';
import { formatDuration, truncate } from '../report/human-format.js';
import { toSingleLine } from '../report/strip-ansi.js';
import type { ImageProgress } from './image-progress.js';

export const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPINNER_INTERVAL_MS = 80;
const MAX_DETAIL_WIDTH = 44;
const TIME_WIDTH = 7;

type Colors = ReturnType<typeof createColors>;
type Tone = 'active' | 'good' | 'bad' | 'muted' | 'warn';

export interface ImageLineContext {
  now: number;
  nameWidth: number;
  /** Visible characters available; the line never exceeds it (a wrapped line breaks redrawing). */
  width: number;
  colors: Colors;
  maxAttempts?: number;
}

interface LineParts {
  icon: string;
  tone: Tone;
  detail: string;
  time?: string;
}

export function renderImageLine(image: ImageProgress, context: ImageLineContext): string {
  const parts = describe(image, context);
  const name = truncate(image.name, context.nameWidth).padEnd(context.nameWidth);
  const prefixWidth = 2 + name.length + 2;
  const time = parts.time ?? '';
  const room = Math.max(context.width - prefixWidth - (time === '' ? 0 : TIME_WIDTH + 1), 0);
  let detail = truncate(toSingleLine(parts.detail), room);
  if (time !== '') detail = detail.padEnd(Math.min(room, MAX_DETAIL_WIDTH));
  const { colors } = context;
  const line = [
    paint(colors, parts.tone, parts.icon),
    ' ',
    colors.bold(name),
    '  ',
    parts.tone === 'bad' ? colors.red(detail) : detail,
    time === '' ? '' : ` ${colors.dim(time.padStart(TIME_WIDTH))}`,
  ];
  return line.join('').trimEnd();
}

function describe(image: ImageProgress, context: ImageLineContext): LineParts {
  const spinner =
    SPINNER_FRAMES[Math.floor(context.now / SPINNER_INTERVAL_MS) % SPINNER_FRAMES.length] ?? '*';
  const elapsed = image.startedAt === undefined ? '' : formatDuration(context.now - image.startedAt);
  switch (image.phase) {
    case 'queued':
      return { icon: '·', tone: 'muted', detail: 'queued' };
    case 'starting': {
      const attempt = image.attempt > 1 ? ` attempt ${attemptOf(image.attempt, context.maxAttempts)}` : '';
      return {
        icon: spinner,
        tone: 'active',
        detail: `starting${attempt} (${image.method ?? 'build'})`,
        time: elapsed,
      };
    }
    case 'building':
      return { icon: spinner, tone: 'active', detail: describeStep(image), time: elapsed };
    case 'retrying': {
      const retry = image.retry;
      if (retry === undefined) return { icon: '↻', tone: 'warn', detail: 'retrying', time: elapsed };
      const remaining = formatDuration(retry.delayMs - (context.now - retry.at));
      const detail = `retry ${attemptOf(retry.attempt, context.maxAttempts)} in ${remaining}: ${retry.message}`;
      return { icon: '↻', tone: 'warn', detail };
    }
    case 'verifying':
      return { icon: spinner, tone: 'active', detail: `verifying: ${image.gate ?? ''}`, time: elapsed };
    case 'pushing':
      return { icon: spinner, tone: 'active', detail: 'pushing', time: elapsed };
    case 'finished':
      return describeFinished(image, context);
  }
}

function describeStep(image: ImageProgress): string {
  const step = image.step;
  if (step === undefined) return 'building';
  const position = step.total > 0 ? `${step.current}/${step.total}` : String(step.current);
  return `step ${position} ${step.cached ? 'CACHED ' : ''}${step.name}`;
}

function describeFinished(image: ImageProgress, context: ImageLineContext): LineParts {
  const result = image.result;
  if (result === undefined) return { icon: '?', tone: 'muted', detail: 'finished' };
  if (image.failedGates !== undefined && image.failedGates.length > 0) {
    return { icon: '✗', tone: 'bad', detail: `gate failed: ${image.failedGates.join(', ')}` };
  }
  switch (result.status) {
    case 'built': {
      const { cachedSteps, totalSteps } = result.cache;
      const cache = totalSteps > 0 ? `  ${cachedSteps}/${totalSteps} cached` : '';
      const push = pushNote(image, context);
      return {
        icon: '✓',
        tone: 'good',
        detail: `built${cache}${push}`,
        time: formatDuration(result.durationMs),
      };
    }
    case 'failed':
      return { icon: '✗', tone: 'bad', detail: `failed: ${result.error?.message ?? 'build failed'}` };
    case 'skipped':
    case 'cancelled': {
      const reason = result.reason === undefined ? '' : ` (${result.reason})`;
      return {
        icon: '-',
        tone: result.status === 'cancelled' ? 'warn' : 'muted',
        detail: `${result.status}${reason}`,
      };
    }
  }
}

function pushNote(image: ImageProgress, context: ImageLineContext): string {
  const status = image.push ?? image.result?.push.status;
  const retry = image.retry;
  if (status === 'pushing' && retry !== undefined) {
    const remaining = formatDuration(retry.delayMs - (context.now - retry.at));
    return `  push retry ${attemptOf(retry.attempt, context.maxAttempts)} in ${remaining}: ${retry.message}`;
  }
  if (status === 'pushing') return '  pushing';
  if (status === 'pushed') return '  pushed';
  if (status === 'push-failed' || status === 'failed') return '  push failed';
  return '';
}

function attemptOf(attempt: number, maxAttempts: number | undefined): string {
  return maxAttempts === undefined ? String(attempt) : `${attempt}/${maxAttempts}`;
}

function paint(colors: Colors, tone: Tone, text: string): string {
  if (tone === 'active') return colors.cyan(text);
  if (tone === 'good') return colors.green(text);
  if (tone === 'bad') return colors.red(text);
  if (tone === 'warn') return colors.yellow(text);
  return colors.dim(text);
}
