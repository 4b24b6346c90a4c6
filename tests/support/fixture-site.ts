import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { astroBin, repoRoot } from './paths.ts';

/** The parts of the repository that make up a Quire site, without its content. */
const SITE_FILES = ['src', 'public', 'scripts', 'astro.config.ts', 'tsconfig.json', 'package.json'];

/**
 * Fixture sites live under `<repo>/.fixtures/` so that Node finds the repository's
 * `node_modules` by walking up, while each site keeps its own Astro cache
 * (`<site>/node_modules/.astro`) and so never sees another build's rendered Markdown.
 */
const FIXTURES_ROOT = path.join(repoRoot, '.fixtures');

export interface FixtureSite {
  root: string;
  dist: string;
  /** Writes a file relative to the site root, creating folders. */
  write(relativePath: string, contents: string): void;
  build(env?: Record<string, string>): Promise<BuildResult>;
  remove(): void;
}

export interface BuildResult {
  code: number | null;
  output: string;
}

/** A fresh site with Quire's code and the given `content/` files (path → text). */
export function createFixtureSite(name: string, content: Record<string, string> = {}): FixtureSite {
  mkdirSync(FIXTURES_ROOT, { recursive: true });
  const root = mkdtempSync(path.join(FIXTURES_ROOT, `${name}-`));
  for (const entry of SITE_FILES) {
    if (existsSync(path.join(repoRoot, entry))) cpSync(path.join(repoRoot, entry), path.join(root, entry), { recursive: true });
  }
  const site: FixtureSite = {
    root,
    dist: path.join(root, 'dist'),
    write(relativePath, contents) {
      const file = path.join(root, relativePath);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, contents);
    },
    build: (env) => runAstro(root, ['build'], env),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  mkdirSync(path.join(root, 'content', 'posts'), { recursive: true });
  for (const [file, text] of Object.entries(content)) site.write(path.join('content', file), text);
  return site;
}

/** Runs the Astro CLI with this Node (the project's Node 24 under `npm test`). */
export function runAstro(root: string, args: string[], env: Record<string, string> = {}): Promise<BuildResult> {
  return runNode(root, [astroBin, ...args, '--root', root], env);
}

/** Runs one of the project's `scripts/*.ts` in a fixture site, as `npm run …` would. */
export function runScript(root: string, script: string, args: string[] = [], env: Record<string, string> = {}): Promise<BuildResult> {
  return runNode(root, [path.join(root, 'scripts', script), ...args], env);
}

/** Variables Vitest sets for its own `import.meta.env`; a real shell has none of them. */
const TEST_RUNNER_VARIABLES = new Set(['NODE_ENV', 'TEST', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'FORCE_TTY']);

/** The environment a user's shell would give: none of the test runner's own variables. */
export function userEnvironment(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !TEST_RUNNER_VARIABLES.has(name) && !name.startsWith('VITEST')),
  );
  return { ...inherited, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env };
}

function runNode(cwd: string, args: string[], env: Record<string, string>): Promise<BuildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: userEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

export interface DevServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `astro dev` for a fixture site on a free loopback port and waits until it serves. */
export function startDevServer(root: string): Promise<DevServer> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [astroBin, 'dev', '--root', root, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: root,
    env: userEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('close', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`astro dev did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /Local\s+(http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!.replace(/\/$/, ''), output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => reject(new Error(`astro dev exited with ${code}:\n${output}`)));
  });
}
