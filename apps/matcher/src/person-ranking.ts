import type { SearchHit } from '@bio/vector';

/** Persons in the order of their best template; `hits` must be best first. */
export function rankPersons(hits: readonly SearchHit[]): Array<{ personId: string; score: number }> {
  const seen = new Set<string>();
  const persons: Array<{ personId: string; score: number }> = [];
  for (const hit of hits) {
    if (seen.has(hit.personId)) continue;
    seen.add(hit.personId);
    persons.push({ personId: hit.personId, score: hit.score });
  }
  return persons;
}
