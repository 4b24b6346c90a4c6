import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A benchmark corpus: N essays made from the seed essay, each with its own slug, title, date
 * and tags, and one fenced code block and one table appended to the seed's text (which is kept
 * as it is, front matter included: description, layout, references). The same files are built
 * by Quire and by the plain-Astro baseline (`bench/baseline/`), whose schema lets the keys it
 * does not know pass through.
 */
export const SEED_FILE = fileURLToPath(new URL('../tests/fixtures/seed/posts/ml-research-vs-production.md', import.meta.url));

const TAG_POOL = ['ml', 'research', 'production', 'data', 'mlops', 'hardware', 'cost', 'explainability', 'teams', 'deployment', 'benchmarks', 'notes'];

export const CODE_SAMPLES: { lang: string; code: (i: number) => string }[] = [
  {
    lang: 'python',
    code: (i) =>
      [
        'import numpy as np',
        '',
        `def evaluate(model, batch, threshold=0.${(i % 9) + 1}):`,
        '    """Scores a batch and keeps the confident predictions."""',
        '    scores = model.predict_proba(batch)[:, 1]',
        '    return np.flatnonzero(scores >= threshold)',
        '',
        `print(evaluate(load_model("run-${i}"), load_batch(${i})))`,
      ].join('\n'),
  },
  {
    lang: 'ts',
    code: (i) =>
      [
        'interface Prediction { label: string; score: number }',
        '',
        `export async function serve(input: string): Promise<Prediction[]> {`,
        `  const response = await fetch('/v1/models/essay-${i}:predict', { method: 'POST', body: input });`,
        '  if (!response.ok) throw new Error(`model answered ${response.status}`);',
        '  return (await response.json()) as Prediction[];',
        '}',
      ].join('\n'),
  },
  {
    lang: 'sql',
    code: (i) =>
      [
        'SELECT model_version, COUNT(*) AS requests, AVG(latency_ms) AS mean_latency',
        'FROM predictions',
        `WHERE created_at >= DATE '2024-01-01' AND essay_id = ${i}`,
        'GROUP BY model_version',
        'ORDER BY requests DESC;',
      ].join('\n'),
  },
  {
    lang: 'bash',
    code: (i) =>
      [
        'set -euo pipefail',
        `export RUN_ID=essay-${i}`,
        'python train.py --epochs 10 --data data/train.parquet --out "models/$RUN_ID"',
        'python evaluate.py "models/$RUN_ID" | tee "reports/$RUN_ID.txt"',
      ].join('\n'),
  },
];

export interface CorpusEssay {
  /** File name inside `content/posts/`. */
  file: string;
  slug: string;
  title: string;
  date: string;
}

const pad = (i: number) => String(i).padStart(4, '0');

/** The essay number `i` (1-based) of a corpus: its file name, slug, title and date. */
export function corpusEssay(i: number): CorpusEssay {
  const slug = `essay-${pad(i)}`;
  // One essay every three days, from 2016 on: distinct dates for any N below ~3,000.
  const date = new Date(Date.UTC(2016, 0, 1) + (i - 1) * 3 * 86_400_000).toISOString().slice(0, 10);
  return { file: `${slug}.md`, slug, title: `Machine Learning in Research vs Production, No. ${i}`, date };
}

function tagsOf(i: number): string[] {
  const count = 2 + (i % 2);
  return Array.from({ length: count }, (_, k) => TAG_POOL[(i * 5 + k * 7) % TAG_POOL.length]!).filter((tag, k, all) => all.indexOf(tag) === k);
}

/** The seed's front matter (without its title) and body. */
export function readSeed(seedFile = SEED_FILE): { frontMatter: string; body: string } {
  const text = readFileSync(seedFile, 'utf8').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${seedFile}: no front matter`);
  const frontMatter = match[1]!
    .split('\n')
    .filter((line) => !/^(title|date|tags|slug):/.test(line))
    .join('\n');
  return { frontMatter, body: match[2]! };
}

/** The text of essay `i`. */
export function corpusEssayText(i: number, seed = readSeed()): string {
  const essay = corpusEssay(i);
  const sample = CODE_SAMPLES[i % CODE_SAMPLES.length]!;
  const rows = [1, 2, 3, 4].map((r) => `| run-${i}-${r} | ${(0.7 + ((i * 7 + r * 3) % 29) / 100).toFixed(2)} | ${40 + ((i + r * 11) % 60)} ms | ${r % 2 ? 'yes' : 'no'} |`);
  return [
    '---',
    `title: ${JSON.stringify(essay.title)}`,
    `date: ${essay.date}`,
    `tags: [${tagsOf(i).join(', ')}]`,
    seed.frontMatter,
    '---',
    seed.body.trimEnd(),
    '',
    `## Appendix: essay ${i} in numbers`,
    '',
    `The evaluation script used for run ${i}:`,
    '',
    '```' + sample.lang,
    sample.code(i),
    '```',
    '',
    'And what it reported:',
    '',
    '| run | accuracy | p95 latency | shipped |',
    '| --- | --: | --: | :-: |',
    ...rows,
    '',
  ].join('\n');
}

/**
 * Writes essays 1…n into `<siteRoot>/content/posts/`, replacing whatever was there.
 * Returns the essays written.
 */
export function writeCorpus(siteRoot: string, n: number, seedFile = SEED_FILE): CorpusEssay[] {
  const folder = path.join(siteRoot, 'content', 'posts');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const seed = readSeed(seedFile);
  const essays: CorpusEssay[] = [];
  for (let i = 1; i <= n; i++) {
    const essay = corpusEssay(i);
    writeFileSync(path.join(folder, essay.file), corpusEssayText(i, seed));
    essays.push(essay);
  }
  return essays;
}
