/**
 * `npm run bench -- [mode]`: one entry point for the project's measurements. Each mode lives
 * in its own module and is loaded only when asked for; add a mode by adding a line here.
 * Runs on Node 24 directly (type stripping): erasable TypeScript only, `.ts` in imports.
 */
const MODES: Record<string, { describe: string; run: (args: string[]) => Promise<void> }> = {
  '--builds': {
    describe:
      'the default: cold/warm builds of Quire and a plain-Astro baseline at N essays and over a real-blog corpus with images, dev server (first page, edits), page weight, the targets of #13 (--sizes 1,100 --runs 3 --no-blog …)',
    run: async (args) => (await import('./build-bench.ts')).benchBuilds(args),
  },
  '--profile': {
    describe: 'one cold Quire build at N=100 under --cpu-prof: top functions and packages, timeline (--size N, --site baseline)',
    run: async (args) => (await import('./profile.ts')).benchProfile(args),
  },
  '--lighthouse': {
    describe: 'Lighthouse 12.2.3 (Debian chromium) on the home page and the seed essay: the four category scores (--runs 3, --desktop)',
    run: async (args) => (await import('./lighthouse.ts')).benchLighthouse(args),
  },
  '--weight': {
    describe: 'bytes Chromium fetches for the home page and the seed essay (HTML, CSS, JS, fonts, images; raw and gzip)',
    run: async (args) => (await import('./weight.ts')).benchWeight(args),
  },
};

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(`usage: npm run bench -- [mode] [options]\n${Object.entries(MODES).map(([flag, m]) => `  ${flag.padEnd(12)} ${m.describe}`).join('\n')}`);
  process.exit(0);
}
// Without a mode, `npm run bench` (and `npm run bench -- --sizes 1,100`) runs the build benchmark.
const mode = args.find((arg) => arg in MODES) ?? '--builds';
await MODES[mode]!.run(args.filter((arg) => arg !== mode));

// A module (not a script), so that the top-level await above type-checks.
export {};
