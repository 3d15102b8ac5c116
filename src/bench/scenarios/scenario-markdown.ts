// The scenario report: one row per scenario (facts right / wrong / missing, questions reached / answered), then
// every fact and question that is not right, with the memories that decided it.
import { countVerdicts, type ScenarioGrade } from './grade.ts';
import type { ScenarioRun } from './run-scenario.ts';

/** Model calls by prompt label ("remember.turn@3": 12). */
export type CallCounts = Record<string, number>;

export function scenarioMarkdown(results: { run: ScenarioRun; grade: ScenarioGrade; calls: CallCounts }[]): string {
  const lines = [
    '| scenario | user | model (recorded) | facts expected | stored right | wrong | missing | questions | reached | answered | update calls (turn + session) | answer calls | repaired outputs |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const count = (calls: CallCounts, prefix: string) => Object.entries(calls).filter(([label]) => label.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);
  for (const { run, grade, calls } of results) {
    const counts = countVerdicts(grade);
    const reached = grade.questions.filter((question) => question.reached).length;
    const answered = grade.questions.filter((question) => question.answered).length;
    const update = `${count(calls, 'remember.turn')} + ${count(calls, 'remember.session')}`;
    lines.push(`| ${grade.name} | ${run.scenario.about} | ${run.scenario.modelBrief} | ${grade.facts.length} | ${counts.right} | ${counts.wrong} | ${counts.missing} | ${grade.questions.length} | ${reached} | ${answered} | ${update} | ${count(calls, 'reason.')} | ${run.warnings['model_output_repaired'] ?? 0} |`);
  }
  const problems = results.flatMap(({ grade }) => [
    ...grade.facts.filter((fact) => fact.verdict !== 'right').map((fact) => `- ${grade.name} · fact ${fact.id} (${fact.says}): **${fact.verdict}** — ${fact.why}`),
    ...grade.questions.filter((question) => !question.reached || !question.answered).map((question) => `- ${grade.name} · question "${question.text}": ${question.reached ? 'reached' : '**not reached**'}, ${question.answered ? 'answered' : '**not answered**'} — "${question.answer}"`),
  ]);
  return `${lines.join('\n')}\n${problems.length > 0 ? `\nNot right:\n${problems.join('\n')}\n` : '\nEvery fact stored right, every question reached and answered.\n'}`;
}
