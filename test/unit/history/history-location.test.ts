// settings.history.url → where the history lives, and how it is shown (never with a password).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactUrl, resolveHistoryLocation } from '../../../src/history/history-location.js';

const PROJECT = '/work/project';

describe('resolveHistoryLocation', () => {
  it.each([
    [undefined, path.join(PROJECT, '.imageforge', 'history.db')],
    ['', path.join(PROJECT, '.imageforge', 'history.db')],
    ['history.db', path.join(PROJECT, 'history.db')],
    ['/var/lib/imageforge/history.db', '/var/lib/imageforge/history.db'],
    ['sqlite:data/history.db', path.join(PROJECT, 'data', 'history.db')],
    ['sqlite:/var/history.db', '/var/history.db'],
    ['sqlite:///var/history.db', '/var/history.db'],
    ['sqlite::memory:', ':memory:'],
  ])('%s is the SQLite file %s', (url, file) => {
    expect(resolveHistoryLocation(url, PROJECT)).toEqual({ kind: 'sqlite', file, location: file });
  });

  it.each([
    ['postgres://ci:s3cret@db.example.com:5432/imageforge', 'postgres://ci@db.example.com:5432/imageforge'],
    [
      'postgresql://db.example.com/imageforge?sslmode=require',
      'postgresql://db.example.com/imageforge?sslmode=require',
    ],
    [
      'postgres://ci@db/imageforge?password=s3cret&sslmode=require',
      'postgres://ci@db/imageforge?sslmode=require',
    ],
  ])('%s is PostgreSQL shown as %s', (url, location) => {
    expect(resolveHistoryLocation(url, PROJECT)).toEqual({
      kind: 'postgres',
      connectionString: url,
      location,
    });
  });

  it('rejects other schemes without echoing the password', () => {
    expect(() => resolveHistoryLocation('mysql://root:s3cret@db/x', PROJECT)).toThrow(/mysql:\/\/root@db\/x/);
    expect(() => resolveHistoryLocation('sqlite:', PROJECT)).toThrow(/no file/);
  });
});

describe('redactUrl', () => {
  it('drops user passwords even from URLs it cannot parse', () => {
    expect(redactUrl('postgres://a:b@h/d')).toBe('postgres://a@h/d');
    expect(redactUrl('postgres://a:b@h:notaport/d')).toBe('postgres://***@h:notaport/d');
  });
});
