// File owners in tests are written as names ("jenkins:jenkins") or ids ("1000:1000"); archives carry
// only ids, so names are resolved with the image's own /etc/passwd and /etc/group, never the host's.

/** One line of /etc/passwd or /etc/group: both keep the numeric id in the third field. */
export interface Account {
  name: string;
  id: number;
}

export interface Accounts {
  users: Account[];
  groups: Account[];
}

export interface Ownership {
  uid: number;
  gid: number;
}

/** Parses /etc/passwd or /etc/group text; comments, blank and malformed lines are skipped. */
export function parseAccountFile(text: string): Account[] {
  const accounts: Account[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = line.split(':');
    const id = Number(fields[2]);
    if (fields[0] && fields[2] !== undefined && /^\d+$/.test(fields[2]))
      accounts.push({ name: fields[0], id });
  }
  return accounts;
}

/** `user[:group]` split into its parts; either may be a name or a numeric id. */
export function parseOwner(owner: string): { user: string; group: string | undefined } {
  const colon = owner.indexOf(':');
  return colon === -1
    ? { user: owner, group: undefined }
    : { user: owner.slice(0, colon), group: owner.slice(colon + 1) };
}

/** True when the owner spec uses a name anywhere, so the image's account files are needed. */
export function ownerNeedsNames(owner: string): boolean {
  const { user, group } = parseOwner(owner);
  return !/^\d+$/.test(user) || (group !== undefined && !/^\d+$/.test(group));
}

/** Why `actual` is not `expected` (e.g. "expected owner jenkins:jenkins, got root:root (0:0)"), or undefined. */
export function describeOwnerMismatch(
  expected: string,
  actual: Ownership,
  accounts: Accounts,
): string | undefined {
  const { user, group } = parseOwner(expected);
  const problems = [
    ...unknownName(user, accounts.users, '/etc/passwd'),
    ...(group === undefined ? [] : unknownName(group, accounts.groups, '/etc/group')),
  ];
  const matches =
    matchesAccount(user, actual.uid, accounts.users) &&
    (group === undefined || matchesAccount(group, actual.gid, accounts.groups));
  if (matches) return undefined;
  const got = formatOwnership(actual, accounts);
  const note = problems.length > 0 ? ` (${problems.join(', ')})` : '';
  return `expected owner ${expected}, got ${got}${note}`;
}

/** `root:root (0:0)`, or just `1000:1000` when the ids have no names in the image. */
export function formatOwnership(actual: Ownership, accounts: Accounts): string {
  const user = nameOf(actual.uid, accounts.users);
  const group = nameOf(actual.gid, accounts.groups);
  const ids = `${actual.uid}:${actual.gid}`;
  if (user === undefined && group === undefined) return ids;
  return `${user ?? actual.uid}:${group ?? actual.gid} (${ids})`;
}

function matchesAccount(spec: string, id: number, accounts: Account[]): boolean {
  if (/^\d+$/.test(spec)) return Number(spec) === id;
  return accounts.some((account) => account.name === spec && account.id === id);
}

function unknownName(spec: string, accounts: Account[], file: string): string[] {
  if (/^\d+$/.test(spec) || accounts.some((account) => account.name === spec)) return [];
  return [`${spec} is not in the image's ${file}`];
}

function nameOf(id: number, accounts: Account[]): string | undefined {
  return accounts.find((account) => account.id === id)?.name;
}
