// The human half of a tuning report: per system, the held-out figures (the headline), then each fold's choice.
import type { HeldOutFigures, TuneReport } from '../locomo/tune-retrieval.ts';
import { CATEGORY_NAMES } from '../qa/locomo-qa-summary.ts';
import { cell } from './retrieval-markdown.ts';


function figureRows(label: string, figures: HeldOutFigures, budgets: readonly number[]): string[] {
  const row = (name: string, byBudget: Record<string, number> | undefined) => `| ${label} | ${name} | ${budgets.map((budget) => cell(byBudget?.[String(budget)])).join(' | ')} |`;
  return [row('overall', figures.overall.strict), ...Object.entries(CATEGORY_NAMES).map(([category, name]) => row(name, figures.categories[category]?.strict))];
}

/** The configuration a vector setting becomes (config/settings.ts): what a user sets to run with it. */
const FUSION_ENV: Record<string, string> = { vectorFusion: 'PERSONAVLM_EMBEDDER_FUSION', vectorWeight: 'PERSONAVLM_EMBEDDER_FUSION_WEIGHT', vectorLimit: 'PERSONAVLM_EMBEDDER_FUSION_HITS' };

function fusionLine(setting: Record<string, unknown>): string | null {
  const entries = Object.entries(setting).filter(([path]) => FUSION_ENV[path]);
  return entries.length === 0 ? null : `To recall with it: ${entries.map(([path, value]) => `${FUSION_ENV[path]}=${String(value)}`).join(' ')} (or embedder.fusion, fusionWeight, fusionHits in personavlm.config.json).`;
}

const settingText = (setting: Record<string, unknown>): string => {
  const entries = Object.entries(setting);
  return entries.length === 0 ? 'the defaults' : entries.map(([path, value]) => `${path} = ${String(value)}`).join(', ');
};

export function tuneMarkdown(reports: readonly TuneReport[], budgets: readonly number[]): string {
  const lines = [`# Leave-one-conversation-out tuning — ${reports[0]?.dataset ?? ''}`, ''];
  lines.push(
    'For each conversation, a coordinate search over the knobs below (from the defaults in src/retrieval/tuning.ts) chooses values on the other conversations,',
    'maximising strict recall at the objective budget; the held-out conversation is then scored with them. "leave-one-out" pools those held-out scores:',
    'what a history the constants were not tuned on gets. "defaults" is the same questions with tuning.ts as it is, in the same run.',
    '',
  );
  for (const report of reports) {
    lines.push(`## ${report.system}`, '', `${report.questions} questions; objective ${report.objective}; ${report.passes} pass(es); ${report.evaluations} (setting, conversation) pairs scored.`, '');
    lines.push(`| run | questions | ${budgets.map((budget) => `strict@${budget}`).join(' | ')} |`, `|---|---|${budgets.map(() => '---:').join('|')}|`);
    lines.push(...figureRows('defaults', report.leaveOneOut.defaults, budgets), ...figureRows('leave-one-out', report.leaveOneOut.tuned, budgets), '');
    lines.push('| held out | chosen on the others | train score | held-out default → tuned (strict@objective) |', '|---|---|---:|---|');
    const cells = (figures: HeldOutFigures): string => report.objectiveBudgets.map((budget) => cell(figures.overall.strict[String(budget)])).join(' / ');
    for (const fold of report.folds) {
      lines.push(`| ${fold.heldOut} | ${settingText(fold.setting)} | ${fold.trainScore.toFixed(4)} | ${cells(fold.defaults)} → ${cells(fold.tuned)} |`);
    }
    lines.push('', `On every conversation at once (in-sample): ${settingText(report.allData.setting)}, ${report.objective} ${report.allData.score.toFixed(4)}.`, '');
    const fusion = fusionLine(report.allData.setting);
    if (fusion) lines.push(fusion, '');
    lines.push('Knobs searched:', '', ...report.knobs.map((knob) => `- \`${knob.path}\`: ${knob.values.join(', ')}`), '');
  }
  return lines.join('\n');
}
