import { createHighlighter } from 'shiki';
import { describe, expect, it } from 'vitest';
import { transformerNoTimeLimit } from '../../src/markdown/plugins/shiki-transformer-no-time-limit.ts';

describe('transformerNoTimeLimit', () => {
  it('colours a long line in full however little time the tokeniser is given', async () => {
    const highlighter = await createHighlighter({ langs: ['typescript'], themes: ['github-light-default'] });
    // One line long enough that tokenising it takes well over the 0.001 ms allowed below.
    const line = Array.from({ length: 300 }, (_, i) => `const v${i} = "s${i}" + ${i};`).join(' ');
    const options = { lang: 'typescript', theme: 'github-light-default' } as const;
    const unhurried = highlighter.codeToHtml(line, { ...options, tokenizeTimeLimit: 0 });
    const hurried = highlighter.codeToHtml(line, { ...options, tokenizeTimeLimit: 0.001 });
    // Shiki's own behaviour, which is the reason for the transformer: a degraded line.
    expect(hurried).not.toBe(unhurried);
    expect(highlighter.codeToHtml(line, { ...options, tokenizeTimeLimit: 0.001, transformers: [transformerNoTimeLimit()] })).toBe(unhurried);
  });
});
