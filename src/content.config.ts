// The same defineCollection that `astro:content` re-exports; importing it from its package path lets
// plain Node (`npm run check`, the tests) load this file and its schema without Astro's Vite plugin.
import { defineCollection } from 'astro/content/config';
import { z } from 'astro/zod';
import { parseAuthorDate } from './essays/dates.ts';
import { REFERENCE_ID_PATTERN } from './essays/references.ts';
import { bareDoi } from './essays/citation.ts';
import { bibliographyFormat } from './essays/bibliography.ts';
import { CITATION_STYLES } from './essays/citation-styles.ts';
import { slugify } from './essays/slugs.ts';
import { findControlCharacter } from './essays/control-characters.ts';
import { postsLoader } from './loaders/posts-loader.ts';

/**
 * The one description of an essay's front matter. Types for layouts and pages are derived
 * from it (`CollectionEntry<'posts'>['data']`); the front-matter table in docs/writing.md is checked
 * against it by a test. Messages complete the sentence "<file>: <field>: …".
 */

/** The layouts an essay may ask for; each has a component in `src/layouts/`. */
export const POST_LAYOUTS = ['post'] as const;
export type PostLayoutName = (typeof POST_LAYOUTS)[number];

/**
 * Generators `imported.from` may name. An imported essay's defects that were already in the old
 * site (dead links, missing images) are warnings, not errors: see validate-posts.ts.
 */
export const IMPORT_SOURCES = ['jekyll'] as const;

export const DEFAULT_TOC_RANGE = { minDepth: 2, maxDepth: 3 } as const;

const describe = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

/** Text that reaches titles, feeds and meta tags: refused if it holds a control character. */
const printable = (text: string, context: z.RefinementCtx) => {
  const found = findControlCharacter(text);
  if (!found) return;
  context.addIssue({ code: 'custom', message: `contains an invisible control character (${found.code}) at character ${found.index + 1}, which feeds and browsers refuse: delete it` });
};

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
  // `true`: the two highest heading levels the essay uses (src/essays/toc.ts), which is h2–h3 for
  // most essays and h4–h5 for one whose sections are `####`.
  .transform((toc) => (toc === true ? ('auto' as const) : toc));

