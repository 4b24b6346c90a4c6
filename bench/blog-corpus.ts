import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { repoRoot } from '../tests/support/paths.ts';
import { drawImage, random, type ImageKind, type ImageSpec } from './blog-images.ts';
import { CODE_SAMPLES, readSeed, SEED_FILE } from './corpus.ts';

/**
 * The real-blog corpus: what a writer's blog looks like after years of posts, generated (no
 * real blog is copied into the repository): 30 essays of varied length, some with code, tables
 * or math, and 100 images of the kinds blogs carry (`bench/blog-images.ts`).
 *
 * Two thirds of the essays are a Jekyll blog as `npm run import:jekyll` leaves it: the essay in
 * `content/posts/<slug>.md` with `imported:` in its front matter, its images copied into
 * `public/assets/…` and referenced by root path (`/assets/images/2019/x.jpg`), icons shared by
 * several essays; Astro copies these files as they are. The other third are essays written
 * since, each in its own folder (`content/posts/<slug>/index.md`) with its images beside it
 * (`./figure-1.png`), which Astro's image pipeline converts and resizes. Both Quire and the
 * plain-Astro baseline build the same files.
 *
 * Drawing 100 images takes a while, so the corpus is written once into
 * `.fixtures/bench-blog-<fingerprint>/` and copied into each site; the fingerprint covers the
 * code that draws it, the seed essay and sharp's version, so any change draws it again.
 */
export const BLOG_ESSAYS = 30;

export interface BlogEssay {
  slug: string;
  /** Relative to `content/posts/`. */
  file: string;
  /** `public`: an imported essay, images under public/assets; `beside`: images in its folder. */
  images: 'public' | 'beside';
  /** A sentence of its text that a warm rebuild's edit replaces. */
  sentence: string;
}

export interface BlogImage extends ImageSpec {
  /** Where the file goes, relative to the site root (`public/assets/…` or `content/posts/<slug>/…`). */
  file: string;
  /** How essays reference it: `/assets/…` or `./name`. */
  src: string;
}

export interface BlogCorpusSummary {
  essays: number;
  words: number;
  images: number;
  imageBytes: number;
  /** Images Astro's pipeline processes (beside their essay) and images copied from public/. */
  beside: number;
  inPublic: number;
  byKind: Partial<Record<ImageKind, { count: number; bytes: number }>>;
  /** Essays with code, tables, math. */
  withCode: number;
  withTables: number;
  withMath: number;
}

export interface BlogCorpus {
  essays: BlogEssay[];
  /** The folder holding `content/posts/` and `public/` ready to copy. */
  folder: string;
  summary: BlogCorpusSummary;
}

/** Folders of `public/` the corpus writes (and a site's cleanup removes). */
const PUBLIC_FOLDERS = ['public/assets/images', 'public/assets/icons'];

const slugOf = (e: number) => `blog-${String(e).padStart(2, '0')}`;
/** Every third essay was written in Quire, with its images beside it; the others came from Jekyll. */
const placeOf = (e: number): BlogEssay['images'] => (e % 3 === 0 ? 'beside' : 'public');
const yearOf = (e: number) => 2015 + Math.floor(((e - 1) * 10) / BLOG_ESSAYS);

/**
 * The 100 images: [kind, extension, count in public/, count beside essays, widths, aspect].
 * Photos are the large files (JPEG 1600–3000 px; a few PNG, as editors export them); diagrams
 * and screenshots are flat PNGs; animations are GIFs; icons are small PNGs.
 */
const IMAGE_PLAN: [ImageKind, string, number, number, [number, number], number][] = [
  ['photo', 'jpg', 14, 10, [1600, 3000], 2 / 3],
  ['photo', 'png', 3, 3, [1600, 2400], 2 / 3],
  ['diagram', 'png', 20, 10, [800, 1600], 0.6],
  ['screenshot', 'png', 12, 8, [1280, 2560], 9 / 16],
  ['animation', 'gif', 3, 2, [480, 640], 0.625],
  ['icon', 'png', 12, 3, [32, 128], 1],
];

