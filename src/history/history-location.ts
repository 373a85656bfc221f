// Where the history lives, from settings.history.url: a SQLite file (default under .imageforge/) or
// a PostgreSQL server. Pure: parsing and redaction only, opening is open-history.ts's job.
import path from 'node:path';
import { historyUrlInvalid } from './history-errors.js';

export const DEFAULT_HISTORY_FILE = path.join('.imageforge', 'history.db');

export type HistoryLocation =
  | { kind: 'sqlite'; file: string; location: string }
  | { kind: 'postgres'; connectionString: string; location: string };

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

export function resolveHistoryLocation(url: string | undefined, projectDir: string): HistoryLocation {
  const trimmed = url?.trim() ?? '';
  if (trimmed === '') return sqliteLocation(path.resolve(projectDir, DEFAULT_HISTORY_FILE));
  if (POSTGRES_URL.test(trimmed)) {
    return { kind: 'postgres', connectionString: trimmed, location: redactUrl(trimmed) };
  }
  if (trimmed.toLowerCase().startsWith('sqlite:')) {
    // sqlite:relative.db, sqlite:/abs.db, sqlite:///abs.db
    const file = trimmed.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw historyUrlInvalid(trimmed, 'no file after "sqlite:"');
    return sqliteLocation(file === ':memory:' ? file : path.resolve(projectDir, file));
  }
  if (ANY_SCHEME.test(trimmed)) {
    throw historyUrlInvalid(redactUrl(trimmed), 'only SQLite files and postgres:// URLs are supported');
  }
  return sqliteLocation(path.resolve(projectDir, trimmed));
}

function sqliteLocation(file: string): HistoryLocation {
  return { kind: 'sqlite', file, location: file };
}

/** The URL without its password (user info and `password` query parameter). */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // not parseable: drop anything that looks like user:password@
    return url.replace(/\/\/[^/@]*@/, '//***@');
  }
  if (parsed.password !== '') parsed.password = '';
  for (const key of [...parsed.searchParams.keys()]) {
    if (/pass|secret|token/i.test(key)) parsed.searchParams.delete(key);
  }
  return parsed.toString();
}
