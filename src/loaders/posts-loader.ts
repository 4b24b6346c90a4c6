import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { globSync } from 'tinyglobby';
import { ContentError, formatSchemaIssues, type SchemaIssue } from '../diagnostics.ts';
import { parseAuthorDate, resolvePostDate } from '../essays/dates.ts';
import { readingMinutes } from '../essays/reading-time.ts';
import { linkedEssaySlugs } from '../essays/essay-links.ts';
import { readPostSource } from '../validation/read-post-source.ts';
import { readGitAddedDates } from './git-dates.ts';
import { essayOgCard } from '../og/card.ts';
import { queueOgCards } from '../og/pool.ts';
import { isUnpublished } from '../essays/essay.ts';
import { essaySlug } from '../essays/slugs.ts';
import { resolveAuthors } from '../essays/authors.ts';
import { readAuthors } from './authors.ts';
import { isProductionBuild } from '../build-mode.ts';
import { reportBuildWork } from '../build-progress.ts';
import { rendererSettings, type EssayToRender, type RenderOutcome } from '../markdown/render/essay-renderer.ts';
import { lineAt } from '../markdown/source-location.ts';
import { currentHash, dependenciesUnchanged } from '../markdown/dependencies.ts';
import { pipelineFingerprint, renderEssays } from '../markdown/render/render-essays.ts';
import { collectRenderErrors } from './render-errors.ts';
import { checksOfRenders, recordRendererSettings } from './render-for-checks.ts';
import { formatProblem, isError, sortProblems } from '../diagnostics.ts';
import { readSiteRoutes } from '../validation/site-routes.ts';
import { validatePosts, type PostFile } from '../validation/validate-posts.ts';

interface SafeParser {
  safeParse(data: unknown): { success: true; data: any } | { success: false; error: { issues: SchemaIssue[] } };
}

export interface PostsLoaderOptions {
  /** Folder of essays, relative to the project root (not the site's base path). */
  contentDir: string;
  /** The collection's schema, checked here first so that errors can name the file. */
  schema: SafeParser;
  /** What a file of content/authors/ holds (src/loaders/authors.ts). */
  authorSchema: Parameters<typeof readAuthors>[1];
}

export const POST_PATTERN = '**/*.{md,mdx}';


/** Every post file under `contentDir`, read, for the checks that look across posts. */
export function readPostFiles(root: string, contentDir: string): PostFile[] {
  const folder = path.resolve(root, contentDir);
  return globSync(POST_PATTERN, { cwd: folder })
    .sort()
    .map((entry) => {
      const absolute = path.join(folder, entry);
      return { entry, file: path.relative(root, absolute).split(path.sep).join('/'), text: readFileSync(absolute, 'utf8') };
    });
}

/**
 * Astro's glob loader, plus what a Jekyll-era essay needs around it, and what a thousand of
 * them need to build fast:
 * - every `.md` essay is rendered first, once, from the render cache or in worker threads
 *   (src/markdown/render/render-essays.ts); the glob loader is handed those results, and the checks
 *   the outline each render read; social cards start drawing in worker threads meanwhile;
 * - every post is checked together (schema, slugs, links, images, headings) and a
 *   production build stops with one compiler-style line per problem;
 * - the id is the post's slug (file name without date prefix, or `slug:`);
 * - front matter is read without YAML's lenient timestamps, and a missing date is filled from
 *   the file name or git.
 * In `astro dev` a broken post does not stop the server: it shows up as a draft whose title says
 * what to fix, and the terminal has the same lines as the build.
 */
