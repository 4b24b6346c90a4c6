import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureSite, type FixtureSite } from '../support/fixture-site.ts';
import { all, attr, hasClass, readHtml, textOf } from '../../scripts/audit/html.ts';

/**
 * Essays are rendered once and kept in a cache keyed by their text and by the code and config
 * of the Markdown pipeline (src/markdown/render/render-essays.ts); their HTML stays out of Astro's
 * content store and is read back by the pages and feeds that show it.
 */
const essay = (n: number, extra = '') =>
  `---\ntitle: Essay ${n}\ndate: 2023-01-0${n}\n---\n\n## Findings ${n}\n\n|     | Research | Production |\n| --- | --- | --- |\n| 1. | Static ${n} | Dynamic ${n} |\n\nA [link](/posts/essay-1/#findings-1).${extra}\n`;

let site: FixtureSite;
const cacheDir = () => path.join(site.root, 'node_modules', '.astro', 'quire-rendered');
/** Every cached essay, by file, with its modification time. */
function cached(): Record<string, number> {
  return Object.fromEntries(
    readdirSync(cacheDir(), { recursive: true, encoding: 'utf8' })
      .filter((entry) => entry.endsWith('.json'))
      .map((entry) => [entry, statSync(path.join(cacheDir(), entry)).mtimeMs]),
  );
}
const page = (slug: string) => readHtml(path.join(site.dist, 'posts', slug, 'index.html'));
const tableLabels = (slug: string) => all(page(slug), (el) => hasClass(el, 'table-scroll')).map((el) => attr(el, 'aria-label'));

beforeAll(async () => {
  site = createFixtureSite('render-cache', {
    'posts/essay-1.md': essay(1),
    'posts/essay-2.md': essay(2),
    'posts/essay-3.md': essay(3),
    'posts/with-mdx.mdx': '---\ntitle: MDX essay\ndate: 2023-02-01\n---\n\nexport const n = 6 * 7;\n\nThe answer is {n}.\n',
    // Its HTML stays in the store: Astro's render() must turn the image into an optimised one.
    'posts/with-image.md': '---\ntitle: Image essay\ndate: 2023-03-01\n---\n\n![A red box](./red-box.png)\n',
  });
  const redBox = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#ff0000' } }).png().toBuffer();
  writeFileSync(path.join(site.root, 'content', 'posts', 'red-box.png'), redBox);
  const built = await site.build();
  expect(built.code, built.output).toBe(0);
});
afterAll(() => site?.remove());

