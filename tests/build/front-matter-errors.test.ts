import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureSite, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';

let site: FixtureSite;
let build: BuildResult;

beforeAll(async () => {
  site = createFixtureSite('bad-front-matter', {
    'posts/Good-Post.md': '---\ntitle: Fine\ndate: 2023-01-01\n---\nText.\n',
    'posts/Broken-Post.md': '---\ntitle: ""\ndate: 2023-02-30\nlayout: poster\ndraft: yes\n---\nText.\n',
  });
  build = await site.build();
});
afterAll(() => site?.remove());

describe('a post with bad front matter', () => {
  it('fails the build', () => {
    expect(build.code).not.toBe(0);
    expect(existsSync(path.join(site.dist, 'index.html'))).toBe(false);
  });

  // Even a bare `astro build` (not `npm run build`) says where: file as spelled, line, field.
  it('names the file, as the author spelled it, and each field with what was expected', () => {
    expect(build.output).toContain('content/posts/Broken-Post.md:2:1  title: must not be empty');
    expect(build.output).toContain('content/posts/Broken-Post.md:3:1  date: "2023-02-30" is not a real date');
    expect(build.output).toContain('content/posts/Broken-Post.md:4:1  layout: "poster" is not a layout (accepted: post)');
    expect(build.output).toContain('content/posts/Broken-Post.md:5:1  draft: "yes" is not true or false');
    expect(build.output).not.toContain('Good-Post.md:');
  });
});
