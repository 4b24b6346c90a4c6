import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { requireTool } from './required-tool.ts';

/** The W3C Nu Html Checker, from the `vnu-jar` npm package, run on the system's Java. */
// Resolved as Node resolves the package, so it is found from a copy of this file too.
export const VNU_JAR = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

export interface NuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: 'warning' | 'fatal' | 'io' | 'schema' | 'internal';
  url?: string;
  firstLine?: number;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
}

export interface NuReport {
  /** Errors, including fatal parse errors and files the checker could not read. */
  errors: NuMessage[];
  warnings: NuMessage[];
}

export function findJava(): string | undefined {
  const javaHome = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : undefined;
  const onPath = (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'java'));
  return [javaHome, ...onPath, '/usr/bin/java'].find((candidate): candidate is string => Boolean(candidate) && existsSync(candidate!));
}

/** True when the checker can run; throws under CI when it cannot, warns loudly elsewhere. */
export function nuCheckerIsAvailable(): boolean {
  const java = findJava();
  if (java && !existsSync(VNU_JAR)) throw new Error(`vnu-jar is not installed (${VNU_JAR}); run npm ci`);
  return requireTool('Java (for the Nu Html Checker)', java, 'install a Java 17+ runtime, e.g. `apt-get install default-jre-headless`');
}

/** Checks all files in one Java process: starting the JVM costs more than checking a page. */
export async function checkHtml(files: string[]): Promise<NuReport> {
  const java = findJava();
  if (!java) throw new Error('Java not found');
  const output = await run(java, ['-jar', VNU_JAR, '--format', 'json', '--exit-zero-always', '--html', ...files]);
  let messages: NuMessage[];
  try {
    ({ messages } = JSON.parse(output) as { messages: NuMessage[] });
  } catch {
    throw new Error(`The Nu Html Checker did not answer in JSON:\n${output}`);
  }
  return {
    errors: messages.filter((message) => message.type !== 'info'),
    warnings: messages.filter((message) => message.type === 'info' && message.subType === 'warning'),
  };
}

/** One line per message: `file:line:column: message` and the extract it is about. */
export function formatNuMessages(messages: NuMessage[], root: string): string {
  return messages
    .map((message) => {
      const file = message.url ? path.relative(root, fileURLToPath(message.url.replace(/^file:(?!\/\/)/, 'file://'))) : '(no file)';
      const extract = message.extract ? `\n      ${JSON.stringify(message.extract)}` : '';
      return `  ${file}:${message.lastLine ?? '?'}:${message.firstColumn ?? message.lastColumn ?? '?'}: ${message.message}${extract}`;
    })
    .join('\n');
}

/** The checker writes its JSON report to stderr. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stderr);
      else reject(new Error(`${command} exited with ${code}:\n${stderr}${stdout}`));
    });
  });
}
