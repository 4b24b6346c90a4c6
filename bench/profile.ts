import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../tests/support/paths.ts';
import { writeCorpus } from './corpus.ts';
import { formatCosts, formatTimeline, summariseProfile } from './cpu-profile.ts';
import { measure } from './measure.ts';
import { createBenchSite, makeCold, type SiteKind } from './sites.ts';

/**
 * `npm run bench -- --profile [--size 100] [--site quire|baseline|native] [--keep]`: one cold
 * Quire build (`node scripts/build.ts`, the real `npm run build`) of an N-essay corpus under
 * `node --cpu-prof`, then its top costs and a timeline. `--site baseline` profiles the
 * plain-Astro baseline instead, to tell Astro's own costs from Quire's.
 * Astro builds in the main thread (no workers by default); pagefind's indexer is a separate
 * native process, so its work shows here only as the main thread waiting (idle). The profile
 * files are kept in `.fixtures/bench-profile-*` for Chrome DevTools (Performance → Load profile).
 */
export async function benchProfile(args: string[]): Promise<void> {
  let n = 100;
  let keep = false;
  let kind: SiteKind = 'quire';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--size' || args[i] === '--sizes') n = Number(args[++i]);
    else if (args[i] === '--site' && ['quire', 'baseline', 'native'].includes(args[i + 1] ?? '')) kind = args[++i] as SiteKind;
    else if (args[i] === '--keep') keep = true;
    else throw new Error(`unknown option ${args[i]}`);
  }
  if (!Number.isInteger(n) || n < 1) throw new Error('--size needs a positive whole number');

  const site = createBenchSite(kind);
  const profileDir = path.join(repoRoot, '.fixtures', `bench-profile-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(profileDir, { recursive: true });
  try {
    writeCorpus(site.root, n);
    makeCold(site);
    console.log(`Profiling one cold ${kind} build of ${n} essays in ${path.relative(repoRoot, site.root)}…`);
    const measured = await measure(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...site.buildArgs], { cwd: site.root, env: site.env });
    if (measured.code !== 0) throw new Error(`build failed:\n${measured.output}`);
    console.log(`wall ${(measured.wallMs / 1000).toFixed(2)} s, CPU ${(measured.cpuMs / 1000).toFixed(2)} s (tree), peak RSS ${(measured.peakRss / 2 ** 20).toFixed(0)} MB (machine shared: wall time includes waiting)`);

    const profiles = readdirSync(profileDir)
      .filter((file) => file.endsWith('.cpuprofile'))
      .map((file) => path.join(profileDir, file))
      .sort((a, b) => statSync(b).size - statSync(a).size);
    if (profiles.length === 0) throw new Error(`no .cpuprofile in ${profileDir}`);
    for (const [index, file] of profiles.entries()) {
      const summary = summariseProfile(file, { roots: [site.root, repoRoot] });
      const busy = summary.totalMs - (summary.special['(idle)'] ?? 0);
      console.log(`\n=== ${path.relative(repoRoot, file)}${index === 0 ? ' (main thread)' : ''}`);
      console.log(
        `sampled ${(summary.totalMs / 1000).toFixed(2)} s: busy ${(busy / 1000).toFixed(2)} s, idle ${((summary.special['(idle)'] ?? 0) / 1000).toFixed(2)} s, ` +
          `GC ${((summary.special['(garbage collector)'] ?? 0) / 1000).toFixed(2)} s, (program) ${((summary.special['(program)'] ?? 0) / 1000).toFixed(2)} s; percentages are of busy time`,
      );
      const notIdle = <T extends { key: string }>(list: T[]) => list.filter((cost) => cost.key !== '(idle)');
      console.log(`\n${formatCosts('Top 15 functions by self time', notIdle(summary.selfByFunction), busy, 15)}`);
      console.log(`\n${formatCosts('Top 10 packages by self time', notIdle(summary.selfByPackage), busy, 10)}`);
      console.log(`\n${formatCosts('Top 15 packages by inclusive time (samples with the package anywhere on the stack)', summary.inclusiveByPackage, busy, 15)}`);
      // The site's own code runs from its source files (content layer, validation) and from the built chunks (pages, endpoints).
      const own = summary.inclusiveByFunction.filter((cost) => /\s(src|scripts)\/|\.prerender\/chunks\//.test(cost.key));
      console.log(`\n${formatCosts("Top 15 of the site's own functions by inclusive time (callees included; async callers are lost)", own, busy, 15)}`);
      console.log(`\nTimeline (slices of the sampled time, top packages by self time)\n${formatTimeline(summary.timeline)}`);
      if (index === 0 && profiles.length > 1) console.log(`\n(${profiles.length - 1} more profile(s), from other threads)`);
      if (index >= 2) break;
    }
    console.log(`\nprofiles: ${path.relative(process.cwd(), profileDir)}/ (load in Chrome DevTools → Performance)`);
  } finally {
    if (keep) console.log(`kept: ${site.root}`);
    else site.remove();
  }
}
