// Evidence ids as BENCHMARKS.md § 1 reads them: entries like "D8:6; D9:17" split on ; , and spaces; ids that
// name no turn of the conversation are dropped (the caller skips questions left with none).
export function splitEvidence(entries: readonly string[], knownIds: ReadonlySet<string>): string[] {
  const ids = entries.flatMap((entry) => entry.split(/[;,\s]+/)).filter((id) => id.length > 0);
  return [...new Set(ids)].filter((id) => knownIds.has(id));
}
