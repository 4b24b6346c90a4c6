/**
 * Everything site-wide that an owner edits. URL and base path can be overridden from the
 * environment, so one checkout deploys to a domain root or to a sub-path such as `/blog/`.
 */
export interface SiteConfig {
  title: string;
  description: string;
  author: string;
  /** Absolute origin the site is served from, used for canonical URLs and feeds. */
  url: string;
  /** Path prefix on that origin, always starting and ending with `/`. */
  base: string;
  lang: string;
}

function normaliseBase(base: string): string {
  const trimmed = base.trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

export const site: SiteConfig = {
  title: 'Quire',
  description: 'Long-form essays on machine learning, research and the craft of shipping it.',
  author: 'The Quire authors',
  url: process.env.SITE_URL ?? 'https://quire.example.com',
  base: normaliseBase(process.env.BASE_PATH ?? '/'),
  lang: 'en',
};
