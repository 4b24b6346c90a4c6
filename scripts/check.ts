/**
 * `npm run check`: everything a build would say about the content, without building:
 * schema errors, duplicate slugs, links and `#fragments` that point nowhere, missing images
 * (errors) and headings that skip levels (warnings), one `path:line:col  message` line each;
 * the broken-output check of every rendered `.md` essay (rendered as the build renders it, and
 * cached alike); then Astro's type check of the code. Exits 1 on any error.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { authorSchema, postSchema } from '../src/content.config.ts';
import { readAuthors } from '../src/loaders/authors.ts';
import { readPostFiles } from '../src/loaders/posts-loader.ts';
import { renderForChecks } from '../src/loaders/render-for-checks.ts';
import { site } from '../src/site.config.ts';
import { formatProblem, isError, sortProblems } from '../src/diagnostics.ts';
import { readSiteRoutes } from '../src/validation/site-routes.ts';
import { validatePosts } from '../src/validation/validate-posts.ts';

const root = process.cwd();
const skipTypes = process.argv.includes('--content-only');

const files = readPostFiles(root, 'content/posts');
const rendered = await renderForChecks(root, files, { base: site.base });
const authors = readAuthors(root, authorSchema);
const problems = sortProblems([
  ...rendered.failures,
  ...authors.problems,
  ...validatePosts(files, {
    schema: postSchema,
    root,
    routes: readSiteRoutes(path.join(root, 'src', 'pages')),
    base: site.base,
    siteUrl: site.url,
    production: true,
    outlines: rendered.outlines,
    findings: rendered.findings,
    authorKeys: new Set(authors.authors.keys()),
  }),
]);
for (const problem of problems) console.log(formatProblem(problem));
const errors = problems.filter(isError).length;
const warnings = problems.length - errors;
console.log(`\n${files.length} posts checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`);

if (errors > 0) {
  if (!skipTypes) console.log('Type check skipped until the content errors are fixed.');
  process.exit(1);
}
if (!skipTypes) {
  const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const typeCheck = spawnSync(process.execPath, [astro, 'check'], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  process.exit(typeCheck.status ?? 1);
}
