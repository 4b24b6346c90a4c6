import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { globSync } from 'tinyglobby';
import { ContentError, formatSchemaIssues, type SchemaIssue } from '../lib/content-errors.ts';
import { parseAuthorDate, resolvePostDate } from '../lib/dates.ts';
import { readFrontMatter } from '../lib/front-matter.ts';
import { readGitAddedDates } from '../lib/git-dates.ts';
import { slugFromContentPath, slugify } from '../lib/slugs.ts';
import { collectRenderErrors } from './render-errors.ts';
import { formatProblem, isError, sortProblems } from '../validation/problems.ts';
import { readSiteRoutes } from '../validation/site-routes.ts';
import { validatePosts, type PostFile } from '../validation/validate-posts.ts';

interface SafeParser {
  safeParse(data: unknown): { success: true; data: any } | { success: false; error: { issues: SchemaIssue[] } };
}

export interface PostsLoaderOptions {
  /** Folder of essays, relative to the project root. */
  base: string;
  /** The collection's schema, checked here first so that errors can name the file. */
  schema: SafeParser;
}

export const POST_PATTERN = '**/*.{md,mdx}';

/** A production build (not `astro dev`): drafts are left out and content errors stop it. */
export const isProductionBuild = () => process.env.NODE_ENV === 'production';

/** Every post file under `base`, read, for the checks that look across posts. */
export function readPostFiles(root: string, base: string): PostFile[] {
  const folder = path.resolve(root, base);
  return globSync(POST_PATTERN, { cwd: folder })
    .sort()
    .map((entry) => {
      const absolute = path.join(folder, entry);
      return { entry, file: path.relative(root, absolute).split(path.sep).join('/'), text: readFileSync(absolute, 'utf8') };
    });
}

/**
 * Astro's glob loader, plus what a Jekyll-era essay needs around it:
 * - first, every post is checked together (schema, slugs, links, images, headings) and a
 *   production build stops with one compiler-style line per problem;
 * - the id is the post's slug (file name without date prefix, or `slug:`);
 * - front matter is read without YAML's lenient timestamps, and a missing date is filled from
 *   the file name or git.
 * In `astro dev` a broken post does not stop the server: it shows up as a draft whose title says
 * what to fix, and the terminal has the same lines as the build.
 */
export function postsLoader({ base, schema }: PostsLoaderOptions): Loader {
  const globLoader = glob({
    pattern: POST_PATTERN,
    base,
    generateId: ({ entry, data }) =>
      typeof data.slug === 'string' && data.slug.trim() ? slugify(data.slug) : slugFromContentPath(entry),
  });

  return {
    name: 'quire-posts',
    async load(context: LoaderContext) {
      const root = fileURLToPath(context.config.root);
      const production = isProductionBuild();

      const problems = validatePosts(readPostFiles(root, base), {
        schema,
        root,
        routes: readSiteRoutes(fileURLToPath(new URL('pages/', context.config.srcDir))),
        base: context.config.base,
        siteUrl: context.config.site ?? 'https://quire.invalid',
        production,
      });
      for (const problem of sortProblems(problems)) {
        if (!isError(problem)) context.logger.warn(formatProblem(problem));
      }
      const errors = sortProblems(problems.filter(isError));
      if (errors.length > 0) {
        if (production) throw new ContentError(errors.map(formatProblem));
        for (const problem of errors) context.logger.error(formatProblem(problem));
      }

      let gitDates: Map<string, string> | undefined;
      const gitAddedDate = (relativePath: string) => (gitDates ??= readGitAddedDates(root, base)).get(relativePath);

      const parseData: LoaderContext['parseData'] = async ({ id, data, filePath }) => {
        if (!filePath) return context.parseData({ id, data });
        const relativePath = path.relative(root, filePath).split(path.sep).join('/');
        const frontMatter = readFrontMatter(readFileSync(filePath, 'utf8'));
        const { date } = resolvePostDate({
          frontMatterDate: [frontMatter.date, frontMatter.publishDate].find((d) => d !== undefined)?.toString(),
          fileName: path.basename(filePath),
          gitAddedDate: () => gitAddedDate(relativePath),
        });
        const prepared = { ...frontMatter, ...(date === undefined ? {} : { date }) };
        const checked = schema.safeParse(prepared);
        if (checked.success) return context.parseData({ id, data: prepared as typeof data, filePath });
        const lines = formatSchemaIssues(relativePath, checked.error.issues);
        if (production) throw new ContentError(lines);
        return context.parseData({ id, data: { title: `Fix ${lines[0]}`, draft: true } as unknown as typeof data, filePath });
      };

      const rendering = collectRenderErrors(context.logger, { keep: production });
      await globLoader.load({ ...context, parseData, ...tolerantEntryTypes(context), logger: rendering.logger });
      if (rendering.errors.length > 0) throw new ContentError(rendering.errors);

      for (const entry of context.store.values()) {
        if (entry.data.date !== undefined) continue;
        // An entry cached while it was undated skips parseData above; once its file has been
        // committed, git knows its date, so fill it in here.
        const committed = entry.filePath ? gitAddedDate(entry.filePath) : undefined;
        const parsed = committed ? parseAuthorDate(committed) : undefined;
        if (parsed?.ok) {
          context.store.set({ ...entry, data: { ...entry.data, date: parsed.date }, digest: `${entry.digest}+git` });
          continue;
        }
        context.logger.warn(
          `${entry.filePath}: undated — no \`date\` in front matter, no YYYY-MM-DD- file-name prefix and no git history. It is listed last.`,
        );
      }
    },
  };
}

/**
 * In `astro dev`, front matter that does not parse must not take the whole collection down:
 * the post reaches `parseData` with no data and becomes a "Fix …" placeholder. (A production
 * build never gets here with such a file: the checks above have already stopped it.)
 */
function tolerantEntryTypes(context: LoaderContext): Partial<LoaderContext> {
  const entryTypes = (context as LoaderContext & { entryTypes?: Map<string, any> }).entryTypes;
  if (!entryTypes) return {};
  const tolerant = new Map(
    [...entryTypes].map(([extension, entryType]) => [
      extension,
      {
        ...entryType,
        getEntryInfo: async (input: { contents: string }) => {
          try {
            return await entryType.getEntryInfo(input);
          } catch {
            return { data: {}, body: input.contents, slug: '', rawData: '' };
          }
        },
      },
    ]),
  );
  return { entryTypes: tolerant } as Partial<LoaderContext>;
}
