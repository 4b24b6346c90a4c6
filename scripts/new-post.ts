/**
 * `npm run new -- "Title of the essay" [--tags a,b] [--mdx]`: starts a draft essay with valid
 * front matter at content/posts/<slug>.md(x). Never overwrites an existing file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { newPostFile } from './new-post/draft.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { tags: { type: 'string' }, mdx: { type: 'boolean', default: false } },
});

const title = positionals.join(' ').trim();
if (!title) {
  console.error('Usage: npm run new -- "Title of the essay" [--tags a,b] [--mdx]');
  process.exit(2);
}

const tags = (values.tags ?? '').split(',').map((tag) => tag.trim()).filter(Boolean);
const post = newPostFile({ title, tags, mdx: values.mdx ?? false, today: new Date() });
const file = path.join(process.cwd(), 'content', 'posts', post.fileName);
const shown = path.relative(process.cwd(), file);

if (post.slug === '') {
  console.error(`"${title}" has no letters or digits to make a file name from.`);
  process.exit(2);
}
if (existsSync(file)) {
  console.error(`${shown} already exists; not overwriting it. Choose another title, or edit that file.`);
  process.exit(1);
}
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, post.text, { flag: 'wx' });
console.log(`Created ${shown} (a draft: run \`npm run dev\` to see it, set \`draft: false\` to publish).`);
