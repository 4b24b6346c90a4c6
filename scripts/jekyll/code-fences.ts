/**
 * Applies `rewrite` to the Markdown outside fenced code blocks only, so that cleaning up prose
 * never changes a program listing. Fences may be indented (inside list items).
 */
export function mapProse(markdown: string, rewrite: (prose: string) => string): string {
  const lines = markdown.split('\n');
  const output: string[] = [];
  let prose: string[] = [];
  let fence: { character: string; length: number } | undefined;
  const flushProse = () => {
    if (prose.length > 0) output.push(...rewrite(prose.join('\n')).split('\n'));
    prose = [];
  };
  for (const line of lines) {
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
    prose.push(line);
  }
  flushProse();
  return output.join('\n');
}
