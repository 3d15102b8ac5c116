// Which option a free-form multiple-choice reply picked. Models answer "(b)", "B", "b)", "Answer: (B) …",
// "**B**", or repeat the option's text; a reply that names several options, or none, is not a choice, and the
// reason is kept so a report can say why an answer was counted wrong.

export interface ChoiceExtraction {
  /** Lower-case letter of the chosen option, or null when the reply picks none or several. */
  letter: string | null;
  /** How the letter was found ("final-answer", "bracketed", "bare", "option-text") or why none was. */
  reason: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const normalizeText = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[*_`"“”'‘’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Words right before a letter that turn it down. */
const REJECTING = /(?:\bnot|\brather than|\binstead of|\bover|\bthan)\s*$/i;

/** "A" or "I" followed by a lower-case word is the article or the pronoun, not an option letter. */
function isEnglishWord(text: string, index: number): boolean {
  return /[aAiI]/.test(text[index] ?? '') && /^\s+\p{Ll}/u.test(text.slice(index + 1));
}

function unique(letters: string[]): string[] {
  return [...new Set(letters)];
}

function single(letters: string[], reason: string): ChoiceExtraction | null {
  const distinct = unique(letters);
  if (distinct.length === 1) return { letter: distinct[0]!, reason };
  if (distinct.length > 1) return { letter: null, reason: `ambiguous: ${reason} names ${distinct.map((letter) => `(${letter})`).join(', ')}` };
  return null;
}

/**
 * @param reply the model's text
 * @param letters the option letters in use, e.g. ["a", "b", "c", "d"]
 * @param optionTexts the options' texts by letter, to recognise a reply that quotes one
 */
export function extractChoice(reply: string, letters: readonly string[], optionTexts: Readonly<Record<string, string>> = {}): ChoiceExtraction {
  const set = letters.map((letter) => letter.toLowerCase()).join('');
  if (set.length === 0) return { letter: null, reason: 'no options' };
  const cleaned = reply.replace(/<think>[\s\S]*?<\/think>/gi, ' ').replace(/[*_`]/g, '');
  const letter = `[${escape(set)}${escape(set.toUpperCase())}]`;

  // 1. An explicit final answer wins over letters mentioned while reasoning: the LAST such statement counts.
  const finals = [...cleaned.matchAll(new RegExp(`(?<![\\p{L}])(?:final answer|answer|choice|option|<final_answer>)\\s*(?:is|would be)?\\s*[:=-]?\\s*(?:[([]\\s*(${letter})\\s*[)\\]]|(${letter})(\\))?(?![\\p{L}\\p{N}]))`, 'giu'))]
    .filter((match) => match[1] !== undefined || match[3] !== undefined || !isEnglishWord(cleaned, match.index + match[0].length - 1))
    .map((match) => (match[1] ?? match[2]!).toLowerCase());
  if (finals.length > 0) return { letter: finals.at(-1)!, reason: 'final-answer' };

  // 2. Bracketed letters anywhere: "(b)", "[b]", "b)"; one the reply turns down ("not (a)", "(b) over (a)") does not count.
  const bracketed = [...cleaned.matchAll(new RegExp(`(?:[([]\\s*(${letter})\\s*[)\\]]|(?<![\\p{L}\\p{N}])(${letter})\\))`, 'gu'))]
    .filter((match) => !REJECTING.test(cleaned.slice(Math.max(0, match.index - 16), match.index)))
    .map((match) => (match[1] ?? match[2]!).toLowerCase());
  const fromBrackets = single(bracketed, 'bracketed letters');
  if (fromBrackets) return fromBrackets;

  // 3. The whole reply is a bare letter, maybe with a period: "B", "b.".
  const bare = new RegExp(`^\\s*(${letter})\\s*[.:]?\\s*$`, 'u').exec(cleaned);
  if (bare) return { letter: bare[1]!.toLowerCase(), reason: 'bare' };

  // 4. The reply repeats an option's text (longest match first, so one option inside another doesn't count twice).
  const normalizedReply = ` ${normalizeText(cleaned)} `;
  const quoted = Object.entries(optionTexts)
    .map(([key, text]) => ({ key: key.replace(/[()]/g, '').toLowerCase(), text: normalizeText(text) }))
    .filter((option) => option.text.length > 0 && normalizedReply.includes(` ${option.text} `));
  const longest = quoted.filter((option) => !quoted.some((other) => other !== option && other.text.includes(option.text)));
  const fromText = single(longest.map((option) => option.key), 'option text');
  if (fromText) return fromText;

  // 5. A capital letter standing alone in prose: "I'd go with B because …".
  const standalone = [...cleaned.matchAll(new RegExp(`(?<![\\p{L}\\p{N}'’])([${escape(set.toUpperCase())}])(?![\\p{L}\\p{N}'’])`, 'gu'))]
    .filter((match) => !isEnglishWord(cleaned, match.index))
    .map((match) => match[1]!.toLowerCase());
  const fromStandalone = single(standalone, 'standalone capital letters');
  if (fromStandalone) return fromStandalone;

  return { letter: null, reason: cleaned.trim().length === 0 ? 'empty reply' : 'no option letter or option text found' };
}

/** "(b)", "b", "B)" → "b"; anything else → null. For gold answers in the data files. */
export function parseGoldLetter(value: string): string | null {
  const match = /^\s*[([]?\s*([a-zA-Z])\s*[)\].]?\s*$/.exec(value);
  return match ? match[1]!.toLowerCase() : null;
}
