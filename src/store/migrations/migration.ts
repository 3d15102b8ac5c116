/** One numbered schema step. Statements run in order inside one transaction with the version row. */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}
