/**
 * What `npm run build` shows while it works. On a terminal: one status line, redrawn at most ten
 * times a second, with the phase, counts out of their totals and, once a count has run for a
 * few seconds, an estimate of what is left. In CI (`CI` set) or when stdout is not a terminal:
 * one plain line as each phase starts, no carriage returns, no escape codes. Either way the
 * build ends with one summary line of the phases and their times.
 *
 * The counts come from Quire's own code (essays rendered, cards drawn: src/build-progress.ts)
 * and from Astro's log lines (pages written, images encoded: scripts/build/astro-progress.ts).
 * Nothing here decides anything about the build: it only prints.
 */

export const PHASES = ['content', 'bundle', 'pages', 'images', 'search index'] as const;
export type PhaseName = (typeof PHASES)[number];

/** What each phase is doing, for its plain line and for the status line while it has no count. */
const PHASE_WORK: Record<PhaseName, string> = {
  content: 'reading, checking and rendering the essays',
  bundle: 'bundling the pages, scripts and styles',
  pages: 'writing the pages',
  images: 'encoding the images',
  'search index': 'indexing the pages for search, writing the sitemap',
};

export type CounterName = 'essays' | 'cards' | 'pages' | 'files' | 'images';

/** Each count's words, and the phase whose summary lists it. */
const COUNTERS: Record<CounterName, { verb: string; phase: PhaseName }> = {
  essays: { verb: 'rendered', phase: 'content' },
  cards: { verb: 'drawn', phase: 'content' },
  pages: { verb: 'written', phase: 'pages' },
  /** What the site's endpoints write beside its pages: feeds, social cards' PNGs, robots.txt. */
  files: { verb: 'written', phase: 'pages' },
  images: { verb: 'encoded', phase: 'images' },
};

export interface Counter {
  done: number;
  /** Undefined until known. */
  total?: number;
  /** Of `done`, how many came from a cache (and so say nothing about how long the rest takes). */
  cached: number;
  /** When the count began, in ms on the progress clock. */
  startedAt: number;
}

export interface Phase {
  name: PhaseName;
  startedAt: number;
  endedAt?: number;
}

export interface ProgressState {
  startedAt: number;
  /** In order; the last is running unless it has an end. */
  phases: Phase[];
  counters: Partial<Record<CounterName, Counter>>;
}

/** A count is given an estimate only once it has run this long. */
export const ESTIMATE_AFTER_MS = 2_000;
/** The status line is redrawn at most this often. */
export const REDRAW_INTERVAL_MS = 100;

/** `23.4 s`; `2 min 5 s` from two minutes on. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/**
 * What is left of a count, in ms: elapsed / done × (total − done), counting only what was not
 * taken from a cache. Undefined while the count has run less than ESTIMATE_AFTER_MS, has no
 * total, or has nothing done yet.
 */
export function estimateRemaining(counter: Counter, now: number): number | undefined {
  const elapsed = now - counter.startedAt;
  const worked = counter.done - counter.cached;
  if (counter.total === undefined || elapsed < ESTIMATE_AFTER_MS || worked <= 0 || counter.done >= counter.total) return undefined;
  return (elapsed / worked) * (counter.total - counter.done);
}

/** `about 6 s left`, `about 3 min left`. */
export function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 90 ? `about ${seconds} s left` : `about ${Math.round(seconds / 60)} min left`;
}

/** `120/262 pages written, about 6 s left`; `120 pages written` while the total is unknown. */
export function formatCount(name: CounterName, counter: Counter, now: number): string {
  const count = counter.total === undefined ? `${counter.done}` : `${Math.min(counter.done, counter.total)}/${counter.total}`;
  const remaining = estimateRemaining(counter, now);
  return `${count} ${name} ${COUNTERS[name].verb}${remaining === undefined ? '' : `, ${formatRemaining(remaining)}`}`;
}

const currentPhase = (state: ProgressState): Phase | undefined => {
  const last = state.phases.at(-1);
  return last && last.endedAt === undefined ? last : undefined;
};

const isRunning = (counter: Counter) => counter.total === undefined || counter.done < counter.total;

/**
 * The status line: the phase and how long it has run, the counts of this phase, and any other
 * count still running (cards are drawn while pages are written), cut to fit `columns`.
 * E.g. `pages 6 s · 120/262 pages written, about 6 s left · 200/240 cards drawn`.
 */
