/**
 * `npm run import:jekyll -- <Jekyll site or _posts folder> [--out content/posts] [--public public] [--dry-run] [--force]`
 *
 * Converts every Jekyll post into a Quire essay, copies the files they use, keeps their old
 * URLs working as redirect pages, and prints what it did. See docs/moving-from-jekyll.md.
 */
import { parseArgs } from 'node:util';
import { formatReport, ImportError, importJekyll } from './jekyll/import.ts';

const USAGE = `Usage: npm run import:jekyll -- <path to a Jekyll site or its _posts folder> [options]

  --out <dir>      where the posts go (default: content/posts)
  --public <dir>   where files the posts use (assets/…) go, at the same path (default: public)
  --dry-run        print the report, write nothing
  --force          overwrite posts and files that already exist (they are skipped otherwise)
`;

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'content/posts' },
      public: { type: 'string', default: 'public' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) {
  process.stderr.write(USAGE);
  process.exit(2);
}

try {
  const report = importJekyll({
    source: positionals[0]!,
    outDir: values.out,
    publicDir: values.public,
    dryRun: values['dry-run'],
    force: values.force,
  });
  process.stdout.write(formatReport(report));
} catch (error) {
  if (!(error instanceof ImportError)) throw error;
  process.stderr.write(`import:jekyll: ${error.message}\n`);
  process.exit(1);
}
