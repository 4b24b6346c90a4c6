import { describe, expect, it } from 'vitest';
import { dateFromFileName, formatDisplayDate, parseAuthorDate, resolvePostDate, toDatetimeAttribute } from '../../src/essays/dates.ts';

describe('parseAuthorDate', () => {
  it('reads a calendar date as that day in UTC', () => {
    const parsed = parseAuthorDate('2023-01-31');
    expect(parsed).toEqual({ ok: true, date: new Date('2023-01-31T00:00:00Z') });
  });

  it('reads Jekyll-style times with and without zones', () => {
    expect(parseAuthorDate('2023-01-31 09:30')).toEqual({ ok: true, date: new Date('2023-01-31T09:30:00Z') });
    expect(parseAuthorDate('2023-01-31 09:30:15 +0200')).toEqual({ ok: true, date: new Date('2023-01-31T07:30:15Z') });
    expect(parseAuthorDate('2023-01-31T09:30:00-05:00')).toEqual({ ok: true, date: new Date('2023-01-31T14:30:00Z') });
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    expect(parseAuthorDate('2023-02-30')).toEqual({ ok: false, reason: 'is not a real date' });
    expect(parseAuthorDate('2023-02-29').ok).toBe(false);
    expect(parseAuthorDate('2024-02-29').ok).toBe(true);
    expect(parseAuthorDate('2023-13-01')).toEqual({ ok: false, reason: 'has no month 13' });
    expect(parseAuthorDate('2023-01-01 25:00').ok).toBe(false);
  });

  it('refuses text that is not a date', () => {
    for (const text of ['yesterday', '31/01/2023', '2023-1-5', '']) {
      expect(parseAuthorDate(text)).toMatchObject({ ok: false, reason: expect.stringContaining('is not a date') });
    }
  });
});

describe('resolvePostDate', () => {
  const noGit = () => {
    throw new Error('git must not be asked when an earlier source has the date');
  };

  it('prefers front matter', () => {
    expect(resolvePostDate({ frontMatterDate: '2020-05-01', fileName: '2019-01-01-x.md', gitAddedDate: noGit })).toEqual({
      date: '2020-05-01',
      source: 'front matter',
    });
  });

  it('falls back to the Jekyll file-name prefix', () => {
    expect(resolvePostDate({ fileName: '2019-01-02-my-post.md', gitAddedDate: noGit })).toEqual({
      date: '2019-01-02',
      source: 'file name',
    });
  });

  it('then to the date git first saw the file', () => {
    expect(resolvePostDate({ fileName: 'my-post.md', gitAddedDate: () => '2021-03-04T10:00:00+01:00' })).toEqual({
      date: '2021-03-04T10:00:00+01:00',
      source: 'git',
    });
  });

  it('leaves a post undated when nothing knows its date', () => {
    expect(resolvePostDate({ fileName: 'my-post.md', gitAddedDate: () => undefined })).toEqual({ source: 'none' });
    expect(resolvePostDate({ fileName: 'my-post.md' })).toEqual({ source: 'none' });
  });

  it('only takes a full YYYY-MM-DD- prefix from a file name', () => {
    expect(dateFromFileName('2019-01-02-post.md')).toBe('2019-01-02');
    expect(dateFromFileName('2019-01-post.md')).toBeUndefined();
    expect(dateFromFileName('post-2019-01-02.md')).toBeUndefined();
  });
});

describe('date display', () => {
  it('shows the calendar day the author wrote, whatever the machine time zone', () => {
    const date = new Date('2023-01-31T00:00:00Z');
    expect(formatDisplayDate(date)).toBe('31 January 2023');
    expect(toDatetimeAttribute(date)).toBe('2023-01-31');
  });
});