/** One source in `references:`; the text cites it as `[@id]`. Messages name the field inside the entry. */
const referenceEntry = z.strictObject(
  {
    id: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required (the text cites the source as [@id])' : 'must be text') })
      .trim()
      .regex(REFERENCE_ID_PATTERN, {
        error: (issue) => `${describe(issue.input)} is not an id (letters, digits, and - _ . : inside, like squad-2016)`,
      }),
    title: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required (the source’s title)' : 'must be text') })
      .trim()
      .min(1, { error: 'must not be empty' }),
    url: z.url({
      protocol: /^https?$/,
      error: (issue) =>
        issue.input === undefined ? 'is required (the address of the source)' : `${describe(issue.input)} is not a web address (expected https://…)`,
    }),
    authors: z
      .array(z.string({ error: 'each author must be text' }).trim().min(1, { error: 'an author must not be empty' }), {
        error: 'must be a list of names, like [Ada Lovelace, Alan Turing]',
      })
      .optional(),
    publisher: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }).optional(),
    year: z
      .int({ error: (issue) => `${describe(issue.input)} is not a year (expected a number, like 2019)` })
      .min(1, { error: 'must be a year, like 2019' })
      .max(9999, { error: 'must be a year, like 2019' })
      .optional(),
    accessed: authorDate.optional(),
    note: z.string({ error: 'must be text' }).trim().optional(),
  },
  {
    error: (issue): string | undefined =>
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (a reference has id, title, url, authors, publisher, year, accessed, note)`
        : issue.code === 'invalid_type'
          ? 'each reference must be a set of fields: id, title, url, and optionally authors, publisher, year, accessed, note'
          : undefined,
  },
);

const referenceList = z
  .array(referenceEntry, { error: 'must be a list of references, each with id, title and url' })
  .default([])
  .superRefine((references, context) => {
    const first = new Map<string, number>();
    references.forEach((reference, index) => {
      const earlier = first.get(reference.id);
      if (earlier === undefined) first.set(reference.id, index);
      else context.addIssue({ code: 'custom', path: [index, 'id'], message: `"${reference.id}" is already the id of references.${earlier} (ids must be unique)` });
    });
  });

/** A bibliography file beside the essay: `refs.bib` (BibTeX) or `refs.json` (CSL-JSON), written relative to it. */
const bibliographyPath = z
  .string({ error: 'must be the path of a .bib or .json file beside the essay, like refs.bib' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .refine((written) => !/^[a-z][a-z0-9+.-]*:/i.test(written) && !written.startsWith('/'), {
    error: (issue) => `${describe(issue.input)} is not a path beside the essay: write it relative to the essay, like refs.bib`,
  })
  .refine((written) => bibliographyFormat(written) !== undefined, {
    error: (issue) => `${describe(issue.input)} is neither .bib (BibTeX) nor .json (CSL-JSON)`,
  });

/** Pandoc's `nocite`: `@key, @other` (or a list of them) listed without being cited; `@*` lists the whole bibliography. */
const nocite = z
  .union([z.string(), z.array(z.string())], { error: 'must be keys to list without citing, like "@knuth84, @lamport94" or "@*"' })
  .refine((value) => [value].flat().every((entry) => /^\s*@(\*|[^\s,;@]+)(?:\s*[,;]?\s*@(\*|[^\s,;@]+))*\s*,?\s*$/u.test(entry)), {
    error: (issue) => `${describe(issue.input)} is not a list of keys (expected "@knuth84, @lamport94", or "@*" for every entry)`,
  });

/**
 * An author: in a file of `content/authors/` (its name, without `.yaml`, is the key essays give
 * in `authors:`), or written out in an essay's `authors:` list.
 */
export const authorSchema = z.strictObject(
  {
    name: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required (the name as the byline shows it)' : 'must be text') })
      .trim()
      .min(1, { error: 'must not be empty' })
      .superRefine(printable),
    url: z.url({ protocol: /^https?$/, error: (issue) => `${describe(issue.input)} is not a web address (expected https://…)` }).optional(),
    affiliation: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }).superRefine(printable).optional(),
    orcid: z
      .string({ error: 'must be text' })
      .trim()
      .transform((written) => written.replace(/^https?:\/\/orcid\.org\//i, ''))
      .pipe(z.string().regex(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, { error: (issue) => `${describe(issue.input)} is not an ORCID iD (expected 0000-0002-1825-0097)` }))
      .optional(),
  },
  {
    error: (issue): string | undefined =>
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (an author has name, url, affiliation, orcid)`
        : issue.code === 'invalid_type'
          ? 'an author must be the name of a file in content/authors/ (like ada) or { name, url, affiliation, orcid }'
          : undefined,
  },
);

/** An author's key: the name of their file in `content/authors/`. */
const AUTHOR_KEY = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/** A path below the site's root, as a browser would request it: `/2023/01/31/my-essay.html`, `/old/` (no empty segment). */
const SITE_PATH = /^\/(?!\/)(?!.*\/\/)(?!(?:.*\/)?\.\.?(?:\/|$))[^\s?#\\]*$/;

export const postSchema = z
  .strictObject(
    {
      title: z
        .string({ error: (issue) => (issue.input === undefined ? 'is required (the essay’s title)' : 'must be text') })
        .trim()
        .min(1, { error: 'must not be empty' })
        .superRefine(printable),
      description: z.string({ error: 'must be text (one or two sentences)' }).trim().superRefine(printable).optional(),
      date: authorDate.optional(),
      updated: authorDate.optional(),
      publishDate: authorDate.optional(),
      tags: z
        .array(
          z
            .string({ error: 'each tag must be text' })
            .trim()
            .min(1, { error: 'a tag must not be empty' })
            .superRefine(printable)
            .refine((tag) => slugify(tag) !== '', {
              error: (issue) => `tag ${describe(issue.input)} has no letter or digit, so it has no page address (/tags/…/): use words`,
            }),
          { error: 'must be a list of text, like [essays, ml]' },
        )
        .default([]),
      series: z
        .strictObject(
          {
            name: z
              .string({ error: (issue) => (issue.input === undefined ? 'is required (the series’ name, the same in each part)' : 'must be text') })
              .trim()
              .min(1, { error: 'must not be empty' })
              .superRefine(printable)
              .refine((name) => slugify(name) !== '', {
                error: (issue) => `${describe(issue.input)} has no letter or digit, so the series has no page address (/series/…/): use words`,
              }),
            part: z
              .int({ error: (issue) => (issue.input === undefined ? 'is required (this essay’s number in the series: 1, 2, …)' : `${describe(issue.input)} is not a part number (1, 2, …)`) })
              .min(1, { error: 'must be 1 or more' }),
          },
          {
            error: (issue): string | undefined =>
              issue.code === 'unrecognized_keys'
                ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (a series has name and part)`
                : issue.code === 'invalid_type'
                  ? 'must be { name, part }, like { name: Learning to rank, part: 2 }'
                  : undefined,
          },
        )
        .optional(),
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
      redirectFrom: z
        .array(
          z.string({ error: 'each old URL must be text, like /2023/01/31/my-essay.html' }).regex(SITE_PATH, {
            error: (issue) => `${describe(issue.input)} is not a path on this site (it must start with /, like /2023/01/31/my-essay.html)`,
          }),
          { error: 'must be a list of old URLs, like [/2023/01/31/my-essay.html]' },
        )
        .optional(),
      references: referenceList,
      bibliography: z
        .union([bibliographyPath, z.array(bibliographyPath, { error: 'must be a path or a list of paths, like [refs.bib, more.json]' }).min(1, { error: 'must name at least one file' })], {
          error: (issue) =>
            Array.isArray(issue.input) ? 'must be a list of .bib or .json paths, like [refs.bib, more.json]' : 'must be the path of a .bib or .json file beside the essay, like refs.bib',
        })
        .optional(),
      nocite: nocite.optional(),
      citationStyle: z
        .enum(CITATION_STYLES, { error: (issue) => `${describe(issue.input)} is not a citation style (accepted: ${CITATION_STYLES.join(', ')})` })
        .optional(),
      csl: z
        .string({ error: 'must be the path of a .csl style file beside the essay, like ieee.csl' })
        .trim()
        .regex(/^(?![a-z][a-z0-9+.-]*:|\/).+\.csl$/i, { error: (issue) => `${describe(issue.input)} is not a .csl file beside the essay (write it relative to the essay, like ieee.csl)` })
        .optional(),
      authors: z
        .array(
          z.union([
            z.string().trim().regex(AUTHOR_KEY, { error: (issue) => `${describe(issue.input)} is not an author key (the name of a file in content/authors/, like ada-lovelace)` }),
            authorSchema,
          ], {
            error: (issue) =>
              typeof issue.input === 'object' && issue.input !== null && !Array.isArray(issue.input)
                ? 'an author written out needs a name, and may have url, affiliation, orcid: { name: Alan Turing, affiliation: University of Manchester }'
                : 'each author must be the name of a file in content/authors/ (like ada) or { name, url, affiliation, orcid }',
          }),
          { error: 'must be a list of authors, like [ada, { name: Alan Turing }]' },
        )
        .min(1, { error: 'must name at least one author (leave the field out for the site’s author)' })
        .optional(),
      doi: z
        .string({ error: 'must be text: the essay’s own DOI, like 10.5281/zenodo.1234567' })
        .transform((written, context) => {
          const doi = bareDoi(written);
          if (doi === undefined) context.addIssue({ code: 'custom', message: `${describe(written)} is not a DOI (expected 10.<registrant>/<suffix>, like 10.5281/zenodo.1234567)` });
          return doi ?? written;
        })
        .optional(),
      math: z.boolean({ error: (issue) => `${describe(issue.input)} is not true or false` }).default(true),
      imported: z
        .strictObject(
          {
            from: z.enum(IMPORT_SOURCES, { error: (issue) => `${describe(issue.input)} is not a source Quire imports from (accepted: ${IMPORT_SOURCES.join(', ')})` }),
            file: z.string({ error: 'must be text: the path of the original file in the old site, like _posts/2019-04-25-recipe.md' }).trim().min(1, { error: 'must not be empty' }),
          },
          { error: 'must be { from: jekyll, file: <path of the original post> }' },
        )
        .optional(),
    },
    {
      error: (issue): string | undefined =>
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (known fields: ${KNOWN_FIELDS.join(', ')})`
          : undefined,
    },
  );

/** Every front-matter field Quire knows, in the order docs/writing.md documents them. */
export const KNOWN_FIELDS: string[] = Object.keys(postSchema.shape);

/**
 * What the collection stores: the front matter, plus what the loader works out from the file
 * (src/loaders/posts-loader.ts). Not front matter: an essay that sets one of these is told the
 * field is unknown, by `postSchema`.
 */
export const storedPostSchema = postSchema.extend({
  /** Minutes the essay takes to read (src/essays/reading-time.ts), counted from its source. */
  readingMinutes: z.int().positive().optional(),
  /** Slugs its source names as `/posts/<slug>` (src/essays/essay-links.ts): the essays its page previews. */
  essayLinks: z.array(z.string()).optional(),
  /** The authors `authors:` names, with those kept in content/authors/ filled in (src/essays/authors.ts). */
  authors: z.array(authorSchema.extend({ key: z.string().optional() })).optional(),
});

export const collections = {
  posts: defineCollection({
    loader: postsLoader({ contentDir: './content/posts', schema: postSchema, authorSchema }),
    schema: storedPostSchema,
  }),
};
