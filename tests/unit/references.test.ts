import { describe, expect, it } from 'vitest';
import { postSchema } from '../../src/content.config.ts';
import { formatSchemaIssues } from '../../src/diagnostics.ts';
import {
  backlinkLabels,
  backlinkLetter,
  formatAuthors,
  formatReference,
  numberReferences,
  readReferences,
  type Reference,
} from '../../src/essays/references.ts';

const squad: Reference = {
  id: 'squad',
  title: 'SQuAD: The Stanford Question Answering Dataset',
  url: 'https://huggingface.co/datasets/squad',
  authors: ['Pranav Rajpurkar', 'Jian Zhang', 'Konstantin Lopyrev', 'Percy Liang'],
  publisher: 'Hugging Face Datasets',
  year: 2016,
};
const glue: Reference = { id: 'glue', title: 'GLUE', url: 'https://huggingface.co/datasets/glue' };
const cost: Reference = { id: 'cost', title: 'The Staggering Cost of Training SOTA AI Models', url: 'https://syncedreview.com/x', publisher: 'Synced Review', year: 2019 };

describe('numbering references', () => {
  it('numbers by first citation, then lists the uncited in front-matter order', () => {
    const numbered = numberReferences([squad, glue, cost], [
      { id: 'glue', elementId: 'cite-glue-1' },
      { id: 'squad', elementId: 'cite-squad-1' },
      { id: 'glue', elementId: 'cite-glue-2' },
    ]);
    expect(numbered.map((r) => [r.id, r.number, r.citations])).toEqual([
      ['glue', 1, ['cite-glue-1', 'cite-glue-2']],
      ['squad', 2, ['cite-squad-1']],
      ['cost', 3, []],
    ]);
  });

  it('keeps front-matter order when nothing is cited', () => {
    expect(numberReferences([squad, glue], []).map((r) => r.number)).toEqual([1, 2]);
  });
});

describe('back-links', () => {
  it('are a lone ↩ for one citation, lettered for several', () => {
    expect(backlinkLabels(1)).toEqual(['↩']);
    expect(backlinkLabels(3)).toEqual(['↩ a', '↩ b', '↩ c']);
  });

  it('run a…z, then aa, ab…', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(backlinkLetter)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'az', 'ba']);
  });
});

describe('formatting an entry', () => {
  it('puts the title first, then authors, publisher and year', () => {
    expect(formatReference(squad)).toBe(
      'SQuAD: The Stanford Question Answering Dataset. Pranav Rajpurkar, Jian Zhang, Konstantin Lopyrev, et al. Hugging Face Datasets, 2016.',
    );
    expect(formatReference(cost)).toBe('The Staggering Cost of Training SOTA AI Models. Synced Review, 2019.');
    expect(formatReference(glue)).toBe('GLUE.');
  });

  it('adds the date accessed and the note, and does not double a full stop', () => {
    expect(formatReference({ ...glue, title: 'Is it?', accessed: new Date('2024-05-01T00:00:00Z'), note: 'Mirror of the original.' })).toBe(
      'Is it? Accessed 1 May 2024. Mirror of the original.',
    );
  });

  it('joins authors as a list', () => {
    expect(formatAuthors(['Ada Lovelace'])).toBe('Ada Lovelace');
    expect(formatAuthors(['A', 'B'])).toBe('A and B');
    expect(formatAuthors(['A', 'B', 'C'])).toBe('A, B, and C');
  });
});

describe('reading references from front matter', () => {
  it('takes what the schema has checked, with dates from YAML as Date or text', () => {
    const read = readReferences({
      references: [
        { id: 'a', title: ' A ', url: 'https://a.example', year: 2020, accessed: new Date('2024-01-02T00:00:00Z'), authors: ['X'] },
        { id: 'b', title: 'B', url: 'https://b.example', accessed: '2024-01-03' },
      ],
    });
    expect(read).toEqual([
      { id: 'a', title: 'A', url: 'https://a.example', origin: 'front matter', year: 2020, accessed: new Date('2024-01-02T00:00:00Z'), authors: ['X'] },
      { id: 'b', title: 'B', url: 'https://b.example', origin: 'front matter', accessed: new Date('2024-01-03T00:00:00Z') },
    ]);
  });

  it('is empty without references', () => {
    expect(readReferences({ title: 'T' })).toEqual([]);
    expect(readReferences(undefined)).toEqual([]);
  });
});

