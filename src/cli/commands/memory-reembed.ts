// `personavlm memory reembed --user U [--drop-old]`: vectors of the configured text embedder for every memory and
// turn of the user, after a model change. Resumable; old models' vectors are deleted only with --drop-old.
import type { Persona } from '../../persona.ts';
import type { ReembedReport } from '../../remember/reembed.ts';
import type { CliIo } from '../io.ts';

function summary(report: ReembedReport): string {
  const part = (name: string, counts: ReembedReport['memories']) => `${name}: ${counts.embedded} embedded, ${counts.skipped} already had one (${counts.total} in all)`;
  const dropped = report.dropped.length
    ? `Deleted old vectors: ${report.dropped.map((entry) => `${entry.count} of "${entry.model}"`).join(', ')}.`
    : 'Vectors of other models were kept (add --drop-old to delete them).';
  return `Re-embedded user "${report.userId}" with "${report.model}".\n  ${part('memories', report.memories)}\n  ${part('turns', report.turns)}\n${dropped}\n`;
}

/** persona.reembed throws ModelNotConfiguredError, saying what to set, when no text embedder is configured. */
export async function reembedAction(persona: Pick<Persona, 'reembed'>, userId: string, dropOld: boolean, io: CliIo): Promise<{ json: unknown; text: string }> {
  const report = await persona.reembed(userId, {
    dropOtherModels: dropOld,
    // Progress goes to stderr on a terminal only; stdout stays the one result (JSON for machines).
    ...(io.isTty ? { onProgress: (p) => io.stderr(`\r${p.target}: ${p.total} done (${p.embedded} embedded)   `) } : {}),
  });
  if (io.isTty) io.stderr('\n');
  return { json: report, text: summary(report) };
}
