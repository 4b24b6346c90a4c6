/**
 * The search page's behaviour: queries the static Pagefind index in the browser (no server),
 * shows results as a list of links, and keeps the query in the address (`?q=`) so a search can
 * be bookmarked or shared.
 */
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface Pagefind {
  options(options: { baseUrl: string }): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
}

const MAX_RESULTS = 20;

/**
 * `import()` of a URL that exists only in the built site (Pagefind writes it after Astro's
 * build), kept out of sight of the bundler: Vite wraps a visible `import()` in a preload helper
 * that is left undefined when Astro inlines this small script into the page.
 */
const importAtRuntime = new Function('url', 'return import(url)') as (url: string) => Promise<Pagefind>;

export function enhanceSearchPage(base: string): void {
  const form = document.querySelector<HTMLFormElement>('[data-search-form]');
  const input = form?.querySelector<HTMLInputElement>('input[type="search"]');
  const status = document.querySelector<HTMLElement>('[data-search-status]');
  const list = document.querySelector<HTMLOListElement>('[data-search-results]');
  if (!form || !input || !status || !list) return;

  let pagefind: Promise<Pagefind> | undefined;
  const loadPagefind = () =>
    (pagefind ??= importAtRuntime(`${base}pagefind/pagefind.js`).then(async (module) => {
      await module.options({ baseUrl: base });
      return module;
    }));

  let latest = 0;
  const run = async (query: string) => {
    const ticket = ++latest;
    const trimmed = query.trim();
    const url = new URL(location.href);
    if (trimmed) url.searchParams.set('q', trimmed);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    if (!trimmed) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    const search = await (await loadPagefind()).search(trimmed);
    const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
    if (ticket !== latest) return;
    list.replaceChildren(...results.map(resultItem));
    const count = search.results.length;
    status.textContent = count === 0 ? `No essays match “${trimmed}”.` : `${count} ${count === 1 ? 'essay matches' : 'essays match'} “${trimmed}”.`;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(input.value);
  });
  let timer: number | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void run(input.value), 200);
  });
  const initial = new URL(location.href).searchParams.get('q');
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}

function resultItem(result: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = result.url;
  link.textContent = result.meta.title ?? result.url;
  const excerpt = document.createElement('p');
  // Pagefind marks matches with <mark>; build those as elements rather than trusting HTML.
  for (const [index, part] of result.excerpt.split(/<\/?mark>/).entries()) {
    const text = document.createTextNode(decodeEntities(part));
    if (index % 2 === 1) {
      const mark = document.createElement('mark');
      mark.append(text);
      excerpt.append(mark);
    } else {
      excerpt.append(text);
    }
  }
  item.append(link, excerpt);
  return item;
}

function decodeEntities(text: string): string {
  return new DOMParser().parseFromString(`<!doctype html><body>${text}`, 'text/html').body.textContent ?? '';
}