export function formatStatusLine(state: ProgressState, now: number, columns = 80): string {
  const phase = currentPhase(state);
  if (!phase) return '';
  const entries = Object.entries(state.counters) as [CounterName, Counter][];
  const counts = [
    ...entries.filter(([name]) => COUNTERS[name].phase === phase.name),
    ...entries.filter(([name, counter]) => COUNTERS[name].phase !== phase.name && isRunning(counter)),
  ].map(([name, counter]) => formatCount(name, counter, now));
  const parts = [`${phase.name} ${Math.floor((now - phase.startedAt) / 1000)} s`, ...(counts.length > 0 ? counts : [PHASE_WORK[phase.name]])];
  const line = parts.join(' · ');
  const room = Math.max(10, columns - 1);
  return line.length <= room ? line : `${line.slice(0, room - 1)}…`;
}

/** The plain line a phase starts with, in CI or when output is not a terminal. */
export const formatPhaseStart = (name: PhaseName): string => `${name}: ${PHASE_WORK[name]}`;


/** `1 essay`, `2 essays`, `1 image`: the counters' names are plurals ending in s. */
export const countOf = (count: number, name: CounterName): string => `${count} ${count === 1 ? name.slice(0, -1) : name}`;

/**
 * The one line a build ends with, e.g. `Built dist/ in 23.4 s — content 6.1 s (240 essays,
 * 240 cards), bundle 3.2 s, pages 9.8 s (262 pages, 243 files), images 3.0 s (40 images),
 * search index 2.2 s`; what came from a cache is counted after a semicolon, as in
 * `content 1.2 s (240 essays; 238 from cache)`.
 */
export function formatSummary(state: ProgressState, now: number, head: string): string {
  const phases = state.phases.map((phase) => {
    const counters = (Object.entries(state.counters) as [CounterName, Counter][]).filter(
      ([name, counter]) => COUNTERS[name].phase === phase.name && counter.done > 0,
    );
    const cached = counters.reduce((sum, [, counter]) => sum + counter.cached, 0);
    const counts = counters.map(([name, counter]) => countOf(counter.done, name)).join(', ') + (cached > 0 ? `; ${cached} from cache` : '');
    const time = formatDuration((phase.endedAt ?? now) - phase.startedAt);
    return `${phase.name} ${time}${counts ? ` (${counts})` : ''}`;
  });
  return `${head} in ${formatDuration(now - state.startedAt)}${phases.length > 0 ? ` — ${phases.join(', ')}` : ''}`;
}

/**
 * The terminal's status line: drawn over itself with a carriage return, at most once per
 * REDRAW_INTERVAL_MS and only when its text changed; `clear` takes it off the screen so that
 * other output can be printed in its place.
 */
export class StatusLine {
  readonly #write: (text: string) => void;
  readonly #now: () => number;
  readonly #interval: number;
  #shown = '';
  #drawnAt = Number.NEGATIVE_INFINITY;

  constructor(write: (text: string) => void, now: () => number, interval = REDRAW_INTERVAL_MS) {
    this.#write = write;
    this.#now = now;
    this.#interval = interval;
  }

