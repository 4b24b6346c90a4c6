/**
 * Every internal URL goes through here, so a site deployed under a sub-path (`/blog/`) works
 * without a single hand-written prefix.
 */
export function pathWithBase(path: string, base: string = import.meta.env.BASE_URL): string {
  const trimmedBase = base.replace(/\/+$/, '');
  const trimmedPath = path.replace(/^\/+/, '');
  return `${trimmedBase}/${trimmedPath}`;
}

export function postPath(slug: string): string {
  return pathWithBase(`posts/${slug}/`);
}