/** Words of prose an essay aims at: mostly short, a few long reads. */
const LENGTHS = [250, 400, 600, 900, 1200, 1600, 2400, 4500];
const TAGS = ['notes', 'ml', 'python', 'infra', 'travel', 'photography', 'tools', 'math', 'web', 'data', 'teaching', 'reading'];
const MORE_CODE: { lang: string; code: (i: number) => string }[] = [
  { lang: 'yaml', code: (i) => ['jobs:', `  train-${i}:`, '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', `      - run: make train RUN=${i}`].join('\n') },
  { lang: 'json', code: (i) => JSON.stringify({ run: i, model: 'resnet-50', metrics: { accuracy: 0.91, loss: 0.23 }, tags: ['baseline', 'gpu'] }, null, 2) },
  { lang: 'rust', code: (i) => ['fn mean(values: &[f64]) -> Option<f64> {', '    if values.is_empty() { return None; }', '    Some(values.iter().sum::<f64>() / values.len() as f64)', '}', '', `fn main() { println!("{:?}", mean(&[${i}.0, 2.5, 4.0])); }`].join('\n') },
  { lang: 'go', code: (i) => ['package main', '', 'import "fmt"', '', 'func main() {', `\tfor i := 0; i < ${i % 7 + 3}; i++ {`, '\t\tfmt.Println("step", i)', '\t}', '}'].join('\n') },
  { lang: 'css', code: (i) => [`.figure-${i} {`, '  display: grid;', '  grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));', '  gap: 1rem;', '}'].join('\n') },
];
const MATH_INLINE = ['$\\sigma^2 = \\mathbb{E}[(X - \\mu)^2]$', '$p(y \\mid x) \\propto p(x \\mid y)\\,p(y)$', '$\\hat{\\theta} = \\arg\\max_\\theta \\log L(\\theta)$', '$O(n \\log n)$'];
const MATH_DISPLAY = [
  '$$\n\\mathcal{L}(\\theta) = -\\frac{1}{N} \\sum_{i=1}^{N} \\left[ y_i \\log \\hat{y}_i + (1 - y_i) \\log (1 - \\hat{y}_i) \\right]\n$$',
  '$$\n\\int_0^1 x^2 \\, dx = \\frac{1}{3}\n$$',
  '$$\n\\begin{aligned}\nf(x) &= \\sum_{k=0}^{\\infty} \\frac{f^{(k)}(a)}{k!} (x - a)^k \\\\\n&\\approx f(a) + f\'(a)(x - a)\n\\end{aligned}\n$$',
];

/** Plain paragraphs of the seed essay, the prose every essay is made of. */
function seedParagraphs(): string[] {
  return readSeed()
    .body.split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => /^[A-Z]/.test(block) && block.length > 120 && !block.includes('\n'));
}

function planImages(): BlogImage[] {
  const rand = random(2024);
  const images: BlogImage[] = [];
  const besideEssays = Array.from({ length: BLOG_ESSAYS }, (_, k) => k + 1).filter((e) => placeOf(e) === 'beside');
  let seed = 1;
  let besideTurn = 0;
  for (const [kind, ext, inPublic, beside, [minWidth, maxWidth], aspect] of IMAGE_PLAN) {
    for (let k = 1; k <= inPublic + beside; k++) {
      const width = Math.round(minWidth + rand() * (maxWidth - minWidth));
      const spec = { kind, width, height: Math.max(16, Math.round(width * aspect)), seed: seed++ };
      if (k <= inPublic) {
        const name = `${kind}-${k}.${ext}`;
        const folder = kind === 'icon' ? 'assets/icons' : `assets/images/${2015 + (k % 10)}`;
        images.push({ ...spec, name, file: `public/${folder}/${name}`, src: `/${folder}/${name}` });
      } else {
        // Beside an essay: spread over the Quire-written essays in turn.
        const slug = slugOf(besideEssays[besideTurn++ % besideEssays.length]!);
        const name = `${kind}-${k}.${ext}`;
        images.push({ ...spec, name, file: `content/posts/${slug}/${name}`, src: `./${name}` });
      }
    }
  }
  return images;
}

