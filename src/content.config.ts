// The same defineCollection that `astro:content` re-exports; importing it from its package path lets
// plain Node (`npm run check`, the tests) load this file and its schema without Astro's Vite plugin.
import { defineCollection } from 'astro/content/config';
import { z } from 'astro/zod';
import { parseAuthorDate } from './lib/dates.ts';
import { postsLoader } from './loaders/posts-loader.ts';

/**
 * The one description of an essay's front matter. Types for layouts and pages are derived
 * from it (`CollectionEntry<'posts'>['data']`); the README's front-matter table is checked
 * against it by a test. Messages complete the sentence "<file>: <field>: …".
 */

/** The layouts an essay may ask for; each has a component in `src/layouts/`. */
export const POST_LAYOUTS = ['post'] as const;
export type PostLayoutName = (typeof POST_LAYOUTS)[number];

export const DEFAULT_TOC_RANGE = { minDepth: 2, maxDepth: 3 } as const;

const describe = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

const authorDate = z
  .string({ error: (issue) => `${describe(issue.input)} is not a date (expected YYYY-MM-DD)` })
  .transform((text, context) => {
    const parsed = parseAuthorDate(text);
    if (parsed.ok) return parsed.date;
    context.addIssue({ code: 'custom', message: `"${text}" ${parsed.reason}` });
    return z.NEVER;
  });

const headingDepth = z
  .int({ error: 'must be a whole number from 1 to 6' })
  .min(1, { error: 'must be at least 1' })
  .max(6, { error: 'must be at most 6' });

const tocOption = z
  .union(
    [
      z.boolean(),
      z
        .strictObject({ minDepth: headingDepth.default(DEFAULT_TOC_RANGE.minDepth), maxDepth: headingDepth.default(DEFAULT_TOC_RANGE.maxDepth) })
        .refine((range) => range.minDepth <= range.maxDepth, { error: 'minDepth must not be greater than maxDepth' }),
    ],
    { error: 'must be true, false or { minDepth, maxDepth } (heading levels 1–6)' },
  )
  .default(true)
  .transform((toc) => (toc === true ? { ...DEFAULT_TOC_RANGE } : toc));

export const postSchema = z
  .strictObject(
    {
      title: z
        .string({ error: (issue) => (issue.input === undefined ? 'is required (the essay’s title)' : 'must be text') })
        .trim()
        .min(1, { error: 'must not be empty' }),
      description: z.string({ error: 'must be text (one or two sentences)' }).trim().optional(),
      date: authorDate.optional(),
      updated: authorDate.optional(),
      publishDate: authorDate.optional(),
      tags: z
        .array(z.string({ error: 'each tag must be text' }).trim().min(1, { error: 'a tag must not be empty' }), {
          error: 'must be a list of text, like [essays, ml]',
        })
        .default([]),
      draft: z.boolean({ error: (issue) => `${describe(issue.input)} is not true or false` }).default(false),
      toc: tocOption,
      layout: z
        .enum(POST_LAYOUTS, {
          error: (issue) => `${describe(issue.input)} is not a layout (accepted: ${POST_LAYOUTS.join(', ')})`,
        })
        .default('post'),
      slug: z
        .string({ error: 'must be text' })
        .regex(/^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u, {
          error: 'must be lowercase words joined by single hyphens, like my-essay',
        })
        .optional(),
    },
    {
      error: (issue): string | undefined =>
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (known fields: ${KNOWN_FIELDS.join(', ')})`
          : undefined,
    },
  );

/** Every front-matter field Quire knows, in the order the README documents them. */
export const KNOWN_FIELDS: string[] = Object.keys(postSchema.shape);

export const collections = {
  posts: defineCollection({
    loader: postsLoader({ base: './content/posts', schema: postSchema }),
    schema: postSchema,
  }),
};
