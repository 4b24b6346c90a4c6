import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Wall time and peak memory of a whole process tree. Memory is measured two ways and the larger
 * is reported: the sum of VmRSS over the process and all its descendants (pagefind, for one,
 * runs as a child process), polled from /proc every `pollMs`; and the kernel's own peak RSS of
 * the largest single process (`/usr/bin/time -f %M`), which catches a spike between two polls.
 * /usr/bin/time also gives the CPU time of the tree.
 */
export interface Measured {
  code: number | null;
  wallMs: number;
  /** Peak of the tree's summed RSS, in bytes, as polled. */
  peakTreeRss: number;
  /** The kernel's peak RSS of the largest single process in the tree, in bytes (0 if unknown). */
  peakProcessRss: number;
  /** max(peakTreeRss, peakProcessRss) */
  peakRss: number;
  /**
   * CPU time (user + system) of the tree, in ms, from /usr/bin/time (NaN without it). Far less
   * sensitive than wall time to other work on a shared machine.
   */
  cpuMs: number;
  output: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  pollMs?: number;
}

const TIME = '/usr/bin/time';

/** Runs `command args…` to completion, measuring it. */
export async function measure(command: string, args: string[], options: RunOptions): Promise<Measured> {
  const tracked = startTracked(command, args, options);
  const code = await tracked.exited;
  return tracked.finish(code);
}

export interface Tracked {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Output so far (stdout and stderr). */
  output(): string;
  /** Milliseconds since the process was started. */
  elapsed(): number;
  /** Stops polling and returns the figures; call once the process has exited. */
  finish(code: number | null): Measured;
}

/** Starts `command args…` under /proc polling (and /usr/bin/time when there is one). */
export function startTracked(command: string, args: string[], { cwd, env = process.env, pollMs = 50 }: RunOptions): Tracked {
  const withTime = existsSync(TIME);
  const scratch = withTime ? mkdtempSync(path.join(tmpdir(), 'quire-bench-time-')) : undefined;
  const timeFile = scratch ? path.join(scratch, 'time.txt') : undefined;
  const started = performance.now();
  const child = withTime
    ? spawn(TIME, ['-f', '%M %U %S', '-o', timeFile!, command, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  let peakTreeRss = 0;
  const poll = () => {
    if (child.pid !== undefined) peakTreeRss = Math.max(peakTreeRss, treeRss(child.pid));
  };
  const timer = setInterval(poll, pollMs);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let wallMs = 0;
  void exited.then(() => (wallMs = performance.now() - started));
  return {
    child,
    exited,
    output: () => output,
    elapsed: () => performance.now() - started,
    finish(code) {
      clearInterval(timer);
      let peakProcessRss = 0;
      let cpuMs = Number.NaN;
      if (timeFile && existsSync(timeFile)) {
        // The last line is "%M %U %S": KB, seconds, seconds (an earlier line may say "Command exited with non-zero status").
        const [kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        if (Number.isFinite(kb)) peakProcessRss = kb! * 1024;
        if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user! + system!) * 1000;
      }
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      return { code, wallMs: wallMs || performance.now() - started, peakTreeRss, peakProcessRss, peakRss: Math.max(peakTreeRss, peakProcessRss), cpuMs, output };
    },
  };
}

/** Sum of VmRSS (bytes) of `pid` and every descendant, read from /proc now. */
export function treeRss(pid: number): number {
  let sum = 0;
  for (const member of processTree(pid)) sum += rssOf(member);
  return sum;
}

/** `pid` and its descendants, from /proc/<pid>/task/<tid>/children. */
export function processTree(pid: number): number[] {
  const found: number[] = [];
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop()!;
    found.push(current);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${current}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      } catch {
        // The task ended while we looked.
      }
    }
  }
  return found;
}

function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Sends `signal` to every process of the tree rooted at `pid`, leaves first. */
export function killTree(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const member of processTree(pid).reverse()) {
    try {
      process.kill(member, signal);
    } catch {
      // Already gone.
    }
  }
}

export const median = (values: number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
