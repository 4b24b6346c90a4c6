import { describe, expect, it } from 'vitest';
import { slugFromContentPath, slugify } from '../../src/essays/slugs.ts';

describe('slugFromContentPath', () => {
  it('uses the file name without its extension', () => {
    expect(slugFromContentPath('ml-research-vs-production.md')).toBe('ml-research-vs-production');
    expect(slugFromContentPath('notes.mdx')).toBe('notes');
  });

  it('drops a Jekyll date prefix', () => {
    expect(slugFromContentPath('2023-01-31-hello-world.md')).toBe('hello-world');
  });

  it('ignores sub-folders, which only organise files', () => {
    expect(slugFromContentPath('2023/drafts/on-tables.md')).toBe('on-tables');
  });

  it('names an index file after its folder, so essays can keep images beside them', () => {
    expect(slugFromContentPath('on-tables/index.md')).toBe('on-tables');
    expect(slugFromContentPath('2023-05-01-on-tables/index.mdx')).toBe('on-tables');
  });

  it('normalises case and spaces like GitHub does', () => {
    expect(slugFromContentPath('My First Post.md')).toBe('my-first-post');
  });

  it('keeps non-Latin letters', () => {
    expect(slugify('Машинное обучение')).toBe('машинное-обучение');
    expect(slugify('機械学習')).toBe('機械学習');
  });
});
