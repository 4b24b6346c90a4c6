/*
 * What Quire says is wrong with an author's content, and how it says it: located problems
 * (`file:line:col  message`, as editors link them) and the error that stops a build.
 */

/** One thing wrong with an author's content, located like a compiler diagnostic. */
export interface Problem {
  /** Path relative to the project root, as the author sees it: `content/posts/x.md`. */
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

/** `content/posts/x.md:4:1  date: "2023-02-30" is not a real date` — editors link these. */
export function formatProblem({ file, line, column, severity, message }: Problem): string {
  return `${file}:${line}:${column}  ${severity === 'warning' ? 'warning: ' : ''}${message}`;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export const isError = (problem: Problem) => problem.severity === 'error';

/** The parts of a Zod issue an author needs to hear about. */
export interface SchemaIssue {
  path: PropertyKey[];
  message: string;
}

/** An error in an author's content, already worded for them: one line per problem. */
export class ContentError extends Error {
  readonly lines: string[];

  constructor(lines: string[]) {
    super(lines.join('\n'));
    this.name = 'ContentError';
    this.lines = lines;
  }
}

/** `content/posts/x.md: date: "2023-02-30" is not a real date` */
export function formatSchemaIssues(file: string, issues: readonly SchemaIssue[]): string[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return field ? `${file}: ${field}: ${issue.message}` : `${file}: ${issue.message}`;
  });
}
