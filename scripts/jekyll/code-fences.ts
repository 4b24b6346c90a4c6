/**
 * Applies `rewrite` to the Markdown outside fenced code blocks only, so that cleaning up prose
 * never changes a program listing. Fences may be indented (inside list items). `rewrite` is told
 * the line (1-based, in `markdown`) its text starts on, for warnings.
 */
export function mapProse(markdown: string, rewrite: (prose: string, firstLine: number) => string): string {
  const lines = markdown.split('\n');
  const output: string[] = [];
  let prose: string[] = [];
  let proseStart = 1;
  let fence: { character: string; length: number } | undefined;
  const flushProse = () => {
    if (prose.length > 0) output.push(...rewrite(prose.join('\n'), proseStart).split('\n'));
    prose = [];
  };
  for (const [index, line] of lines.entries()) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      output.push(line);
      if (marker && marker[0] === fence.character && marker.length >= fence.length && /^\s*[`~]+\s*$/.test(line)) fence = undefined;
      continue;
    }
    if (marker) {
      flushProse();
      fence = { character: marker[0]!, length: marker.length };
      output.push(line);
      continue;
    }
    if (prose.length === 0) proseStart = index + 1;
    prose.push(line);
  }
  flushProse();
  return output.join('\n');
}
