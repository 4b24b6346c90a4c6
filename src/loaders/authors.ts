import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Problem } from '../diagnostics.ts';
import type { Author } from '../essays/authors.ts';

interface SafeParser {
  safeParse(data: unknown): { success: true; data: any } | { success: false; error: { issues: { path: PropertyKey[]; message: string; keys?: string[] }[] } };
}

/** Where authors are kept, relative to the project root: one YAML file each, named by the key essays use. */
export const AUTHORS_DIR = 'content/authors';

/**
 * The site's authors, by key, and what is wrong with their files (located at the line of the
 * field, as an essay's front matter is). No folder: no authors, and nothing wrong.
 */
export function readAuthors(root: string, schema: SafeParser): { authors: Map<string, Author>; problems: Problem[] } {
  const authors = new Map<string, Author>();
  const problems: Problem[] = [];
  const folder = path.join(root, AUTHORS_DIR);
  if (!existsSync(folder)) return { authors, problems };
  for (const name of readdirSync(folder).sort()) {
    const match = /^(.+)\.ya?ml$/.exec(name);
    if (!match) continue;
    const file = `${AUTHORS_DIR}/${name}`;
    const text = readFileSync(path.join(folder, name), 'utf8');
    const report = (line: number, message: string) => problems.push({ file, line, column: 1, severity: 'error', message });
    let data: unknown;
    try {
      // YAML's core schema: no timestamps or other surprises, as for front matter.
      data = yaml.load(text, { schema: yaml.CORE_SCHEMA });
    } catch (error) {
      const mark = (error as { mark?: { line: number; column: number } }).mark;
      problems.push({ file, line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1, severity: 'error', message: `not readable as YAML: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    const checked = schema.safeParse(data);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = issue.path.map(String).join('.');
        // An unknown field is reported where it is written.
        const at = issue.path[0] ?? issue.keys?.[0] ?? '';
        report(lineOf(text, String(at)), field ? `${field}: ${issue.message}` : issue.message);
      }
      continue;
    }
    authors.set(match[1]!, checked.data as Author);
  }
  return { authors, problems };
}

/** The line a top-level field is written on, or 1. */
function lineOf(text: string, field: string): number {
  if (!field) return 1;
  const index = text.split('\n').findIndex((line) => line.startsWith(`${field}:`));
  return index === -1 ? 1 : index + 1;
}
