// The record of what a parser had to fix in one model output. Parsers note each repair with where it
// happened; parseModelOutput turns the log into ONE model_output_repaired warning event.

export interface Repair {
  /** Stable vocabulary: "code_fence", "python_literals", "string_to_number", "clamped", "missing_field", … */
  code: string;
  /** Where in the output ("memories[2].keywords"), when it is about one field. */
  path?: string;
  detail?: string;
}

export class RepairLog {
  readonly repairs: Repair[] = [];

  note(code: string, path?: string, detail?: string): void {
    this.repairs.push({ code, ...(path ? { path } : {}), ...(detail ? { detail } : {}) });
  }

  get codes(): string[] {
    return [...new Set(this.repairs.map((r) => r.code))];
  }
}

/** Thrown by an interpreter when the output cannot be read as the prompt's shape; becomes ModelOutputError. */
export class OutputShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputShapeError';
  }
}
