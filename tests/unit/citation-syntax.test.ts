import { describe, expect, it } from 'vitest';
import { findCitations, parseCitationGroup, splitLocator } from '../../src/essays/citation-syntax.ts';

/** Each citation found as `written → key(prefix|locator|suffix|-), …` for compact expectations. */
const found = (text: string) =>
  findCitations(text).map(
    (citation) =>
      `${citation.narrative ? 'narrative ' : ''}${citation.written} → ${citation.items
        .map((item) => `${item.suppressAuthor ? '-' : ''}${item.key}(${item.prefix}|${item.locator ?? ''}|${item.suffix})`)
        .join(', ')}`,
  );

describe('Pandoc citation syntax', () => {
  it('reads bracketed citations with several keys', () => {
    expect(found('As shown [@squad] and [@glue;@cost] and [@a ;  @b].')).toEqual([
      '[@squad] → squad(||)',
      '[@glue;@cost] → glue(||), cost(||)',
      '[@a ;  @b] → a(||), b(||)',
    ]);
  });

  it('reads prefixes, locators and suffixes', () => {
    expect(found('[see @doe99, pp. 33-35 and *passim*; @smith04, chap. 1]')).toEqual([
      '[see @doe99, pp. 33-35 and *passim*; @smith04, chap. 1] → doe99(see|pp. 33-35|and *passim*), smith04(|chap. 1|)',
    ]);
    expect(found('[@doe99, 33]')).toEqual(['[@doe99, 33] → doe99(|p. 33|)']);
    expect(found('[@doe99, 33-35, 38]')).toEqual(['[@doe99, 33-35, 38] → doe99(|pp. 33-35, 38|)']);
    expect(found('[@doe99, {pp. iv, vi-xi}]')).toEqual(['[@doe99, {pp. iv, vi-xi}] → doe99(|pp. iv, vi-xi|)']);
    expect(found('[@doe99, emphasis added]')).toEqual(['[@doe99, emphasis added] → doe99(||emphasis added)']);
    expect(found('[@doe99 p. 3]')).toEqual(['[@doe99 p. 3] → doe99(|p. 3|)']);
  });

  it('reads a suppressed author and narrative citations, with a locator after them', () => {
    expect(found('Vaswani says [-@vaswani2017].')).toEqual(['[-@vaswani2017] → -vaswani2017(||)']);
    expect(found('@vaswani2017 says so, and @doe99 [p. 33] agrees.')).toEqual([
      'narrative @vaswani2017 → vaswani2017(||)',
      'narrative @doe99 [p. 33] → doe99(|p. 33|)',
    ]);
  });

  it('ends a key before the punctuation that ends a sentence, and keeps internal punctuation', () => {
    expect(found('As @doe99. And [@Smith:2020/a; @x.y-z].')).toEqual(['narrative @doe99 → doe99(||)', '[@Smith:2020/a; @x.y-z] → Smith:2020/a(||), x.y-z(||)']);
  });

  it('leaves what is not a citation alone: emails, escaped @, brackets without a key in every part', () => {
    expect(found('mail me@example.com [x@y.z] \\@handle [@] [see me]')).toEqual([]);
    // Not a bracketed citation, so (as in Pandoc) each key in it is a narrative one.
    expect(found('[@a and @b]')).toEqual(['narrative @a → a(||)', 'narrative @b → b(||)']);
  });

  it('splits locators from suffixes, with the locator as CSL labels it', () => {
    expect(splitLocator(', p. 3')).toEqual({ locator: 'p. 3', cslLocator: { label: 'page', value: '3' }, suffix: '' });
    expect(splitLocator(', sec. 2.1 or so')).toEqual({ locator: 'sec. 2', cslLocator: { label: 'section', value: '2' }, suffix: '.1 or so' });
    expect(splitLocator(', ch. 2, for example')).toEqual({ locator: 'ch. 2', cslLocator: { label: 'chapter', value: '2' }, suffix: 'for example' });
    expect(splitLocator(' among others')).toEqual({ suffix: 'among others' });
    expect(splitLocator(', page 7')).toEqual({ locator: 'page 7', cslLocator: { label: 'page', value: '7' }, suffix: '' });
    expect(splitLocator(', 33-35')).toEqual({ locator: 'pp. 33-35', cslLocator: { label: 'page', value: '33-35' }, suffix: '' });
    expect(splitLocator(', {vol. iv, pt. 2}')).toEqual({ locator: 'vol. iv, pt. 2', cslLocator: { label: 'volume', value: 'iv, pt. 2' }, suffix: '' });
    expect(splitLocator(', § 4')).toEqual({ locator: '§ 4', cslLocator: { label: 'section', value: '4' }, suffix: '' });
  });

  it('is no group when any part lacks a key', () => {
    expect(parseCitationGroup('see me')).toBeUndefined();
    expect(parseCitationGroup('@a; see')).toBeUndefined();
    expect(parseCitationGroup('see @a')).toEqual([{ key: 'a', prefix: 'see', suffix: '', suppressAuthor: false }]);
    expect(parseCitationGroup('-@a, fig. 2')).toEqual([{ key: 'a', prefix: '', locator: 'fig. 2', cslLocator: { label: 'figure', value: '2' }, suffix: '', suppressAuthor: true }]);
  });
});
