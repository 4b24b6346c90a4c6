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
