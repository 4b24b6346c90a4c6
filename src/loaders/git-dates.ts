import { execFileSync } from 'node:child_process';

/**
 * The date each file under `dir` was first committed, from one `git log` call (not one per
 * file, which costs seconds on a large site). Paths are relative to `cwd`. Outside a git
 * checkout, or without git, the map is empty and posts fall back to being undated.
 */
export function readGitAddedDates(cwd: string, dir: string): Map<string, string> {
  let log: string;
  try {
    log = execFileSync('git', ['log', '--diff-filter=A', '--relative', '--format=%x00%aI', '--name-only', '--', dir], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return new Map();
  }
  const dates = new Map<string, string>();
  for (const record of log.split('\0').slice(1)) {
    const [date, ...files] = record.split('\n');
    // git lists newest first, so the last date seen for a file is the one that added it.
    for (const file of files) if (file.trim() && date) dates.set(file.trim(), date.trim());
  }
  return dates;
}
