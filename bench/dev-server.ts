import { readFileSync, writeFileSync } from 'node:fs';
import { killTree, startTracked, type Tracked } from './measure.ts';
import { ASTRO_BIN, type BenchSite } from './sites.ts';

/**
 * `astro dev` as a writer uses it: start it, open an essay, edit the essay and look again.
 * Times from the outside, over HTTP, as a browser would see them.
 */
export interface DevTiming {
  /** From starting `astro dev` to the first 200 answer for the page. */
  firstPageMs: number;
  /** From starting `astro dev` to its "Local http://…" line (listening, nothing rendered yet). */
  listeningMs: number;
  peakRss: number;
  /** Per edit: from writing the changed sentence to the end of the first response that shows it. */
  editMs: number[];
}

export interface DevEdits {
  /** The essay's Markdown file. */
  file: string;
  /** A sentence of it, written the same in the HTML (no quotes or dashes that typography would change). */
  sentence: string;
  count: number;
}

const FIRST_PAGE_DEADLINE_MS = 300_000;
const EDIT_DEADLINE_MS = 60_000;
/** Between two requests while waiting for an edit: the figure's resolution, plus one page render. */
const POLL_MS = 20;
/**
 * After an edit shows, before the next: the dev server may still be finishing work the edit
 * started (writing its content store, reloading modules), which the next edit should not wait for.
 */
const SETTLE_MS = 1_000;

/**
 * Starts `astro dev` (with whatever cache the site has), fetches `sitePath` until it answers
 * 200, then times `edits`, if any, and stops the server.
 * `--force`: Astro 7 refuses to start while it believes the previous server (just killed) still runs.
 */
export async function timeDevServer(site: BenchSite, sitePath: string, edits?: DevEdits): Promise<DevTiming> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const tracked = startTracked(process.execPath, [ASTRO_BIN, 'dev', '--force', '--root', site.root, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: site.root,
    env: site.env,
  });
  let exited = false;
  void tracked.exited.then(() => (exited = true));
  const url = `http://127.0.0.1:${port}${sitePath}`;
  let listeningMs = Number.NaN;
  let firstPageMs = Number.NaN;
  let editMs: number[] = [];
  // Astro prints "Local http://…" once the server listens; the first page comes later.
  const onOutput = () => {
    if (Number.isNaN(listeningMs) && /Local\s+http/.test(tracked.output())) listeningMs = tracked.elapsed();
  };
  tracked.child.stdout!.on('data', onOutput);
  tracked.child.stderr!.on('data', onOutput);
  try {
    while (!exited && tracked.elapsed() < FIRST_PAGE_DEADLINE_MS) {
      if ((await page(url)) !== undefined) {
        firstPageMs = tracked.elapsed();
        break;
      }
      await sleep(50);
    }
    if (Number.isNaN(firstPageMs)) throw new Error(`astro dev in ${site.root} never served ${sitePath}:\n${tracked.output()}`);
    if (edits && edits.count > 0) editMs = await timeEdits(url, edits, tracked);
  } finally {
    if (tracked.child.pid !== undefined) killTree(tracked.child.pid);
  }
  const measured = tracked.finish(await tracked.exited);
  return { firstPageMs, listeningMs, peakRss: measured.peakRss, editMs };
}

/**
 * Changes `sentence` in the essay `count` times, each time to a new one with its own marker,
 * and waits for the page to show it. The file is written in place (as most editors save) and
 * put back as it was at the end.
 */
async function timeEdits(url: string, { file, sentence, count }: DevEdits, tracked: Tracked): Promise<number[]> {
  const original = readFileSync(file, 'utf8');
  if (!original.includes(sentence)) throw new Error(`${file} does not contain the sentence to edit: ${sentence}`);
  const times: number[] = [];
  try {
    for (let edit = 1; edit <= count; edit++) {
      const marker = `edit${edit}mark${Date.now().toString(36)}`;
      const changed = original.replace(sentence, `${sentence.replace(/[.:]$/, '')}, changed by ${marker}${sentence.at(-1)}`);
      const started = performance.now();
      writeFileSync(file, changed);
      for (;;) {
        const html = await page(url);
        if (html?.includes(marker)) break;
        if (performance.now() - started > EDIT_DEADLINE_MS) throw new Error(`an edit of ${file} did not show at ${url} within ${EDIT_DEADLINE_MS / 1000} s:\n${tracked.output().slice(-4000)}`);
        await sleep(POLL_MS);
      }
      times.push(performance.now() - started);
      await sleep(SETTLE_MS);
    }
  } finally {
    writeFileSync(file, original);
  }
  return times;
}

/** The page's HTML if it answers 200, else undefined (not listening yet, or an error page). */
async function page(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
    const body = await response.text();
    return response.status === 200 ? body : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
