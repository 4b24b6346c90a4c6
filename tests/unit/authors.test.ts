import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authorSchema, postSchema } from '../../src/content.config.ts';
import { creditedAuthors, essaysByAuthor, resolveAuthors, type Author } from '../../src/essays/authors.ts';
import { readAuthors } from '../../src/loaders/authors.ts';

const ada: Author = { name: 'Ada Lovelace', affiliation: 'University of London' };
const known = new Map([['ada', ada]]);

describe('resolving authors', () => {
  it('fills in kept authors by key, keeps written-out ones, in the order given', () => {
    expect(resolveAuthors([{ name: 'Grace Hopper' }, 'ada'], known)).toEqual([{ name: 'Grace Hopper' }, { ...ada, key: 'ada' }]);
    expect(resolveAuthors(undefined, known)).toBeUndefined();
  });

  it('credits the site’s author when an essay names none', () => {
    expect(creditedAuthors(undefined, 'The Site')).toEqual([{ name: 'The Site' }]);
    expect(creditedAuthors([ada], 'The Site')).toEqual([ada]);
  });

  it('gathers each kept author’s essays, keeping the essays’ order', () => {
    const essay = (id: string, authors?: Author[]) => ({ id, data: { authors } });
    const grouped = essaysByAuthor([essay('new', [{ ...ada, key: 'ada' }, { name: 'Guest' }]), essay('none'), essay('old', [{ ...ada, key: 'ada' }])]);
    expect(grouped.map(({ author, essays }) => [author.key, essays.map((e) => e.id)])).toEqual([['ada', ['new', 'old']]]);
  });
});

describe('the authors field and author files', () => {
  const messages = (authors: unknown) => {
    const result = postSchema.safeParse({ title: 'T', authors });
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('takes keys and written-out authors; an ORCID iD as its address or bare, kept bare', () => {
    const parsed = postSchema.parse({ title: 'T', authors: ['ada', { name: 'Alan Turing', orcid: 'https://orcid.org/0000-0002-1825-0097' }] });
    expect(parsed.authors).toEqual(['ada', { name: 'Alan Turing', orcid: '0000-0002-1825-0097' }]);
  });

  it('refuses what is not an author, saying what is expected', () => {
    expect(messages(['Ada Lovelace'])).toEqual(['authors.0: "Ada Lovelace" is not an author key (the name of a file in content/authors/, like ada-lovelace)']);
    expect(messages([{}])).toEqual(['authors.0: an author written out needs a name, and may have url, affiliation, orcid: { name: Alan Turing, affiliation: University of Manchester }']);
    expect(messages([])).toEqual(['authors: must name at least one author (leave the field out for the site’s author)']);
    expect(authorSchema.safeParse({ name: 'A', orcid: '1234' }).error?.issues[0]?.message).toBe('"1234" is not an ORCID iD (expected 0000-0002-1825-0097)');
  });

  const root = mkdtempSync(path.join(tmpdir(), 'quire-authors-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads content/authors/, and says where a file is wrong', () => {
    mkdirSync(path.join(root, 'content', 'authors'), { recursive: true });
    writeFileSync(path.join(root, 'content', 'authors', 'ada.yaml'), 'name: Ada Lovelace\naffiliation: University of London\n');
    writeFileSync(path.join(root, 'content', 'authors', 'bad.yml'), 'name: Bad\nurl: not a url\n');
    writeFileSync(path.join(root, 'content', 'authors', 'broken.yaml'), 'name: [unclosed\n');
    writeFileSync(path.join(root, 'content', 'authors', 'notes.txt'), 'not an author');
    const { authors, problems } = readAuthors(root, authorSchema);
    expect([...authors]).toEqual([['ada', { name: 'Ada Lovelace', affiliation: 'University of London' }]]);
    expect(problems.map(({ file, line, message }) => `${file}:${line} ${message}`)).toEqual([
      'content/authors/bad.yml:2 url: "not a url" is not a web address (expected https://…)',
      expect.stringMatching(/^content\/authors\/broken\.yaml:\d+ not readable as YAML: /),
    ]);
  });

  it('finds no authors, and nothing wrong, where there is no content/authors/', () => {
    expect(readAuthors(path.join(root, 'nowhere'), authorSchema)).toEqual({ authors: new Map(), problems: [] });
  });
});
