import { readPostSource } from '../../src/validation/read-post-source.ts';

/**
 * A post's front matter as the schema wants it: YAML without the timestamp type, so dates reach
 * the schema as the author typed them and can be checked strictly. The same reader as the
 * content checks (read-post-source.ts); a file they reject reads as no front matter here.
 */
export function readFrontMatter(source: string): Record<string, unknown> {
  const post = readPostSource(source);
  return post.ok ? post.frontMatter : {};
}
