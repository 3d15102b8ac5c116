// The locomo10.json format (Maharana et al. 2024), validated leniently: unknown fields pass through, because
// the file also carries observations and summaries we do not use.
import { z } from 'zod';

export const locomoTurnSchema = z.looseObject({
  speaker: z.string(),
  dia_id: z.string(),
  text: z.string(),
  blip_caption: z.string().nullish(),
  img_url: z.array(z.string()).nullish(),
  query: z.string().nullish(),
});

export const locomoQuestionSchema = z.looseObject({
  question: z.string(),
  answer: z.unknown().optional(),
  adversarial_answer: z.unknown().optional(),
  evidence: z.array(z.string()).nullish(),
  category: z.number().int(),
});

export const locomoConversationSchema = z.looseObject({
  sample_id: z.string(),
  conversation: z.looseObject({ speaker_a: z.string(), speaker_b: z.string() }),
  qa: z.array(locomoQuestionSchema),
});

export const locomoFileSchema = z.union([z.array(locomoConversationSchema), locomoConversationSchema]);

export type LocomoTurnRecord = z.infer<typeof locomoTurnSchema>;
export type LocomoQuestionRecord = z.infer<typeof locomoQuestionSchema>;
export type LocomoConversationRecord = z.infer<typeof locomoConversationSchema>;
