// Owner and mode comparison of file tests: names resolve through the image's /etc/passwd and /etc/group.
import { describe, expect, it } from 'vitest';
import {
  describeOwnerMismatch,
  formatOwnership,
  ownerNeedsNames,
  parseAccountFile,
  parseOwner,
} from '../../../src/gates/functional/account-names.js';
import { formatMode } from '../../../src/gates/functional/file-expectations.js';

// /etc/passwd and /etc/group of a Debian-based jenkins/jenkins image (abridged)
const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
# a comment
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin

broken line
jenkins:x:1000:1000::/var/jenkins_home:/bin/bash
`;
const GROUP = `root:x:0:
daemon:x:1:
nogroup:x:65534:
jenkins:x:1000:
`;
const accounts = { users: parseAccountFile(PASSWD), groups: parseAccountFile(GROUP) };

describe('parseAccountFile', () => {
  it('reads name and id of passwd and group lines, skipping comments and malformed lines', () => {
    expect(accounts.users).toEqual([
      { name: 'root', id: 0 },
      { name: 'daemon', id: 1 },
      { name: 'nobody', id: 65534 },
      { name: 'jenkins', id: 1000 },
    ]);
    expect(accounts.groups.map((group) => group.name)).toEqual(['root', 'daemon', 'nogroup', 'jenkins']);
  });

  it('is empty for an image without the files', () => {
    expect(parseAccountFile('')).toEqual([]);
  });
});

describe('owner specs', () => {
  it('splits user[:group]', () => {
    expect(parseOwner('jenkins')).toEqual({ user: 'jenkins', group: undefined });
    expect(parseOwner('1000:1000')).toEqual({ user: '1000', group: '1000' });
  });

  it('needs the account files only when a name is used', () => {
    expect(ownerNeedsNames('1000:1000')).toBe(false);
    expect(ownerNeedsNames('0')).toBe(false);
    expect(ownerNeedsNames('jenkins')).toBe(true);
    expect(ownerNeedsNames('1000:jenkins')).toBe(true);
  });
});

describe('describeOwnerMismatch', () => {
  const jenkinsOwned = { uid: 1000, gid: 1000 };
  it.each([
    ['jenkins:jenkins', jenkinsOwned],
    ['jenkins', jenkinsOwned],
    ['1000:1000', jenkinsOwned],
    ['jenkins:1000', jenkinsOwned],
    ['root:root', { uid: 0, gid: 0 }],
    ['0', { uid: 0, gid: 50 }],
  ])('%s matches', (expected, actual) => {
    expect(describeOwnerMismatch(expected, actual, accounts)).toBeUndefined();
  });

  it('says what was expected and what the file has, with names and ids', () => {
    expect(describeOwnerMismatch('jenkins:jenkins', { uid: 0, gid: 0 }, accounts)).toBe(
      'expected owner jenkins:jenkins, got root:root (0:0)',
    );
    expect(describeOwnerMismatch('jenkins', { uid: 1000, gid: 0 }, accounts)).toBeUndefined();
    expect(describeOwnerMismatch('root:jenkins', { uid: 0, gid: 0 }, accounts)).toBe(
      'expected owner root:jenkins, got root:root (0:0)',
    );
  });

  it('names a user or group the image does not know', () => {
    expect(describeOwnerMismatch('app:app', { uid: 1000, gid: 1000 }, accounts)).toBe(
      "expected owner app:app, got jenkins:jenkins (1000:1000) (app is not in the image's /etc/passwd, app is not in the image's /etc/group)",
    );
  });

  it('falls back to ids when the image has no account files', () => {
    const none = { users: [], groups: [] };
    expect(describeOwnerMismatch('jenkins', { uid: 1000, gid: 1000 }, none)).toBe(
      "expected owner jenkins, got 1000:1000 (jenkins is not in the image's /etc/passwd)",
    );
    expect(describeOwnerMismatch('1000:1000', { uid: 1000, gid: 1000 }, none)).toBeUndefined();
  });

  it('formats ownership with names only where the image has them', () => {
    expect(formatOwnership({ uid: 1000, gid: 4242 }, accounts)).toBe('jenkins:4242 (1000:4242)');
  });
});

describe('formatMode', () => {
  it('prints permission bits as four octal digits, keeping setuid, setgid and sticky', () => {
    expect(formatMode(0o755)).toBe('0755');
    expect(formatMode(0o640)).toBe('0640');
    expect(formatMode(0o4755)).toBe('4755');
    expect(formatMode(0o100644)).toBe('0644');
  });
});
