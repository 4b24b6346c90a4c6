import { mapProse } from './code-fences.ts';
import { lineAtOffset, type SourceWarning } from './source-lines.ts';

/**
 * Links and images inside the imported text, once the Liquid is gone:
 * - a link to a post's old Jekyll URL (`/2023/01/31/other.html`, also with Jekyll's `url` or
 *   `baseurl` in front) goes straight to its new address, `/posts/other/`;
 * - a link to a file of the Jekyll site (`/assets/img.png`) is kept, and the file is listed
 *   so that it can be copied to where Quire serves it;
 * - any other link from the site root points to something the import does not bring along
 *   (a page such as `/about/`): it is left as it is and reported.
 * Spaces around an address, and line breaks inside an HTML attribute's address, are removed, as
 * a browser ignores them (`src="/assets/x.png "`, `(/img/a.png )`).
 */

export interface LinkContext {
  /** A post's new path (`/posts/other/`) for one of its old URLs (`/2023/01/31/other.html`). */
  newPathForOldUrl(path: string): string | undefined;
  /** Whether a path is a post's new address (`/posts/other/`). */
  isNewPostPath(path: string): boolean;
  /** Whether a path of the Jekyll site (`assets/img.png`, no leading slash) is a file to copy. */
  isStaticFile(sitePath: string): boolean;
  /** Jekyll's `url` from `_config.yml` (`https://me.github.io`): absolute links to it are internal. */
  siteUrl?: string;
  /** Jekyll's `baseurl` (`/blog`): links that start with it are internal. */
  baseurl?: string;
}

export interface LinkResult {
  body: string;
  /** Site paths of the files the post uses (`assets/img.png`). */
  files: string[];
  /** Lines of the text given. */
  warnings: SourceWarning[];
}

/** `](url`, `[id]: url` and `src="url"` (also href, poster), in one pass so that offsets stay true. */
const LINK = new RegExp(
  [
    String.raw`(\]\()[ \t]*(<?)([^\s)>]+)(>?)(?:[ \t]+(?=\)))?`,
    String.raw`^([ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?)([^\s>]+)`,
    String.raw`(\b(?:href|src|poster)\s*=\s*)(["'])([^"'\n]*(?:\n[^"'\n]*)?)\8`,
  ].join('|'),
  'gm',
);

export function rewriteSiteLinks(markdown: string, context: LinkContext): LinkResult {
  const files = new Set<string>();
  const warnings: SourceWarning[] = [];
  const body = mapProse(markdown, (prose, firstLine) => {
    let line = 0;
    const mapUrl = (url: string) => {
      const mapped = mapSiteUrl(url, context);
      if (mapped.file) files.add(mapped.file);
      if (mapped.warning) warnings.push({ line, message: mapped.warning });
      return mapped.url;
    };
    return joinSpacedBases(prose, context).replace(
      LINK,
      (
        _match: string,
        inlineLead: string | undefined,
        open: string,
        inlineUrl: string,
        close: string,
        definitionLead: string | undefined,
        definitionUrl: string,
        attributeLead: string | undefined,
        quote: string,
        attributeUrl: string,
        offset: number,
      ) => {
        line = firstLine + lineAtOffset(prose, offset) - 1;
        if (inlineLead !== undefined) return `${inlineLead}${open}${mapUrl(inlineUrl)}${close}`;
        if (definitionLead !== undefined) return definitionLead + mapUrl(definitionUrl);
        return `${attributeLead}${quote}${mapUrl(attributeUrl.replace(/[\t\n\r]/g, '').trim())}${quote}`;
      },
    );
  });
  return { body, files: [...files], warnings };
}

interface MappedUrl {
  url: string;
  file?: string;
  warning?: string;
}

/**
 * `({{ site.baseurl}} {% post_url x %})`: Liquid left a space between the site's base and the
 * post's path, which Jekyll's kramdown forgave and CommonMark does not (the link is text). A
 * link destination that is the base (`/`, `baseurl` or the site's URL), spaces, then a site
 * path is that path under that base.
 */
export function joinSpacedBases(prose: string, context: Pick<LinkContext, 'baseurl' | 'siteUrl'>): string {
  const bases = new Set(['', context.baseurl, context.siteUrl, `${context.siteUrl ?? ''}${context.baseurl ?? ''}`].map((base) => (base ?? '').replace(/\/+$/, '')));
  return prose.replace(/(\]\()[ \t]*(\S+?)[ \t]+(\/[^\s)]*\))/g, (whole, open: string, base: string, path: string) =>
    bases.has(base.replace(/\/+$/, '')) ? `${open}${base.replace(/\/+$/, '')}${path}` : whole,
  );
}

function mapSiteUrl(url: string, context: LinkContext): MappedUrl {
  let rest = url;
  const siteUrl = context.siteUrl?.replace(/\/+$/, '');
  if (siteUrl && (rest === siteUrl || rest.startsWith(`${siteUrl}/`))) rest = rest.slice(siteUrl.length) || '/';
  else if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(rest)) return { url };
  if (!rest.startsWith('/')) return { url };

  const baseurl = context.baseurl?.replace(/\/+$/, '');
  if (baseurl && (rest === baseurl || rest.startsWith(`${baseurl}/`))) rest = rest.slice(baseurl.length) || '/';

  const split = /^([^?#]*)(.*)$/.exec(rest)!;
  const pathname = safeDecode(split[1]!);
  const suffix = split[2]!;

  const newPath = oldUrlVariants(pathname).map((variant) => context.newPathForOldUrl(variant)).find(Boolean);
  if (newPath) return { url: newPath + suffix.replace(/^\?[^#]*/, '') };
  if (pathname === '/' || context.isNewPostPath(pathname)) return { url: rest };
  const sitePath = pathname.replace(/^\/+/, '');
  if (context.isStaticFile(sitePath)) return { url: rest, file: sitePath };
  return { url, warning: `link "${url}" points to no imported post and no file of the Jekyll site: left as it is` };
}

/** The ways one Jekyll page is linked to: `/a/b.html`, `/a/b`, `/a/b/`, `/a/b/index.html`. */
function oldUrlVariants(pathname: string): string[] {
  const variants = [pathname];
  if (pathname.endsWith('/index.html')) variants.push(pathname.slice(0, -'index.html'.length));
  if (pathname.endsWith('.html')) variants.push(pathname.slice(0, -'.html'.length));
  else if (pathname.endsWith('/')) variants.push(`${pathname}index.html`, pathname.slice(0, -1), `${pathname.slice(0, -1)}.html`);
  else variants.push(`${pathname}.html`, `${pathname}/`);
  return variants;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
