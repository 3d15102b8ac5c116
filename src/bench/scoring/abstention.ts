// LoCoMo's category 5 (adversarial) asks about something the conversation never says, often with a premise
// that mixes up the speakers; the file's `adversarial_answer` is the tempting wrong answer. The right reply
// declines. LoCoMo's own scorer counts a reply as correct when it says "not mentioned" or "no information
// available"; we accept the common wordings of the same refusal.
const ABSTENTION = [
  /(?:\bnot|n't|\bnever) (?:been )?mentioned\b/,
  /\bno information\b/,
  /\bnot (?:been )?(?:specified|stated|said|discussed|provided|available|recorded|known)\b/,
  /\b(?:don'?t|do not|doesn'?t|does not|didn'?t|did not) (?:know|say|mention|remember|recall|have (?:any |that |this )?(?:information|record|details?))\b/,
  /\b(?:cannot|can'?t|unable to) (?:find|tell|say|determine|recall|answer)\b/,
  /\bno (?:record|mention|details?|memory|evidence)\b/,
  /\bunknown\b/,
  /\bnever (?:said|talked about|discussed)\b/,
];

export function isAbstention(answer: string): boolean {
  const text = answer.toLowerCase().replace(/[’]/g, "'");
  return ABSTENTION.some((pattern) => pattern.test(text));
}
