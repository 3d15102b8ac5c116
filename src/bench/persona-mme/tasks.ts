// The 13 tasks of Persona-MME under their 6 aspects (PERSONAVLM.md § Evaluation), plus Response Alignment as
// the 7th aspect, graded from the `alignment` texts. The question file names both; this table fixes the order
// reports use and catches a task filed under the wrong aspect.
export const ALIGNMENT_ASPECT = 'Response Alignment';

export const ASPECT_TASKS: Readonly<Record<string, readonly string[]>> = {
  'Memory Recall': ['Visual Detail Recall', 'Semantic Information Recall'],
  'Intent Inference': ['Explicit Intent Inference', 'Implicit Intent Recognition'],
  'Preference Recognition': ['Latest Preference Recognition', 'Interest Evolution Analysis', 'Implicit Preference Recommendation'],
  'Behavioral Awareness': ['Behavioral Pattern Recognition', 'Long-term Goal Tracking'],
  'Relationship Understanding': ['Relationship Recognition', 'Relationship Dynamics Comprehension'],
  'Personalized Growth Modeling': ['Tiered Explanation Delivery', 'Generalizing to New Scenarios'],
};

export const ASPECTS: readonly string[] = Object.keys(ASPECT_TASKS);
export const TASKS: readonly string[] = Object.values(ASPECT_TASKS).flat();

const aspectOfTask = new Map(Object.entries(ASPECT_TASKS).flatMap(([aspect, tasks]) => tasks.map((task) => [task.toLowerCase(), aspect] as const)));

/** The aspect of a task; for a task outside the table, the aspect the question file gives. */
export function aspectOf(task: string, declaredAspect: string): string {
  return aspectOfTask.get(task.trim().toLowerCase()) ?? declaredAspect.trim();
}