  /** Draws `text` unless it is what is shown or the last draw was too recent. Returns whether it drew. */
  show(text: string): boolean {
    if (text === this.#shown) return false;
    const now = this.#now();
    if (now - this.#drawnAt < this.#interval) return false;
    this.#write(`\r\x1b[2K${text}`);
    this.#shown = text;
    this.#drawnAt = now;
    return true;
  }

  /** Erases the line, if one is shown; the next `show` draws at once. */
  clear(): void {
    if (this.#shown === '') return;
    this.#write('\r\x1b[2K');
    this.#shown = '';
    this.#drawnAt = Number.NEGATIVE_INFINITY;
  }
}

/** Whether the build should draw a status line: stdout is a terminal, not CI, not a dumb terminal. */
export function isInteractive(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI !== undefined && !['', '0', 'false'].includes(env.CI.toLowerCase());
  return stream.isTTY === true && !ci && env.TERM !== 'dumb';
}

type Write = NodeJS.WriteStream['write'];

export interface BuildProgressOptions {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  interactive: boolean;
  now?: () => number;
}

/**
 * The build's progress: phases and counts as they are reported, shown as a status line or as
 * plain lines. On a terminal, anything else written to stdout or stderr meanwhile (warnings)
 * first takes the status line off the screen, so that it prints on a clean line.
 */
export class BuildProgress {
  readonly state: ProgressState;
  readonly #now: () => number;
  readonly #stdout: NodeJS.WriteStream;
  readonly #stderr: NodeJS.WriteStream;
  readonly #interactive: boolean;
  #status: StatusLine | undefined;
  #timer: NodeJS.Timeout | undefined;
  #restore: (() => void) | undefined;
  /** Whether other output left the cursor at the start of a line, where the status line may go. */
  #atLineStart = true;

  constructor({ stdout, stderr, interactive, now = () => performance.now() }: BuildProgressOptions) {
    this.#now = now;
    this.#stdout = stdout;
    this.#stderr = stderr;
    this.#interactive = interactive;
    this.state = { startedAt: now(), phases: [], counters: {} };
    if (interactive) this.#attachTerminal();
    this.startPhase('content');
  }

  /** Starts a phase, ending the one before; a phase earlier in PHASES than the current one, or the current one, is ignored. */
  startPhase(name: PhaseName): void {
    const last = this.state.phases.at(-1);
    if (last && PHASES.indexOf(name) <= PHASES.indexOf(last.name)) return;
    const now = this.#now();
    if (last) last.endedAt ??= now;
    this.state.phases.push({ name, startedAt: now });
    if (this.#interactive) this.#draw();
    else this.#stdout.write(`${formatPhaseStart(name)}\n`);
  }

  /** Adds to a count (`total`, `done`, `cached` are increments). */
  add(name: CounterName, update: { total?: number; done?: number; cached?: number }): void {
    const counter = this.#counter(name);
    if (update.total !== undefined) counter.total = (counter.total ?? 0) + update.total;
    counter.done += update.done ?? 0;
    counter.cached += update.cached ?? 0;
    this.#draw();
  }

  /** Sets a count's figures (from a log line that says `(12/40)`). */
  set(name: CounterName, figures: { total?: number; done?: number }): void {
    const counter = this.#counter(name);
    if (figures.total !== undefined) counter.total = figures.total;
    if (figures.done !== undefined) counter.done = Math.max(counter.done, figures.done);
    this.#draw();
  }

  #counter(name: CounterName): Counter {
    return (this.state.counters[name] ??= { done: 0, cached: 0, startedAt: this.#now() });
  }

  /** Ends the last phase and takes the status line away. */
  finish(): void {
    const last = this.state.phases.at(-1);
    if (last) last.endedAt ??= this.#now();
    this.stop();
  }

  /** The summary line; `head` is what it starts with (`Built dist/`). */
  summary(head: string): string {
    return formatSummary(this.state, this.#now(), head);
  }

  /** Takes the status line away and leaves stdout and stderr as they were. Safe to call twice. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#status?.clear();
    this.#status = undefined;
    this.#restore?.();
    this.#restore = undefined;
  }

  #draw(): void {
    if (!this.#status || !this.#atLineStart) return;
    this.#status.show(formatStatusLine(this.state, this.#now(), this.#stdout.columns || 80));
  }

  #attachTerminal(): void {
    const stdoutWrite: Write = this.#stdout.write;
    const stderrWrite: Write = this.#stderr.write;
    const ownWrite = (text: string) => void stdoutWrite.call(this.#stdout, text);
    this.#status = new StatusLine(ownWrite, this.#now);
    const intercept = (stream: NodeJS.WriteStream, write: Write): Write =>
      ((chunk: unknown, ...rest: unknown[]) => {
        this.#status?.clear();
        const result = (write as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
        const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString() : '';
        if (text.length > 0) this.#atLineStart = text.endsWith('\n');
        return result;
      }) as Write;
    this.#stdout.write = intercept(this.#stdout, stdoutWrite);
    this.#stderr.write = intercept(this.#stderr, stderrWrite);
    this.#restore = () => {
      this.#stdout.write = stdoutWrite;
      this.#stderr.write = stderrWrite;
    };
    // The phase's clock and the estimates change with time alone. Never keeps the process alive.
    this.#timer = setInterval(() => this.#draw(), REDRAW_INTERVAL_MS);
    this.#timer.unref();
  }
}