describe('the references field of the schema', () => {
  const errorsFor = (references: unknown) => {
    const result = postSchema.safeParse({ title: 'T', references });
    return result.success ? [] : formatSchemaIssues('content/posts/x.md', result.error.issues);
  };

  it('accepts every documented field and defaults to none', () => {
    const data = postSchema.parse({
      title: 'T',
      references: [
        {
          id: 'squad-2016',
          title: 'SQuAD',
          url: 'https://huggingface.co/datasets/squad',
          authors: ['Pranav Rajpurkar'],
          publisher: 'Hugging Face',
          year: 2016,
          accessed: '2024-05-01',
          note: 'The data set card.',
        },
      ],
    });
    expect(data.references[0]!.accessed).toEqual(new Date('2024-05-01T00:00:00Z'));
    expect(postSchema.parse({ title: 'T' }).references).toEqual([]);
  });

  it.each([
    [[{ id: 'a', url: 'https://a.example' }], 'content/posts/x.md: references.0.title: is required (the source’s title)'],
    [[{ id: 'a', title: ' ', url: 'https://a.example' }], 'content/posts/x.md: references.0.title: must not be empty'],
    [[{ id: 'a', title: 'A', url: 'a.example/page' }], 'content/posts/x.md: references.0.url: "a.example/page" is not a web address (expected https://…)'],
    [[{ id: 'a', title: 'A', url: 'javascript:alert(1)' }], 'content/posts/x.md: references.0.url: "javascript:alert(1)" is not a web address (expected https://…)'],
    [[{ id: 'a', title: 'A' }], 'content/posts/x.md: references.0.url: is required (the address of the source)'],
    [[{ title: 'A', url: 'https://a.example' }], 'content/posts/x.md: references.0.id: is required (the text cites the source as [@id])'],
    [[{ id: 'has space', title: 'A', url: 'https://a.example' }], 'content/posts/x.md: references.0.id: "has space" is not an id (letters, digits, and - _ . : inside, like squad-2016)'],
    [[{ id: 'a', title: 'A', url: 'https://a.example', year: 'soon' }], 'content/posts/x.md: references.0.year: "soon" is not a year (expected a number, like 2019)'],
    [[{ id: 'a', title: 'A', url: 'https://a.example', accessed: '2024-02-30' }], 'content/posts/x.md: references.0.accessed: "2024-02-30" is not a real date'],
    [[{ id: 'a', title: 'A', url: 'https://a.example', authors: 'Ada' }], 'content/posts/x.md: references.0.authors: must be a list of names, like [Ada Lovelace, Alan Turing]'],
    [[{ id: 'a', title: 'A', url: 'https://a.example', titel: 'typo' }], 'content/posts/x.md: references.0: unknown field "titel" (a reference has id, title, url, authors, publisher, year, accessed, note)'],
    ['https://a.example', 'content/posts/x.md: references: must be a list of references, each with id, title and url'],
  ])('explains %j as "%s"', (references, message) => {
    expect(errorsFor(references)).toEqual([message]);
  });

  it('names a duplicate id and where it was first used', () => {
    expect(
      errorsFor([
        { id: 'squad', title: 'A', url: 'https://a.example' },
        { id: 'glue', title: 'B', url: 'https://b.example' },
        { id: 'squad', title: 'C', url: 'https://c.example' },
      ]),
    ).toEqual(['content/posts/x.md: references.2.id: "squad" is already the id of references.0 (ids must be unique)']);
  });
});