/** Which images each essay shows: its own (beside it), or a share of public/ (icons shared widely). */
function imagesByEssay(images: BlogImage[]): Map<number, BlogImage[]> {
  const rand = random(7);
  const byEssay = new Map<number, BlogImage[]>();
  const add = (e: number, image: BlogImage) => byEssay.set(e, [...(byEssay.get(e) ?? []), image]);
  const imported = Array.from({ length: BLOG_ESSAYS }, (_, k) => k + 1).filter((e) => placeOf(e) === 'public');
  for (const image of images) {
    const besideSlug = /^content\/posts\/([^/]+)\//.exec(image.file)?.[1];
    if (besideSlug) add(Number(besideSlug.slice(5)), image);
    else if (image.kind === 'icon') {
      // An icon appears in two or three essays, as a logo or an author's avatar does.
      for (let copies = 2 + Math.floor(rand() * 2); copies > 0; copies--) add(imported[Math.floor(rand() * imported.length)]!, image);
    } else {
      // Skewed: a few photo-heavy essays (travel, a talk's slides), many with one or two images.
      add(imported[Math.floor(rand() ** 1.6 * imported.length)]!, image);
    }
  }
  for (const list of byEssay.values()) list.splice(0, list.length, ...new Set(list));
  return byEssay;
}

