import yaml from 'js-yaml';

export type PostSource =
  | {
      ok: true;
      frontMatter: Record<string, unknown>;
      /** Front-matter lines as written, for pointing at a field's line. */
      frontMatterLines: string[];
      body: string;
      /** 1-based line in the file where the body starts. */
      bodyLine: number;
    }
  | { ok: false; line: number; column: number; message: string };

/**
 * Splits a post into front matter and body the way an author means it, catching what Astro
 * would otherwise report obscurely or not at all: an empty file, an unclosed `---` fence,
 * YAML that does not parse. A byte-order mark and Windows line endings are fine.
 * Dates stay text (YAML's CORE schema), so the schema can check them strictly.
 */
export function readPostSource(text: string): PostSource {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (source.trim() === '') {
    return { ok: false, line: 1, column: 1, message: 'the file is empty (expected front matter with at least a title)' };
  }
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') {
    return { ok: true, frontMatter: {}, frontMatterLines: [], body: source, bodyLine: 1 };
  }
  const closing = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (closing === -1) {
    return {
      ok: false,
      line: 1,
      column: 1,
      message: 'front matter is not closed: add a line with only --- after the last field',
    };
  }
  const frontMatterLines = lines.slice(1, closing);
  let parsed: unknown;
  try {
    parsed = yaml.load(frontMatterLines.join('\n'), { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    const mark = (error as yaml.YAMLException).mark;
    const reason = (error as yaml.YAMLException).reason ?? String(error);
    return {
      ok: false,
      line: (mark?.line ?? 0) + 2,
      column: (mark?.column ?? 0) + 1,
      message: `front matter is not valid YAML: ${reason}`,
    };
  }
  if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    return { ok: false, line: 2, column: 1, message: 'front matter must be a list of `field: value` lines' };
  }
  return {
    ok: true,
    frontMatter: (parsed ?? {}) as Record<string, unknown>,
    frontMatterLines,
    body: lines.slice(closing + 1).join('\n'),
    bodyLine: closing + 2,
  };
}

/** The line of a top-level field in the file (front matter starts on line 2), or the fence. */
export function lineOfField(frontMatterLines: readonly string[], field: string | undefined): number {
  if (!field) return 1;
  const index = frontMatterLines.findIndex((line) => line.startsWith(`${field}:`));
  return index === -1 ? 1 : index + 2;
}
