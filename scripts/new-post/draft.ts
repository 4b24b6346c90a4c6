import { slugify } from '../../src/essays/slugs.ts';

export interface NewPostOptions {
  title: string;
  tags: string[];
  mdx: boolean;
  today: Date;
}

/** A new draft's file name and text: front matter the schema accepts, and a first heading. */
export function newPostFile({ title, tags, mdx, today }: NewPostOptions) {
  // Punctuation in a title leaves runs of hyphens ("a & b" → "a--b"): tidy them for a file name.
  const slug = slugify(title).replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
  const lines = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `date: ${today.toISOString().slice(0, 10)}`,
    'description: ""',
    `tags: [${tags.map((tag) => JSON.stringify(tag)).join(', ')}]`,
    'draft: true',
    '---',
    '',
    '## Introduction',
    '',
    'Start writing here.',
    '',
  ];
  return { slug, fileName: `${slug}.${mdx ? 'mdx' : 'md'}`, text: lines.join('\n') };
}