function essayText(e: number, images: BlogImage[], paragraphs: string[]): { text: string; words: number; sentence: string; features: string[] } {
  const rand = random(100 + e);
  const slug = slugOf(e);
  const year = yearOf(e);
  const date = `${year}-${String(1 + (e % 12)).padStart(2, '0')}-${String(1 + ((e * 7) % 28)).padStart(2, '0')}`;
  const target = LENGTHS[Math.floor(rand() * LENGTHS.length)]!;
  const hasCode = rand() < 0.5;
  const hasTable = rand() < 0.35;
  const hasMath = e % 4 === 1;
  // Stated once, so that a warm rebuild's edit has a sentence to change in every essay.
  const sentence = `This essay, number ${e} of the blog, was first written in ${year}.`;
  const body: string[] = [sentence, ''];
  const pending = [...images];
  let words = 0;
  let section = 0;
  const alt = (image: BlogImage) => `${image.kind} ${image.name.replace(/\.\w+$/, '')} of essay ${e}`;
  const features = [hasCode && 'code', hasTable && 'table', hasMath && 'math'].filter(Boolean) as string[];
  while (words < target) {
    section++;
    body.push(`## ${['Background', 'What I tried', 'Results', 'Lessons', 'Details', 'Notes', 'Setup', 'Going further'][section % 8]} ${section}`, '');
    for (let p = 0; p < 2 + Math.floor(rand() * 3); p++) {
      const paragraph = paragraphs[Math.floor(rand() * paragraphs.length)]!;
      words += paragraph.split(/\s+/).length;
      body.push(hasMath && p === 1 ? `${paragraph} In symbols, ${MATH_INLINE[(e + section) % MATH_INLINE.length]}.` : paragraph, '');
    }
    const image = pending.shift();
    if (image) {
      // Half the images have a caption (a title, so Quire makes a figure); icons sit in a sentence.
      if (image.kind === 'icon') body.push(`![${alt(image)}](${image.src}) Posted by the author, with a small logo.`, '');
      else body.push(rand() < 0.5 ? `![${alt(image)}](${image.src} "Figure ${section}: the ${image.kind}")` : `![${alt(image)}](${image.src})`, '');
    }
    if (hasCode && section % 2 === 1) {
      const sample = [...CODE_SAMPLES, ...MORE_CODE][(e + section) % (CODE_SAMPLES.length + MORE_CODE.length)]!;
      body.push('```' + sample.lang, sample.code(e * 10 + section), '```', '');
    }
    if (hasTable && section % 3 === 1) {
      const rows = 4 + Math.floor(rand() * 12);
      body.push('| run | accuracy | latency | notes |', '| --- | --: | --: | --- |');
      for (let r = 1; r <= rows; r++) body.push(`| ${slug}-${r} | ${(0.6 + rand() * 0.39).toFixed(3)} | ${Math.round(20 + rand() * 300)} ms | ${rand() < 0.5 ? 'kept' : 'dropped'} |`);
      body.push('');
    }
    if (hasMath && section % 2 === 0) body.push(MATH_DISPLAY[(e + section) % MATH_DISPLAY.length]!, '');
    if (section % 3 === 0) {
      body.push(`> ${paragraphs[Math.floor(rand() * paragraphs.length)]!.split('. ')[0]}.`, '');
      body.push(...['Keep the data', 'Write the test first', 'Measure before changing'].map((item, k) => `- ${item}, as in [essay ${((e + k) % BLOG_ESSAYS) + 1}](/posts/${slugOf(((e + k) % BLOG_ESSAYS) + 1)}/).`), '');
    }
  }
  // Images the prose did not reach: a gallery at the end, as photo-heavy posts have.
  if (pending.length > 0) {
    body.push('## Gallery', '');
    for (const image of pending) body.push(`![${alt(image)}](${image.src})`, '');
  }
  const tags = [TAGS[e % TAGS.length]!, TAGS[(e * 5 + 3) % TAGS.length]!].filter((tag, k, all) => all.indexOf(tag) === k);
  const frontMatter = [
    '---',
    `title: ${JSON.stringify(`Notes from ${year}, part ${e}: ${['a field guide', 'what went wrong', 'a second look', 'numbers'][e % 4]}`)}`,
    `date: ${date}`,
    `description: ${JSON.stringify(`Essay ${e} of a blog of ${BLOG_ESSAYS}: ${features.join(', ') || 'prose'} and ${images.length} images.`)}`,
    `tags: [${tags.join(', ')}]`,
    ...(placeOf(e) === 'public' ? [`imported: { from: jekyll, file: _posts/${date}-${slug}.md }`] : []),
    '---',
    '',
  ];
  return { text: [...frontMatter, ...body].join('\n'), words, sentence, features };
}

/** The corpus's fingerprint: the code that writes it, the seed, sharp's version. */
function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of ['./blog-corpus.ts', './blog-images.ts', './corpus.ts']) hash.update(readFileSync(fileURLToPath(new URL(file, import.meta.url))));
  hash.update(readFileSync(SEED_FILE));
  hash.update(sharp.versions.sharp ?? '');
  hash.update(sharp.versions.vips);
  return hash.digest('hex').slice(0, 12);
}

