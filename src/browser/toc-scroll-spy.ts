/**
 * Progressive enhancement for the table of contents: marks the section being read with
 * `aria-current="location"`. Without JavaScript the TOC is still a complete list of links.
 */
export function enhanceTableOfContents(): void {
  const toc = document.querySelector<HTMLElement>('[data-toc]');
  if (!toc) return;
  const links = new Map<string, HTMLAnchorElement>();
  for (const link of toc.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
    links.set(decodeURIComponent(link.hash.slice(1)), link);
  }
  const headings = [...links.keys()]
    .map((id) => document.getElementById(id))
    .filter((heading): heading is HTMLElement => heading !== null);
  if (headings.length === 0) return;

  const markCurrent = () => {
    // The current section is the last heading above the reading line (a third down the screen).
    const line = window.innerHeight / 3;
    let current = headings[0]!;
    for (const heading of headings) {
      if (heading.getBoundingClientRect().top <= line) current = heading;
      else break;
    }
    for (const [id, link] of links) {
      if (id === current.id) link.setAttribute('aria-current', 'location');
      else link.removeAttribute('aria-current');
    }
  };
  // A heading crossing the reading line is the signal to look again; the position check decides,
  // so a jump of many sections at once (a TOC click) still lands on the right entry.
  const observer = new IntersectionObserver(markCurrent, { rootMargin: '0px 0px -66% 0px' });
  for (const heading of headings) observer.observe(heading);
  // Crossings alone can leave a stale mark: a smooth scroll may stop with the heading between the
  // observer's edge and the reading line, and a jump (End, a dragged scrollbar) can skip every
  // heading. Where scrolling comes to rest decides too.
  window.addEventListener('scrollend', markCurrent, { passive: true });
  markCurrent();
}