export function postsLoader({ contentDir, schema, authorSchema }: PostsLoaderOptions): Loader {
  const globLoader = glob({
    pattern: POST_PATTERN,
    base: contentDir,
    // Every page imports the whole store; the body would be a third of it, and only the
    // reading time needs it, which parseData stores instead.
    retainBody: false,
    generateId: ({ entry, data }) => essaySlug(data.slug, entry),
  });

  return {
    name: 'quire-posts',
    async load(context: LoaderContext) {
      const root = fileURLToPath(context.config.root);
      const production = isProductionBuild();
      const files = readPostFiles(root, contentDir);
      const authors = readAuthors(root, authorSchema);

      // Astro keeps rendered essays in its data store, keyed by their text only: when the
      // pipeline's code or config changed, what it holds is stale.
      const fingerprint = pipelineFingerprint(root, fileURLToPath(context.config.srcDir));
      if (context.meta.get('pipeline') !== fingerprint) {
        context.store.clear();
        context.meta.set('pipeline', fingerprint);
      }
      let gitDates: Map<string, string> | undefined;
      const gitAddedDate = (relativePath: string) => (gitDates ??= readGitAddedDates(root, contentDir)).get(relativePath);
      /** Front matter as the schema checks it: read strictly, with the date filled in. */
      const prepare = (relativePath: string, text: string) => {
        const source = readPostSource(text);
        const frontMatter = source.ok ? source.frontMatter : {};
        const { date } = resolvePostDate({
          frontMatterDate: [frontMatter.date, frontMatter.publishDate].find((d) => d !== undefined)?.toString(),
          fileName: path.basename(relativePath),
          gitAddedDate: () => gitAddedDate(relativePath),
        });
        return { source, prepared: { ...frontMatter, ...(date === undefined ? {} : { date }) } };
      };

      const prerendered = await renderMarkdownEssays(context, root, files, fingerprint);

      // Social cards need only titles and dates: they start drawing now, in worker threads, while
      // this thread checks the essays, Astro bundles the site and renders its first pages (work
      // for one core). Not earlier: the render threads already keep every core busy, and both
      // pools at once would only add their memory.
      if (production) {
        const now = new Date();
        const cards = files.flatMap((post) => {
          const checked = schema.safeParse(prepare(post.file, post.text).prepared);
          if (!checked.success || isUnpublished({ data: checked.data }, now)) return [];
          return [{ name: essaySlug(checked.data.slug, post.entry), card: essayOgCard(checked.data) }];
        });
        queueOgCards(cards);
      }

      const validationOptions = {
        schema,
        root,
        routes: readSiteRoutes(fileURLToPath(new URL('pages/', context.config.srcDir))),
        base: context.config.base,
        siteUrl: context.config.site ?? 'https://quire.invalid',
        production,
        authorKeys: new Set(authors.authors.keys()),
      };
      const problems = validatePosts(files, { ...validationOptions, outlines: prerendered.outlines, findings: prerendered.findings });
      problems.push(...authors.problems);
      // An essay that failed to render is reported with the rest, not after them.
      problems.push(...prerendered.failures);
      for (const problem of sortProblems(problems)) {
        if (!isError(problem)) context.logger.warn(formatProblem(problem));
      }
      const errors = sortProblems(problems.filter(isError));
      if (errors.length > 0) {
        if (production) throw new ContentError(errors.map(formatProblem));
        for (const problem of errors) context.logger.error(formatProblem(problem));
      }

      let loaded = false;
      const parseData: LoaderContext['parseData'] = async ({ id, data, filePath }) => {
        if (!filePath) return context.parseData({ id, data });
        const relativePath = path.relative(root, filePath).split(path.sep).join('/');
        // An essay edited while `astro dev` runs: its problems are printed as the first load's were.
        if (loaded) reportEditedEssay(relativePath);
        const { source, prepared } = prepare(relativePath, readFileSync(filePath, 'utf8'));
        const checked = source.ok ? schema.safeParse(prepared) : undefined;
        if (checked?.success) {
          const essayLinks = source.ok ? linkedEssaySlugs(source.body) : [];
          const derived = {
            ...(source.ok ? { readingMinutes: readingMinutes(source.body) } : {}),
            ...(essayLinks.length > 0 ? { essayLinks } : {}),
            // Keys of content/authors/ become the authors they name.
            ...(checked.data.authors ? { authors: resolveAuthors(checked.data.authors, authors.authors) } : {}),
          };
          return context.parseData({ id, data: { ...prepared, ...derived } as typeof data, filePath });
        }
        // Front matter that cannot be read says so, not that the title is missing.
        const lines = source.ok
          ? formatSchemaIssues(relativePath, checked!.error.issues)
          : [formatProblem({ file: relativePath, line: source.line, column: source.column, severity: 'error', message: source.message })];
        if (production) throw new ContentError(lines);
        return context.parseData({ id, data: { title: `Fix ${lines[0]}`, draft: true } as unknown as typeof data, filePath });
      };
      /** The checks again, over every essay, with the problems of the edited one printed. */
      const reportEditedEssay = (relativePath: string) => {
        const current = readPostFiles(root, contentDir);
        const outlines = new Map([...prerendered.outlines].filter(([file]) => file !== relativePath));
        const edited = validatePosts(current, { ...validationOptions, outlines }).filter((problem) => problem.file === relativePath);
        for (const problem of sortProblems(edited)) {
          if (isError(problem)) context.logger.error(formatProblem(problem));
          else context.logger.warn(formatProblem(problem));
        }
        if (edited.length === 0) context.logger.info(`${relativePath}: no problems`);
      };

      const rendering = collectRenderErrors(context.logger, { keep: production });
      await globLoader.load({
        ...context,
        parseData,
        ...entryTypesWith(context, prerendered),
        generateDigest: digestWithDependencies(context, root, files, prerendered),
        logger: rendering.logger,
      });
      if (rendering.errors.length > 0) throw new ContentError(rendering.errors);
      watchDependencies(context, prerendered);
      loaded = true;

      if (production) {
        // Drafts and scheduled posts are not published, so nothing of theirs is built: not even
        // their images, whose absence would otherwise stop a build that never shows them.
        const now = new Date();
        for (const entry of [...context.store.values()]) {
          if (isUnpublished({ data: entry.data as { draft: boolean; publishDate?: Date } }, now)) context.store.delete(entry.id);
        }
      }

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
 * Renders every `.md` essay before Astro's glob loader asks for it (from the render cache, or
 * in worker threads; src/markdown/render/render-essays.ts), with exactly what the glob loader would
 * hand the renderer, and keeps the outline each render read for the content checks.
 */
async function renderMarkdownEssays(context: LoaderContext, root: string, files: PostFile[], fingerprint: string) {
  const markdown = entryTypesOf(context)?.get('.md');
  const essays: (EssayToRender & { file: string; firstLine: number })[] = [];
  for (const post of files) {
    if (!post.file.endsWith('.md') || !markdown) continue;
    const filePath = path.join(root, post.file);
    try {
      const { body, data } = await markdown.getEntryInfo({ contents: post.text, fileUrl: pathToFileURL(filePath) });
      essays.push({ filePath, body, data, file: post.file, firstLine: lineAt(post.text, post.text.indexOf(body)) });
    } catch {
      // Front matter that does not parse: the checks report it.
    }
  }
  const settings = rendererSettings(context.config);
  recordRendererSettings(root, settings);
  const options = {
    settings,
    cacheDir: fileURLToPath(new URL('quire-rendered/', context.config.cacheDir)),
    fingerprint,
    workerFile: fileURLToPath(new URL('markdown/render/render-worker.ts', context.config.srcDir)),
  };
  const { outcomes, stats } = await renderEssays(essays, { ...options, prune: true, onProgress: (update) => reportBuildWork('essays', update) });
  if (stats.rendered > 0) {
    const essaysCount = (n: number) => `${n} essay${n === 1 ? '' : 's'}`;
    context.logger.info(`Rendered ${essaysCount(stats.rendered)} in ${stats.threads} thread${stats.threads === 1 ? '' : 's'}; ${stats.cached} from the cache`);
  }
  /** For an essay edited after this (in `astro dev`): rendered alone, in this thread, and cached. */
  const renderOne = async (essay: EssayToRender) =>
    (await renderEssays([essay], { ...options, threads: 1 })).outcomes.get(essay.filePath)!;
  const byFile = new Map(essays.map((essay) => [essay.filePath, { essay, outcome: outcomes.get(essay.filePath) }]));
  return { ...checksOfRenders(essays, outcomes), outcomes: byFile, renderOne };
}

/**
 * Astro's digest of an essay decides whether the glob loader renders it again, and covers only its
 * text. An essay made from other files too (a data table's CSV: src/markdown/dependencies.ts) gets
 * their hashes in its digest, so that editing one of them renders the essay, and its page, again.
 */
function digestWithDependencies(context: LoaderContext, root: string, files: PostFile[], { outcomes }: Pick<Prerendered, 'outcomes'>): LoaderContext['generateDigest'] {
  const dependencies = new Map<string, string[]>();
  for (const post of files) {
    const outcome = outcomes.get(path.join(root, post.file))?.outcome;
    if (outcome?.ok && outcome.rendered.dependencies.length > 0) dependencies.set(post.text, outcome.rendered.dependencies.map((d) => d.path));
  }
  // What the files hold now, not what the first render read: in `astro dev`, an edited
  // bibliography or CSV changes the digest of the essays made from it (watchDependencies).
  return (data) => {
    const paths = typeof data === 'string' ? dependencies.get(data) : undefined;
    return context.generateDigest(paths === undefined ? data : `${data}\0${paths.map(currentHash).join(' ')}`);
  };
}

/**
 * In `astro dev`, the files essays were made from besides themselves (a bibliography, a data
 * table's CSV; src/markdown/dependencies.ts) are watched too: when one changes, appears or goes,
 * each essay made from it is reported changed to the glob loader, which renders it again.
 */
function watchDependencies(context: LoaderContext, { outcomes }: Pick<Prerendered, 'outcomes'>): void {
  const watcher = context.watcher;
  if (!watcher) return;
  const dependents = new Map<string, Set<string>>();
  for (const [filePath, { outcome }] of outcomes) {
    for (const dependency of outcome?.ok ? outcome.rendered.dependencies : []) {
      dependents.set(dependency.path, (dependents.get(dependency.path) ?? new Set()).add(filePath));
    }
  }
  if (dependents.size === 0) return;
  watcher.add([...dependents.keys()]);
  const onFileEvent = (changed: string) => {
    for (const essay of dependents.get(path.resolve(changed)) ?? []) watcher.emit('change', essay);
  };
  // A later load (Astro reloads content when its config changes) replaces these listeners.
  for (const event of ['change', 'add', 'unlink'] as const) {
    if (watchedBy.has(watcher)) watcher.off(event, watchedBy.get(watcher)!);
    watcher.on(event, onFileEvent);
  }
  watchedBy.set(watcher, onFileEvent);
}
const watchedBy = new WeakMap<object, (changed: string) => void>();

type EntryTypes = Map<string, any>;
const entryTypesOf = (context: LoaderContext) => (context as LoaderContext & { entryTypes?: EntryTypes }).entryTypes;

interface Prerendered {
  outcomes: Map<string, { essay: EssayToRender; outcome: RenderOutcome | undefined }>;
  renderOne(essay: EssayToRender): Promise<RenderOutcome>;
}

/**
 * Astro's entry types, changed in two ways for the glob loader:
 * - `.md` essays come from what renderMarkdownEssays prepared; an essay edited since (in
 *   `astro dev`) is rendered here, by the same renderer;
 * - in `astro dev`, front matter that does not parse must not take the whole collection down:
 *   the post reaches `parseData` with no data and becomes a "Fix …" placeholder. (A production
 *   build never gets here with such a file: the checks have already stopped it.)
 */
function entryTypesWith(context: LoaderContext, { outcomes, renderOne }: Prerendered): Partial<LoaderContext> {
  const entryTypes = entryTypesOf(context);
  if (!entryTypes) return {};
  const changed = new Map(
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
        ...(extension === '.md' && {
          getRenderFunction: async () => async (entry: EssayToRender) => {
            const ready = outcomes.get(entry.filePath);
            const unchanged =
              ready &&
              ready.essay.body === entry.body &&
              JSON.stringify(ready.essay.data) === JSON.stringify(entry.data) &&
              // A bibliography or CSV it was made from has not changed since either.
              (!ready.outcome?.ok || dependenciesUnchanged(ready.outcome.rendered.dependencies));
            const outcome = (unchanged && ready.outcome) || (await renderOne(entry));
            if (!outcome.ok) throw new Error(outcome.message);
            const { html, metadata } = outcome.rendered;
            // The HTML stays in the render cache and is read by the page that shows it: every
            // page imports the whole content store, and essays' HTML would be most of it. Local
            // images need Astro's render(), which reads the HTML from the store.
            if (outcome.storedAt && metadata.imagePaths.length === 0) return { html: '', metadata: { ...metadata, storedAt: outcome.storedAt } };
            return { html, metadata };
          },
        }),
      },
    ]),
  );
  return { entryTypes: changed } as Partial<LoaderContext>;
}
