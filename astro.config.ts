import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { rehypePlugins, remarkPlugins } from './src/markdown/pipeline.ts';
import { site } from './src/site.config.ts';

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx()],
  markdown: {
    // Astro 7's default processor (Sätteri) never runs remark/rehype plugins.
    // Smart quotes off: an essay is published exactly as its author typed it.
    processor: unified({ remarkPlugins, rehypePlugins, gfm: false, smartypants: false }),
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      // No default colours: the stylesheet picks a theme's CSS variables per colour scheme.
      defaultColor: false,
    },
  },
});
