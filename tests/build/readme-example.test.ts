import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, attr, byTag, hasClass, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { createFixtureSite, runScript, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { shownText } from '../support/shown-text.ts';

/**
 * The README's "Writing an essay, in short" example, taken from README.md as it stands, built in
 * place of the research-essay fixture's essay (whose bibliography, author file, data file and
 * other parts of the series it relies on) with `npm run build`, every check on: the README shows
 * only syntax that works, and what it says the syntax turns into is what the page says.
 */
const FIXTURE = path.join(repoRoot, 'tests', 'fixtures', 'research-essay');

function readmeExample(): string {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const example = /^````markdown\n([\s\S]*?)\n````$/m.exec(readme);
  if (!example) throw new Error('README.md has no ````markdown example');
  return `${example[1]}\n`;
}

let site: FixtureSite;
let build: BuildResult;
beforeAll(async () => {
  site = createFixtureSite('readme-example');
  cpSync(FIXTURE, path.join(site.root, 'content'), { recursive: true });
  writeFileSync(path.join(site.root, 'content', 'posts', 'attention-budget', 'index.md'), readmeExample());
  build = await runScript(site.root, 'build.ts');
  if (build.code !== 0) throw new Error(build.output);
});
afterAll(() => site?.remove());

const page = () => readHtml(path.join(site.dist, 'posts', 'attention-budget', 'index.html'));
const prose = () => all(page(), (el) => hasClass(el, 'prose'))[0]!;
const visibleText = (node: Element) => shownText(node).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

describe('the README’s example essay', () => {
  it('builds with every check on and nothing to warn about', () => {
    expect(build.output).not.toMatch(/warning|error/i);
  });

  it('cites in author-year style, the author suppressed where the README says', () => {
    expect(visibleText(byTag(prose(), 'p')[0]!)).toBe(
      'Cost grows with the square of the context (Okafor and Brandt, 2021, sec. 2; see Lindqvist and Oduya, 2019, pp. 4-6). Okafor and Brandt (2021) proposed a fixed budget, measured in the same paper (2021).1',
    );
    expect(all(prose(), (el) => hasClass(el, 'reference')).map((entry) => visibleText(entry).split(' (')[0])).toEqual([
      'Maren Lindqvist and Tobi Oduya',
      'Chidi Okafor and Lena Brandt',
      'Anouk Perrault',
    ]);
  });

  it('reads its cross-references as the README says', () => {
    const references = all(prose(), (el) => el.tagName === 'a' && hasClass(el, 'cross-reference'));
    expect(references.map(visibleText)).toEqual(['Figure 1', 'Table 1', 'Equation (1)', 'Section 1']);
  });

  it('has the authors, the series, the data table and the "Cite this essay" block the README promises', () => {
    expect(textOf(all(page(), (el) => hasClass(el, 'byline'))[0]!)).toContain('Ada Lovelace');
    expect(visibleText(all(page(), (el) => hasClass(el, 'series-note'))[0]!)).toBe('Part 2 of 2 in the series Inference on a budget');
    expect(all(prose(), (el) => el.tagName === 'table' && attr(el, 'data-sortable') !== undefined)).toHaveLength(1);
    expect(textOf(all(page(), (el) => hasClass(el, 'cite'))[0]!)).toContain('doi = {10.5555/quire.attention-budget}');
  });
});
