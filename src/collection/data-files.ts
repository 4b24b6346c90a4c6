/*
 * The data files of essays' data tables, published beside each essay's page
 * (`/posts/<slug>/results.csv`) for the tables' download links: src/pages/posts/[slug]/.
 */
import { readFileSync } from 'node:fs';
import { root } from 'astro:config/server';
import { render } from 'astro:content';
import { DATA_FORMAT_INFO, dataFormatOf, publishedDataFiles, type DataFormat } from '../essays/data-tables.ts';
import type { Post } from '../essays/essay.ts';
import { getPublishedPosts } from './published-essays.ts';

export interface DataFileRoute {
  params: { slug: string; name: string };
  props: { file: URL; format: DataFormat };
}

/**
 * A route for each data file of one format that a published essay's tables read (listed by
 * src/markdown/plugins/remark-data-tables.ts in the essay's remark front matter), named as the
 * table's link names it, without its extension, which the route's file name adds.
 */
export async function dataFileRoutes(format: DataFormat): Promise<DataFileRoute[]> {
  const routes: DataFileRoute[] = [];
  for (const post of await getPublishedPosts()) {
    if (!post.filePath) continue;
    for (const file of publishedDataFiles(await pluginFrontmatter(post))) {
      if (dataFormatOf(file.name) !== format) continue;
      const essay = new URL(post.filePath, root);
      routes.push({ params: { slug: post.id, name: file.name.slice(0, -`.${format}`.length) }, props: { file: new URL(file.src, essay), format } });
    }
  }
  return routes;
}

/** The file exactly as the essay's folder has it. */
export function dataFileResponse({ file, format }: DataFileRoute['props']): Response {
  return new Response(readFileSync(file), { headers: { 'Content-Type': `${DATA_FORMAT_INFO[format].mediaType}; charset=utf-8` } });
}

/** A Markdown essay's remark front matter is in the store; an MDX essay's comes with its module. */
async function pluginFrontmatter(post: Post): Promise<Record<string, unknown>> {
  const stored = post.rendered?.metadata?.frontmatter as Record<string, unknown> | undefined;
  return stored ?? (await render(post)).remarkPluginFrontmatter;
}
