import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureSite, startDevServer, type FixtureSite } from '../support/fixture-site.ts';

const POSTS = {
  'posts/published.md': '---\ntitle: Published essay\ndate: 2024-01-01\ntags: [shared]\n---\n\nOut in the world.\n',
  'posts/draft.md': '---\ntitle: Secret draft\ndate: 2024-02-01\ndraft: true\ntags: [shared, draft-only]\n---\n\nNot yet.\n',
  'posts/scheduled.md': '---\ntitle: Scheduled essay\npublishDate: 2999-01-01\ntags: [shared]\n---\n\nLater.\n',
  'posts/was-scheduled.md': '---\ntitle: Scheduled in the past\npublishDate: 2020-05-05\n---\n\nNow out.\n',
};

let site: FixtureSite;
beforeAll(async () => {
  site = createFixtureSite('drafts', POSTS);
  const result = await site.build();
  if (result.code !== 0) throw new Error(result.output);
});
afterAll(() => site?.remove());

/** Every text file the production build wrote, so no page, feed, sitemap or index can hide a draft. */
function allBuiltText(): string {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(html|xml|json|txt|js)$/.test(name)) texts.push(readFileSync(file, 'utf8'));
    }
  };
  walk(site.dist);
  return texts.join('\n');
}

describe('a production build', () => {
  it('publishes posts and posts whose publishDate has passed, dated by it', () => {
    expect(existsSync(path.join(site.dist, 'posts', 'published', 'index.html'))).toBe(true);
    const past = readFileSync(path.join(site.dist, 'posts', 'was-scheduled', 'index.html'), 'utf8');
    expect(past).toContain('datetime="2020-05-05"');
  });

  it('leaves drafts and scheduled posts out of every page and file', () => {
    expect(existsSync(path.join(site.dist, 'posts', 'draft'))).toBe(false);
    expect(existsSync(path.join(site.dist, 'posts', 'scheduled'))).toBe(false);
    const everything = allBuiltText();
    expect(everything).toContain('Published essay');
    expect(everything).not.toContain('Secret draft');
    expect(everything).not.toContain('Scheduled essay');
    expect(everything).not.toContain('draft-only');
  });
});

describe('npm run dev', () => {
  it('shows drafts and scheduled posts, marked as drafts', async () => {
    const server = await startDevServer(site.root);
    try {
      const home = await (await fetch(`${server.url}/`)).text();
      expect(home).toMatch(/Secret draft<\/a>\s*<span[^>]*> \(draft\)<\/span>/);
      expect(home).toMatch(/Scheduled essay<\/a>\s*<span[^>]*> \(draft\)<\/span>/);
      expect(home).not.toMatch(/Published essay<\/a>\s*<span[^>]*> \(draft\)/);
      const draftPage = await fetch(`${server.url}/posts/draft/`);
      expect(draftPage.status).toBe(200);
      expect(await draftPage.text()).toContain('Draft — not published');
    } finally {
      await server.stop();
    }
  });

  it('says what is wrong with an essay edited while it runs, in the terminal and on the page', async () => {
    const server = await startDevServer(site.root);
    try {
      await (await fetch(`${server.url}/`)).text();
      site.write('content/posts/edited.md', '---\ntitle: "unclosed\n---\n\nText.\n');
      const located = 'content/posts/edited.md:3:1  front matter is not valid YAML';
      await expect.poll(() => server.output(), { timeout: 30_000 }).toContain(located);
      await expect.poll(async () => (await fetch(`${server.url}/`)).text(), { timeout: 30_000 }).toContain(`Fix ${located}`);
      site.write('content/posts/edited.md', '---\ntitle: Edited\n---\n\nSee [a missing part](#nowhere).\n');
      await expect.poll(() => server.output(), { timeout: 30_000 }).toContain('content/posts/edited.md:5:5  link "#nowhere" points to "#nowhere", which is not a heading or id in this post');
    } finally {
      await server.stop();
    }
  });
});
