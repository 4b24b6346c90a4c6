import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';

/**
 * The layers of src/, lowest first: a module may import a module of its own folder or of a
 * lower layer, never one above it, and never one beside it in another folder of its layer.
 * Each folder's README.md says the same in words; this is the check.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['src/site.config.ts', 'src/diagnostics.ts', 'src/build-mode.ts', 'src/build-progress.ts', 'src/browser', 'src/styles'],
  ['src/essays'],
  ['src/site'],
  ['src/markdown/findings.ts', 'src/markdown/outline.ts', 'src/markdown/source-location.ts', 'src/markdown/dependencies.ts', 'src/markdown/bibliography-files.ts'],
  ['src/markdown/tex'],
  ['src/markdown/plugins'],
  ['src/markdown/pipeline.ts', 'src/markdown/shiki.ts'],
  ['src/markdown/render'],
  ['src/collection', 'src/og', 'src/validation'],
  ['src/feeds', 'src/loaders'],
  ['src/content.config.ts'],
  ['src/routes'],
  ['src/integrations'],
  ['src/components'],
  ['src/layouts'],
  ['src/pages'],
];

/** The layer entry a file belongs to: the longest entry that is the file or a folder holding it. */
function placeOf(file: string): { entry: string; layer: number } | undefined {
  let best: { entry: string; layer: number } | undefined;
  LAYERS.forEach((entries, layer) => {
    for (const entry of entries) {
      if ((file === entry || file.startsWith(`${entry}/`)) && (!best || entry.length > best.entry.length)) best = { entry, layer };
    }
  });
  return best;
}

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .map((entry) => `${dir}/${entry.split(path.sep).join('/')}`)
    .filter((file) => /\.(ts|astro)$/.test(file));
}

/** Relative module specifiers: static and dynamic imports, `new URL(…, import.meta.url)`, `createRequire(…)(…)`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\bnew URL\(\s*|\bcreateRequire\([^)]*\)\(\s*)['"](\.{1,2}\/[^'"?]+)/g;

/** Every project file a file imports, as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  return [...text.matchAll(SPECIFIER)].map(([, specifier]) => path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier!)));
}

const sourceFiles = filesUnder('src');

describe('the import graph of src/', () => {
  it('places every module in a layer', () => {
    expect(sourceFiles.filter((file) => !placeOf(file))).toEqual([]);
  });

  it('has no upward or sideways edge', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles) {
      const from = placeOf(file)!;
      for (const target of importsOf(file)) {
        if (!target.startsWith('src/')) {
          wrong.push(`${file} → ${target} (src/ imports nothing outside it)`);
          continue;
        }
        const to = placeOf(target);
        if (!to) continue; // not code (an image, a stylesheet): no layer
        const sameFolder = from.entry === to.entry || path.posix.dirname(file) === path.posix.dirname(target);
        if (sameFolder) continue;
        if (to.layer > from.layer) wrong.push(`${file} → ${target} (layer ${from.layer} imports layer ${to.layer})`);
        else if (to.layer === from.layer) wrong.push(`${file} → ${target} (beside it in layer ${from.layer})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('sees the imports it checks', () => {
    // The check is only as good as its parsing: these edges exist and must be found.
    expect(importsOf('src/markdown/pipeline.ts')).toContain('src/markdown/plugins/rehype-check-output.ts');
    expect(importsOf('src/markdown/plugins/rehype-render-math.ts')).toContain('src/markdown/tex/typeset-with-mathjax.ts');
    expect(importsOf('src/pages/posts/[slug].astro')).toContain('src/layouts/PostLayout.astro');
    expect(importsOf('src/integrations/legacy-redirects.ts')).toContain('src/routes/legacy-redirect.ts');
  });

  it('is not imported back from scripts and tests by anything in src/', () => {
    const outward = sourceFiles.flatMap((file) => importsOf(file).filter((target) => /^(scripts|tests|bench)\//.test(target)));
    expect(outward).toEqual([]);
  });
});

describe('the command-line scripts', () => {
  it('import src/ and each other, never the tests', () => {
    const scripts = filesUnder('scripts');
    const intoTests = scripts.flatMap((file) => importsOf(file).filter((target) => target.startsWith('tests/')).map((target) => `${file} → ${target}`));
    expect(scripts.length).toBeGreaterThan(5);
    expect(intoTests).toEqual([]);
  });
});
