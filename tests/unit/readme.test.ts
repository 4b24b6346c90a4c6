import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_FIELDS, POST_LAYOUTS } from '../../src/content.config.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const writingDoc = readFileSync(new URL('../../docs/writing.md', import.meta.url), 'utf8');

/** The rows of the front-matter table in docs/writing.md, by field name. */
function frontMatterTable(): Map<string, string> {
  const section = writingDoc.slice(writingDoc.indexOf('### Front matter'));
  const rows = section.split('\n').filter((line) => /^\| `[a-zA-Z]+` \|/.test(line));
  return new Map(rows.map((row) => [/^\| `([a-zA-Z]+)`/.exec(row)![1]!, row]));
}

describe('README', () => {
  it('documents exactly the fields the schema accepts, in its order', () => {
    expect([...frontMatterTable().keys()]).toEqual(KNOWN_FIELDS);
  });

  it('names every layout', () => {
    const layoutRow = frontMatterTable().get('layout')!;
    for (const layout of POST_LAYOUTS) expect(layoutRow).toContain(`\`${layout}\``);
  });

  it('gives the test command CI runs', () => {
    const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    expect(readme).toContain('npm test');
    expect(ci).toMatch(/^npm test$/m);
  });
});
