import type { AstroIntegration } from 'astro';

/**
 * Adds the route that writes a redirect page for every old URL in a post's `redirectFrom`
 * (src/routes/legacy-redirect.ts).
 *
 * It is injected rather than kept in `src/pages/` as `[...legacyPath].ts` because a catch-all
 * file there would tell the content checks (src/validation/site-routes.ts) that every path on
 * the site exists, and dead links in posts would no longer be caught. The route only ever
 * builds the paths posts list, nothing else.
 */
export function legacyRedirects(): AstroIntegration {
  return {
    name: 'quire-legacy-redirects',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({
          pattern: '/[...legacyPath]',
          entrypoint: new URL('../routes/legacy-redirect.ts', import.meta.url),
          prerender: true,
        });
      },
    },
  };
}
