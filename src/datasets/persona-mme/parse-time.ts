// Persona-MME times: "2024-09-23 20:08", optionally with seconds and a trailing "(Monday)" that the official
// harness cuts off. Naive wall-clock times are stored as UTC, like every imported history.
import { InvalidInputError } from '../../errors/index.ts';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

export function parsePersonaMmeTime(text: string, where: string): Date {
  const match = PATTERN.exec(text.split('(')[0]!.trim());
  if (!match) throw new InvalidInputError(`${where}: time "${text}" is not like "2024-09-23 20:08".`);
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, Number.isNaN(second) ? 0 : second!));
  if (date.getUTCDate() !== day) throw new InvalidInputError(`${where}: time "${text}" is not a real date.`);
  return date;
}
