import type { LoaderContext } from 'astro/loaders';

type Logger = LoaderContext['logger'];

/**
 * Astro's glob loader catches an essay that fails to render (a remark or rehype plugin threw,
 * say for a citation of an unknown reference), logs it and stores the essay with no HTML, so a
 * build would go on to publish an empty page. This logger keeps those messages instead, worded
 * for the author, so that the posts loader can stop a production build with them. Everything
 * else, and every message in `astro dev`, goes to Astro's logger as before.
 */
export function collectRenderErrors(logger: Logger, { keep }: { keep: boolean }): { logger: Logger; errors: string[] } {
  const errors: string[] = [];
  const collecting = new Proxy(logger, {
    get(target, property, receiver) {
      if (property !== 'error' || !keep) return Reflect.get(target, property, receiver);
      return (message: string) => {
        const reason = renderFailure(message);
        if (reason === undefined) target.error(message);
        else errors.push(reason);
      };
    },
  });
  return { logger: collecting, errors };
}

/**
 * The author's part of Astro's `Error rendering x.md: Failed to parse Markdown file "…":\n<reason>`,
 * or undefined for any other message.
 */
export function renderFailure(message: string): string | undefined {
  const match = /^Error rendering (.+?): (?:Failed to parse Markdown file "[^"]*":\n)?([\s\S]*)$/.exec(message);
  if (!match) return undefined;
  const [, entry, reason] = match;
  // Quire's plugins start their messages with `file:line:column`; anything else gets the entry.
  return /^\S+:\d+:\d+\s/.test(reason!) ? reason!.trim() : `${entry}: ${reason!.trim()}`;
}
