import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureSite, runScript, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';

/** Every `.html` file under `dir`: the pages a build wrote. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
}

const PHASE_LINE = /^(content|bundle|pages|images|search index): /;

/**
 * `npm run build` as a CI log or a pipe gets it (the test harness reads its output through a
 * pipe): a plain line as each phase starts, warnings as before, one summary line at the end.
 */
describe('the progress of npm run build, when output is not a terminal', () => {
  let site: FixtureSite;
  let cold: BuildResult;
  let warm: BuildResult;

  beforeAll(async () => {
    site = createFixtureSite('progress', {
      'posts/2023-01-01-first.md': '---\ntitle: First\n---\n\n## One\n\nText.\n',
      'posts/2023-02-01-second.md': '---\ntitle: Second\n---\n\n## One\n\n#### Three\n\nA heading that skips a level.\n',
      'posts/undated.md': '---\ntitle: Undated\n---\n\nNo date anywhere.\n',
    });
    cold = await runScript(site.root, 'build.ts');
    warm = await runScript(site.root, 'build.ts');
  });
  afterAll(() => site?.remove());

  it('builds', () => {
    expect(cold.code, cold.output).toBe(0);
    expect(warm.code, warm.output).toBe(0);
  });

  it('prints plain lines: no carriage return, no escape code', () => {
    for (const { output } of [cold, warm]) {
      expect(output).not.toContain('\r');
      expect(output).not.toContain('\x1b');
    }
  });

  it('prints one line as each phase starts, in order, and nothing for the pages and images one by one', () => {
    expect(cold.output.split('\n').filter((line) => PHASE_LINE.test(line))).toEqual([
      'content: reading, checking and rendering the essays',
      'bundle: bundling the pages, scripts and styles',
      'pages: writing the pages',
      'search index: indexing the pages for search, writing the sitemap',
    ]);
    expect(cold.output).not.toContain('index.html');
    expect(cold.output).not.toContain('├─');
  });

  it('still prints the warnings, the loader’s and the content checks’', () => {
    expect(cold.output).toContain('content/posts/undated.md: undated');
    expect(cold.output).toContain('content/posts/2023-02-01-second.md:7:1  warning: heading "Three" skips from h2 to h4');
  });

  it('ends with one summary line: the phases, their times, the essays and the pages written', () => {
    const lines = cold.output.trimEnd().split('\n');
    const summary = lines.at(-1)!;
    expect(summary).toMatch(
      /^Built dist\/ in \d+\.\d s — content \d+\.\d s \(3 essays\), bundle \d+\.\d s, pages \d+\.\d s \(\d+ pages, \d+ files\), search index \d+\.\d s$/,
    );
    expect(summary).toContain(`(${htmlFiles(site.dist).length} pages, `);
    expect(lines.filter((line) => line.startsWith('Built dist/'))).toHaveLength(1);
  });

  it('counts what came from the caches on a second build', () => {
    const summary = warm.output.trimEnd().split('\n').at(-1)!;
    expect(summary).toMatch(/content \d+\.\d s \(3 essays; 3 from cache\)/);
    expect(summary).toMatch(/pages \d+\.\d s \(\d+ pages, \d+ files; \d+ from cache\)/);
  });
});
