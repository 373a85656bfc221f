// "Did you mean …?" suggestions for misspelt names (instructions, stages, images), so a typo costs
// one glance instead of a search. Lives here because the Dockerfile layer is the lowest user of it.
import { distance } from 'fastest-levenshtein';

/** The closest candidate within a small edit distance (case-insensitive), or undefined. */
export function suggestName(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  let best: { name: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = distance(wanted, candidate.toLowerCase());
    if (score > limit) continue;
    if (!best || score < best.score || (score === best.score && candidate < best.name)) {
      best = { name: candidate, score };
    }
  }
  return best?.name;
}

/** ` (did you mean "x"?)`, or an empty string when nothing is close. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const suggestion = suggestName(input, candidates);
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}
