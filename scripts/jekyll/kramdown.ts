import { mapProse } from './code-fences.ts';

/**
 * Removes kramdown's markup that CommonMark would print as text: attribute lists on their own
 * line (`{: .class}`, `{:.no_toc}`), the `{:toc}` marker with the list item it replaces
 * (Quire builds its own table of contents), attribute lists after an element
 * (`![x](y.png){: .center}`), heading ids (`## Title {#id}`), `{::options /}` and
 * `{::comment}` blocks. Code blocks are left alone. Ids that disappear are reported: links to
 * them need the heading's new id.
 */
export function removeKramdownMarkup(markdown: string): { body: string; warnings: string[] } {
  const warnings: string[] = [];
  const reportIds = (attributes: string) => {
    for (const [, id] of attributes.matchAll(/#([\w:.-]+)/g)) {
      warnings.push(`removed the kramdown id "${id}": a link to #${id} needs the heading's id in Quire (GitHub style, from its text)`);
    }
  };

  const body = mapProse(markdown, (prose) => {
    let text = prose
      .replace(/\{::comment\}[\s\S]*?\{:\/(?:comment)?\}\n?/g, '')
      .replace(/\{::options\b[^}]*\/\}\n?/g, '')
      .replace(/\{::nomarkdown\}|\{:\/nomarkdown\}/g, '');

    // `* TOC` or `1. this list is replaced` followed by `{:toc}`: both go.
    text = text.replace(/^[ \t]*(?:[*+-]|\d+\.)[ \t]+[^\n]*\n[ \t]*\{:[ \t]*toc[ \t]*\}[ \t]*(?:\n|$)/gm, '');
    text = text.replace(/^(#{1,6}[ \t].*?)[ \t]*\{#([^}\s]+)\}[ \t]*$/gm, (_line, heading: string, id: string) => {
      reportIds(`#${id}`);
      return heading;
    });
    text = text.replace(/^[ \t]*\{:([^}\n]*)\}[ \t]*(?:\n|$)/gm, (_line, attributes: string) => {
      reportIds(attributes);
      return '';
    });
    text = text.replace(/[ \t]*\{:((?:[ \t]|[.#]|[\w-]+=)[^}\n]*)\}/g, (_attributes, attributes: string) => {
      reportIds(attributes);
      return '';
    });
    return text;
  });
  return { body, warnings };
}
