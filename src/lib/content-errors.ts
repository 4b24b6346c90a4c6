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
