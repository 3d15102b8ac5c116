// The official Persona-MME files (PersonaVLM, Nie et al. 2026): the question list and each user's
// user_data.json. Lenient about extra fields, strict about the ones the harness reads.
import { z } from 'zod';

export const personaMmeQuestionSchema = z.looseObject({
  data_path: z.string().min(1),
  /** The aspect ("Memory Recall"). */
  type: z.string(),
  /** The task ("Visual Detail Recall"). */
  question_type: z.string(),
  /** "2024-09-23 20:08", sometimes followed by "(Monday)". */
  time: z.string(),
  query: z.string(),
  /** {"(a)": text, … "(d)": text}, in display order. */
  choices: z.record(z.string(), z.string()),
  answer: z.string(),
  alignment: z.looseObject({ chosen: z.string(), rejected: z.string() }).nullish(),
});

export type PersonaMmeQuestionRecord = z.infer<typeof personaMmeQuestionSchema>;

export const personaMmeQuestionFileSchema = z.array(personaMmeQuestionSchema);

export const personaMmeTurnSchema = z.looseObject({
  time: z.string(),
  user: z.string(),
  assistant: z.string().nullish(),
});

export const personaMmeUserSchema = z.looseObject({
  profile: z.unknown().optional(),
  sessions: z.array(z.array(personaMmeTurnSchema).nullable()),
  imgs: z.array(z.string()).nullish(),
});

export type PersonaMmeUserRecord = z.infer<typeof personaMmeUserSchema>;
