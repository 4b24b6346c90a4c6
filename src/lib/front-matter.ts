import { extractFrontmatter } from '@astrojs/markdown-remark';
import yaml from 'js-yaml';

/**
 * Reads a post's front matter the way the schema wants it: YAML without the timestamp type,
 * so dates reach the schema as the author typed them and can be checked strictly.
 */
export function readFrontMatter(source: string): Record<string, unknown> {
  const raw = extractFrontmatter(source);
  if (raw === undefined) return {};
  const parsed = yaml.load(raw, { schema: yaml.CORE_SCHEMA });
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}