/** The corpus, drawn now or found in `.fixtures/` from an earlier run. */
export async function prepareBlogCorpus(log: (line: string) => void = () => {}): Promise<BlogCorpus> {
  const fixtures = path.join(repoRoot, '.fixtures');
  const folder = path.join(fixtures, `bench-blog-${fingerprint()}`);
  const summaryFile = path.join(folder, 'corpus.json');
  if (existsSync(summaryFile)) return { ...(JSON.parse(readFileSync(summaryFile, 'utf8')) as BlogCorpus), folder };
  // Older corpora (another fingerprint) would only take space.
  for (const entry of existsSync(fixtures) ? readdirSync(fixtures) : []) {
    if (/^bench-blog-[0-9a-f]{12}(\.partial)?$/.test(entry)) rmSync(path.join(fixtures, entry), { recursive: true, force: true });
  }
  const partial = `${folder}.partial`;
  mkdirSync(partial, { recursive: true });
  const images = planImages();
  const byEssay = imagesByEssay(images);
  const paragraphs = seedParagraphs();
  const essays: BlogEssay[] = [];
  const summary: BlogCorpusSummary = { essays: BLOG_ESSAYS, words: 0, images: images.length, imageBytes: 0, beside: 0, inPublic: 0, byKind: {}, withCode: 0, withTables: 0, withMath: 0 };
  for (let e = 1; e <= BLOG_ESSAYS; e++) {
    const slug = slugOf(e);
    const file = placeOf(e) === 'beside' ? `${slug}/index.md` : `${slug}.md`;
    const { text, words, sentence, features } = essayText(e, byEssay.get(e) ?? [], paragraphs);
    mkdirSync(path.dirname(path.join(partial, 'content', 'posts', file)), { recursive: true });
    writeFileSync(path.join(partial, 'content', 'posts', file), text);
    essays.push({ slug, file, images: placeOf(e), sentence });
    summary.words += words;
    if (features.includes('code')) summary.withCode++;
    if (features.includes('table')) summary.withTables++;
    if (features.includes('math')) summary.withMath++;
  }
  log(`  drawing the blog corpus's ${images.length} images into ${path.relative(process.cwd(), folder)}/ (once; later runs reuse them)`);
  const started = performance.now();
  // Two at a time: one drawn in JavaScript while sharp encodes the other on its own threads.
  const queue = [...images];
  await Promise.all(
    [0, 1].map(async () => {
      for (let image = queue.shift(); image; image = queue.shift()) {
        const bytes = await drawImage(image);
        const target = path.join(partial, image.file);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, bytes);
      }
    }),
  );
  for (const image of images) {
    const bytes = statSync(path.join(partial, image.file)).size;
    summary.imageBytes += bytes;
    if (image.file.startsWith('public/')) summary.inPublic++;
    else summary.beside++;
    const kind = (summary.byKind[image.kind] ??= { count: 0, bytes: 0 });
    kind.count++;
    kind.bytes += bytes;
  }
  log(`  drew them in ${((performance.now() - started) / 1000).toFixed(1)} s: ${(summary.imageBytes / 2 ** 20).toFixed(1)} MB`);
  const corpus: BlogCorpus = { essays, folder, summary };
  writeFileSync(path.join(partial, 'corpus.json'), JSON.stringify(corpus, null, 2));
  renameSync(partial, folder);
  return corpus;
}

/** Puts the corpus into a site: its essays replace `content/posts/`, its images go to public/ and beside the essays. */
export function writeBlogCorpus(siteRoot: string, corpus: BlogCorpus): void {
  removeBlogCorpus(siteRoot);
  cpSync(path.join(corpus.folder, 'content', 'posts'), path.join(siteRoot, 'content', 'posts'), { recursive: true });
  cpSync(path.join(corpus.folder, 'public'), path.join(siteRoot, 'public'), { recursive: true });
}

/** Takes the corpus out of a site again (the next corpus replaces `content/posts/`, not public/). */
export function removeBlogCorpus(siteRoot: string): void {
  rmSync(path.join(siteRoot, 'content', 'posts'), { recursive: true, force: true });
  for (const folder of PUBLIC_FOLDERS) rmSync(path.join(siteRoot, folder), { recursive: true, force: true });
}

/** A warm rebuild's edit: the first sentence of the first essay with images beside it, changed. */
export function editBlogEssay(siteRoot: string, corpus: BlogCorpus, run: number): void {
  const essay = corpus.essays.find((candidate) => candidate.images === 'beside')!;
  const file = path.join(siteRoot, 'content', 'posts', essay.file);
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(/^This essay, number .*$/m, `${essay.sentence.slice(0, -1)}, and edited for warm rebuild ${run + 1}.`);
  if (changed === text) throw new Error(`${file}: no sentence to edit`);
  writeFileSync(file, changed);
}
