// Which way a date phrase without a year or a modifier points: "Since Monday I work at …", said on a Friday,
// means the Monday before; "we are meeting Thursday" the Thursday after. chrono-node picks the nearest
// occurrence whatever the tense, so the clause around the phrase decides. Word cues, not a parser: wink's lite
// model tags parts of speech without tense, and a handful of cues covers how people talk about their week.

export type Tense = 'past' | 'future';

// A preposition right before the phrase says it alone ("since Monday", "until Friday").
const LOOKS_BACK_BEFORE = /\b(since|ever since)\s+(?:on\s+|the\s+)?$/i;
const LOOKS_AHEAD_BEFORE = /\b(until|till|til|by|before)\s+(?:on\s+|the\s+)?$/i;

const FUTURE = [
  /\b(will|shall|won't|gonna)\b/i,
  /\b\w+'ll\b/i,
  /\b(going|about|planning|plan|plans|hoping|hope|want|wants|intend|intends|need|needs|have|has)\s+to\s+\w+/i,
  /\b(soon|upcoming|tomorrow|looking forward|can't wait)\b/i,
  // The present progressive of a scheduled event: "my brother is visiting", "we're meeting".
  /\b(am|is|are|'m|'re|'s)\s+(\w+ing)\b/i,
];

const IRREGULAR_PAST =
  'was|were|did|had|went|came|got|saw|met|made|took|left|began|ate|drank|flew|drove|rode|ran|swam|sang|spent|told|said|found|lost|won|gave|paid|sold|sent|wrote|bought|brought|thought|felt|kept|slept|sat|stood|heard|held|caught|taught|fell|broke|chose|forgot|woke|wore|became|knew|grew|threw|built|quit';
const PAST = [
  new RegExp(`\\b(${IRREGULAR_PAST})\\b`, 'i'),
  /\b(ago|used to|earlier|previously|already|yesterday|back then|back in)\b/i,
  /\b(have|has|'ve|had)\s+(been|\w+ed|\w+en)\b/i,
  // Regular past forms; the words below end in -ed without being verbs in the past.
  /\b(?!(?:need|feed|speed|indeed|seed|proceed|exceed|succeed|breed|bleed|weed|hundred|bed|red|shed|sled|naked|wicked|sacred|excited|tired|interested|bored|scared|worried|married|allergic)\b)[a-z]{2,}ed\b/i,
];

/** The clause the phrase sits in: from the last sentence break before it to the next one after it. */
function clauseAround(text: string, index: number, length: number): { before: string; clause: string } {
  const start = Math.max(text.lastIndexOf('.', index - 1), text.lastIndexOf('!', index - 1), text.lastIndexOf('?', index - 1), text.lastIndexOf(';', index - 1)) + 1;
  const rest = text.slice(index + length);
  const endOffset = rest.search(/[.!?;]/);
  const end = endOffset === -1 ? text.length : index + length + endOffset;
  return { before: text.slice(start, index), clause: text.slice(start, end) };
}

/** Past, future, or null when the clause gives no cue (the nearest occurrence is then the best guess). */
export function tenseAround(text: string, index: number, length: number): Tense | null {
  const { before, clause } = clauseAround(text, index, length);
  if (LOOKS_BACK_BEFORE.test(before)) return 'past';
  if (LOOKS_AHEAD_BEFORE.test(before)) return 'future';
  // The phrase itself is left out: "Wednesday" must not read as a cue of its own.
  const words = clause.replace(text.slice(index, index + length), ' ');
  if (FUTURE.some((cue) => cue.test(words))) return 'future';
  if (PAST.some((cue) => cue.test(words))) return 'past';
  return null;
}