describe('rendered essays', () => {
  it('are kept out of the content store, and read back into their pages and the feeds', () => {
    const store = readFileSync(path.join(site.root, 'node_modules', '.astro', 'data-store.json'), 'utf8');
    expect(store).toContain('Essay 2');
    expect(store).not.toContain('Static 2');
    expect(textOf(page('essay-2'))).toContain('Static 2');
    expect(tableLabels('essay-2')).toEqual(['Table: Research, Production']);
    const feed = JSON.parse(readFileSync(path.join(site.dist, 'feed.json'), 'utf8')) as { items: { title: string; content_html: string }[] };
    expect(feed.items.find((item) => item.title === 'Essay 2')!.content_html).toContain('Dynamic 2');
    expect(feed.items.find((item) => item.title === 'MDX essay')!.content_html).toContain('The answer is 42.');
    const withImage = feed.items.find((item) => item.title === 'Image essay')!.content_html;
    expect(withImage).toMatch(/<img [^>]*src="https:\/\/quire\.example\.com\/_astro\/red-box\.[^"]+\.webp"/);
    expect(withImage).not.toMatch(/__astro_image_/i);
    expect(all(page('with-image'), (el) => el.tagName === 'img').map((img) => attr(img, 'src'))).toEqual([expect.stringMatching(/^\/_astro\/red-box\./)]);
    expect(Object.keys(cached())).toHaveLength(4);
  });

  it('are not rendered again when nothing changed, and only the edited one after an edit', async () => {
    const before = cached();
    const again = await site.build();
    expect(again.code, again.output).toBe(0);
    expect(cached()).toEqual(before);

    site.write('content/posts/essay-3.md', essay(3, '\n\nA sentence added later.'));
    const edited = await site.build();
    expect(edited.code, edited.output).toBe(0);
    const after = cached();
    expect(Object.keys(after)).toHaveLength(4);
    const unchanged = Object.keys(before).filter((file) => after[file] === before[file]);
    expect(unchanged).toHaveLength(3);
    expect(textOf(page('essay-3'))).toContain('A sentence added later.');
  });

  it('are all rendered again when the code of the Markdown pipeline changes', async () => {
    // A library one of the plugins imports (rehype-table-scroll-region.ts → essays/elements.ts).
    const label = path.join(site.root, 'src', 'essays', 'elements.ts');
    writeFileSync(label, readFileSync(label, 'utf8').replace('`Table: ${', '`Data table: ${'));
    const before = cached();
    const rebuilt = await site.build();
    expect(rebuilt.code, rebuilt.output).toBe(0);
    for (const slug of ['essay-1', 'essay-2', 'essay-3']) expect(tableLabels(slug)).toEqual(['Data table: Research, Production']);
    const after = cached();
    expect(Object.keys(after).filter((file) => file in before)).toEqual([]);
    // The entries of the old pipeline are gone, not kept forever.
    expect(Object.keys(after)).toHaveLength(4);
  });

  it('publish no page Astro copies from its cache after that copy was truncated', async () => {
    const fresh = readFileSync(path.join(site.dist, 'posts', 'essay-2', 'index.html'), 'utf8');
    const cachedPage = path.join(site.root, 'node_modules', '.astro', 'dist', 'posts', 'essay-2', 'index.html');
    expect(readFileSync(cachedPage, 'utf8')).toBe(fresh);
    writeFileSync(cachedPage, fresh.slice(0, 200));
    const rebuilt = await site.build();
    expect(rebuilt.code, rebuilt.output).toBe(0);
    expect(readFileSync(path.join(site.dist, 'posts', 'essay-2', 'index.html'), 'utf8')).toBe(fresh);
    expect(rebuilt.output).toContain('page cache: 1 cached page(s) changed since they were written, rendered again: posts/essay-2/index.html');
  });

  it('are rendered again for another base path, whose links they carry', async () => {
    const linkIn = (slug: string) => all(page(slug), (el) => el.tagName === 'a' && textOf(el) === 'link').map((a) => attr(a, 'href'));
    expect(linkIn('essay-2')).toEqual(['/posts/essay-1/#findings-1']);
    const underBlog = await site.build({ BASE_PATH: '/blog/' });
    expect(underBlog.code, underBlog.output).toBe(0);
    expect(linkIn('essay-2')).toEqual(['/blog/posts/essay-1/#findings-1']);
  });
});

describe('a rebuild after an edit', () => {
  it('gives the same site as a build from nothing, though it copies unchanged pages from the last build', async () => {
    // Essay 2 is the neighbour of essays 1 and 3: their pages name it.
    site.write('content/posts/essay-2.md', essay(2).replace('title: Essay 2', 'title: Essay two, renamed'));
    const rebuilt = await site.build();
    expect(rebuilt.code, rebuilt.output).toBe(0);
    const incremental = snapshot(site.dist);
    expect(textOf(page('essay-1'))).toContain('Essay two, renamed');
    // Astro keeps the pages it may copy next time here (experimental.incrementalBuild).
    const kept = path.join(site.root, 'node_modules', '.astro', 'dist', 'posts', 'essay-3', 'index.html');
    expect(readFileSync(kept, 'utf8')).toBe(readFileSync(path.join(site.dist, 'posts', 'essay-3', 'index.html'), 'utf8'));

    rmSync(site.dist, { recursive: true, force: true });
    rmSync(path.join(site.root, 'node_modules', '.astro'), { recursive: true, force: true });
    const fresh = await site.build();
    expect(fresh.code, fresh.output).toBe(0);
    const fromNothing = snapshot(site.dist);
    expect(Object.keys(incremental).sort()).toEqual(Object.keys(fromNothing).sort());
    const differing = Object.keys(fromNothing).filter((file) => incremental[file] !== fromNothing[file]);
    expect(differing).toEqual([]);
  });
});

/** Every file of a folder, by path, with a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((entry) => statSync(path.join(dir, entry)).isFile())
      .map((entry) => [entry, createHash('sha256').update(readFileSync(path.join(dir, entry))).digest('hex')]),
  );
}
