import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { ContentError, formatSchemaIssues, type SchemaIssue } from '../lib/content-errors.ts';
import { parseAuthorDate, resolvePostDate } from '../lib/dates.ts';
import { readFrontMatter } from '../lib/front-matter.ts';
import { readGitAddedDates } from '../lib/git-dates.ts';
import { slugFromContentPath, slugify } from '../lib/slugs.ts';

interface SafeParser {
  safeParse(data: unknown): { success: true } | { success: false; error: { issues: SchemaIssue[] } };
}

export interface PostsLoaderOptions {
  /** Folder of essays, relative to the project root. */
  base: string;
  /** The collection's schema, checked here first so that errors can name the file. */
  schema: SafeParser;
}

/**
 * Astro's glob loader, plus what a Jekyll-era essay needs before the schema sees it:
 * the id is the post's slug (file name without date prefix, or `slug:`), front matter is read
 * without YAML's lenient timestamps, a missing date is filled from the file name or git, and
 * schema errors are worded for the author with the file's path.
 */
export function postsLoader({ base, schema }: PostsLoaderOptions): Loader {
  const globLoader = glob({
    pattern: '**/*.{md,mdx}',
    base,
    generateId: ({ entry, data }) =>
      typeof data.slug === 'string' && data.slug.trim() ? slugify(data.slug) : slugFromContentPath(entry),
  });

  return {
    name: 'quire-posts',
    async load(context: LoaderContext) {
      const root = fileURLToPath(context.config.root);
      let gitDates: Map<string, string> | undefined;
      const gitAddedDate = (relativePath: string) =>
        (gitDates ??= readGitAddedDates(root, base)).get(relativePath);

      const parseData: LoaderContext['parseData'] = async ({ id, data, filePath }) => {
        if (!filePath) return context.parseData({ id, data });
        const relativePath = path.relative(root, filePath).split(path.sep).join('/');
        const frontMatter = readFrontMatter(readFileSync(filePath, 'utf8'));
        const { date } = resolvePostDate({
          frontMatterDate: frontMatter.date === undefined ? undefined : String(frontMatter.date),
          fileName: path.basename(filePath),
          gitAddedDate: () => gitAddedDate(relativePath),
        });
        const prepared = { ...frontMatter, ...(date === undefined ? {} : { date }) };
        const checked = schema.safeParse(prepared);
        if (!checked.success) throw new ContentError(formatSchemaIssues(relativePath, checked.error.issues));
        return context.parseData({ id, data: prepared as typeof data, filePath });
      };

      await globLoader.load({ ...context, parseData });

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
