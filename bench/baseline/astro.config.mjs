// The baseline: a minimal plain-Astro blog over the same corpus as Quire, same Astro version,
// no Quire features. It renders Markdown with the same unified (remark/rehype) pipeline as
// Quire, without Quire's plugins; BASELINE_PROCESSOR=native measures Astro 7's own default
// processor instead (no `markdown.processor`), as a second reference.
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';

const native = process.env.BASELINE_PROCESSOR === 'native';

export default defineConfig({
  site: 'https://baseline.example.com',
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: native ? {} : { processor: unified() },
  // Quire's image setting, so that an essay's local images (the real-blog corpus has them) cost
  // both sites the same encoding work: a srcset of widths up to the file's own, not one WebP.
  image: { layout: 'constrained' },
});
