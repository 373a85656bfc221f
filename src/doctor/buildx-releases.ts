// When each buildx minor version came out (month of its .0 release, from the buildx release notes),
// so doctor can say how old an installed buildx is without asking the network.
import semver from 'semver';

const MINOR_RELEASES: Record<number, string> = {
  8: '2022-04',
  9: '2022-08',
  10: '2023-01',
  11: '2023-06',
  12: '2023-11',
  13: '2024-03',
  14: '2024-04',
  15: '2024-06',
  16: '2024-07',
  17: '2024-09',
  18: '2024-10',
  19: '2024-11',
  20: '2025-01',
  21: '2025-02',
  22: '2025-03',
  23: '2025-04',
  24: '2025-05',
  25: '2025-06',
  26: '2025-07',
  27: '2025-08',
  28: '2025-09',
  29: '2025-10',
};

const NEWEST_KNOWN_MINOR = Math.max(...Object.keys(MINOR_RELEASES).map(Number));

export interface BuildxAge {
  /** "2024-03" for 0.13.x; undefined for versions outside the table. */
  releaseMonth: string | undefined;
  /** Whole months between the release and `now`. */
  ageMonths: number | undefined;
  /** Minor versions between this one and the newest imageforge knows (0.29). */
  minorsBehind: number;
}

export function buildxAge(version: string, now: Date): BuildxAge {
  const parsed = semver.coerce(version);
  const minor = parsed?.minor ?? 0;
  const releaseMonth = parsed?.major === 0 ? MINOR_RELEASES[minor] : undefined;
  let ageMonths: number | undefined;
  if (releaseMonth !== undefined) {
    const [year, month] = releaseMonth.split('-').map(Number);
    ageMonths = (now.getUTCFullYear() - (year ?? 0)) * 12 + (now.getUTCMonth() + 1 - (month ?? 0));
  }
  return { releaseMonth, ageMonths, minorsBehind: Math.max(0, NEWEST_KNOWN_MINOR - minor) };
}
