import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes, WORDS_PER_MINUTE } from '../../src/essays/reading-time.ts';

describe('reading time', () => {
  it('counts the words of prose, not markup, URLs or code', () => {
    const markdown = [
      '## A heading here',
      'Some **bold** words and [a link](https://example.com/very/long/url).',
      '```ts',
      'const notCounted = 1;',
      '```',
      '| a | b |',
      '| - | - |',
    ].join('\n');
    expect(countWords(markdown)).toBe(3 + 6 + 2);
  });

  it('rounds to whole minutes and never says zero', () => {
    expect(readingMinutes('one two')).toBe(1);
    expect(readingMinutes(Array(WORDS_PER_MINUTE * 5).fill('word').join(' '))).toBe(5);
  });
});
