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
  /**
   * How essays cite their sources: `numeric` (`[1]`, a numbered list in citing order) or
   * `author-year` (`(Vaswani et al., 2017)`, a list in author order). An essay's
   * `citationStyle:` overrides it.
   */
  citationStyle: 'numeric' | 'author-year';
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
  citationStyle: 'numeric',
};

/**
 * The site-wide bibliography, relative to the project: each of these files that exists is read
 * for every essay (BibTeX or CSL-JSON), beside each essay's own `bibliography:`.
 */
export const SITE_BIBLIOGRAPHY_FILES = ['content/references.bib', 'content/references.json'] as const;

/** What the citation plugin needs from the site: its style, and its bibliography files as absolute paths under `root`. */
export function siteCitations(root: string): { style: SiteConfig['citationStyle']; bibliography: string[] } {
  const folder = root.replace(/[\\/]+$/, '');
  return { style: site.citationStyle, bibliography: SITE_BIBLIOGRAPHY_FILES.map((file) => `${folder}/${file}`) };
}
