// LoCoMo session times look like "1:56 pm on 8 May, 2023". They carry no zone; we read them as UTC, the same
// convention enrichment uses, so relative dates in the turns resolve to the calendar days the dataset means.
import { InvalidInputError } from '../../errors/index.ts';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const PATTERN = /^\s*(\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+([a-z]+),?\s+(\d{4})\s*$/i;

export function parseSessionDate(value: string): Date {
  const match = PATTERN.exec(value);
  const month = match ? MONTHS.findIndex((name) => name.startsWith(match[5]!.toLowerCase().slice(0, 3))) : -1;
  if (!match || month < 0) {
    throw new InvalidInputError(`Session date "${value}" is not in the LoCoMo form "1:56 pm on 8 May, 2023". Fix the file or convert it.`);
  }
  const hour12 = Number(match[1]) % 12;
  const hour = match[3]!.toLowerCase() === 'pm' ? hour12 + 12 : hour12;
  return new Date(Date.UTC(Number(match[6]), month, Number(match[4]), hour, Number(match[2])));
}
