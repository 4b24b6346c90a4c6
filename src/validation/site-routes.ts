import { globSync } from 'tinyglobby';

/**
 * The site's routes from `src/pages/`, as patterns for the link checker: `about.astro` →
 * `/about/`, `rss.xml.ts` → `/rss.xml`, `tags/[tag].astro` → `/tags/*` + `/`, and a rest
 * parameter (`[...path]`) matches anything below its folder. Post pages are checked separately.
 */
export function readSiteRoutes(pagesDir: string): string[] {
  const routes = new Set<string>();
  for (const file of globSync('**/*.{astro,md,mdx,ts,js,html}', { cwd: pagesDir })) {
    const withoutExtension = file.replace(/\.(astro|md|mdx|ts|js|html)$/, '');
    const segments = withoutExtension.split('/').filter((segment) => segment !== 'index');
    const pattern = segments.map((segment) => (segment.startsWith('[...') ? '**' : segment.startsWith('[') ? '*' : segment));
    const route = `/${pattern.join('/')}`;
    const isFile = /\.[a-z0-9]+$/i.test(withoutExtension);
    if (isFile || route === '/') routes.add(route);
    else routes.add(`${route}/`).add(route);
  }
  return [...routes];
}
