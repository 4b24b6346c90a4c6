import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { legacyRedirects } from './src/integrations/legacy-redirects.ts';
import { processorOptions, shikiConfig } from './src/markdown/pipeline.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { fileURLToPath } from 'node:url';
import { site, siteCitations } from './src/site.config.ts';
import { verifiedPageCache } from './src/integrations/verified-page-cache.ts';

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [
    mdx(),
    legacyRedirects(),
    // Redirect stubs (`.html`) and the 404 page are not pages to be indexed.
    sitemap({ filter: (page) => !/\/404\/?$/.test(page) && !page.endsWith('.html') }),
    pagefindIndex(),
    // Pages Astro copies from its cache are checked against the hashes recorded when written.
    verifiedPageCache(),
  ],
  markdown: {
    // Astro 7's default processor (Sätteri) never runs remark/rehype plugins.
    processor: unified(processorOptions({ base: site.base, citations: siteCitations(fileURLToPath(new URL('.', import.meta.url))) })),
    shikiConfig,
  },
  // Images in posts get a srcset and sizes, never wider than their file; width and height are set.
  image: { layout: 'constrained' },
  experimental: {
    // A rebuild copies the pages whose code and `cacheKey` (src/site/page-cache-keys.ts) did
    // not change from Astro's cache instead of rendering them again.
    incrementalBuild: true,
  },
});
