/**
 * Words of a free-text query, joined with " or " for websearch_to_tsquery. Only letters and digits survive,
 * so no operator, quote or minus sign from the user reaches the parser; the text is a bound parameter, never
 * interpolated. Stop words and stemming are left to the text-search configuration.
 */
export function orQueryText(text: string, maxWords = 64): string | null {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word !== 'or');
  const unique = [...new Set(words)].slice(0, maxWords);
  return unique.length === 0 ? null : unique.join(' or ');
}
