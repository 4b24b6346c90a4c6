import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Code, Data, Node, Parent, Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { ElementContent, Properties } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import {
  DATA_FILES_KEY,
  DataFileError,
  dataFormatOf,
  dataTableElement,
  parseDataFile,
  publishedDataFileName,
  RESERVED_DATA_FILE_NAMES,
  type DataTableSpec,
  type PublishedDataFile,
} from '../../essays/data-tables.ts';
import { formatProblem } from '../../diagnostics.ts';
import { recordDependency } from '../dependencies.ts';
import { sourceLocation } from '../source-location.ts';

/** A data table in mdast: it becomes its HTML through `data.hName`/`hProperties`/`hChildren`. */
export interface DataTableNode extends Node {
  type: 'dataTable';
  data: Data & { hName: string; hProperties: Properties; hChildren: ElementContent[] };
}

declare module 'mdast' {
  interface RootContentMap {
    dataTable: DataTableNode;
  }
}

/** The MDX component's name, as `import { DataTable } from '@essay'` brings it in. */
export const DATA_TABLE_COMPONENT = 'DataTable';

/** The prop through which this plugin hands `<DataTable>` the data it read (src/components/essay/DataTable.astro). */
export const RESOLVED_PROP = 'resolved';

/**
 * Tables from a CSV or JSON file beside the essay:
 *
 *     ```table src="./results.csv" caption="Accuracy by model size"
 *     ```
 *
 * in Markdown (and MDX), and `<DataTable src="./results.csv" caption="…" />` in MDX. The file is
 * read here, at build time (src/essays/data-tables.ts parses and types it): the fenced block
 * becomes the table's HTML; the component is handed the parsed data as a prop and renders the same
 * HTML. Each data file is listed in the essay's remark front matter (`dataFiles`), from which its
 * page publishes it beside itself for the table's download link (src/pages/posts/[slug]/), and
 * recorded as a dependency of the essay's render (src/markdown/dependencies.ts). A missing or
 * unreadable file, a ragged row, or an option the block does not know stops the build with the
 * essay's line and the data file's.
 */
export default function remarkDataTables() {
  return (tree: Root, file: VFile) => {
    const published = new Map<string, PublishedDataFile>();

    const read = (node: Node, syntax: string, src: string | undefined): Omit<DataTableSpec, 'caption'> => {
      const fail = (message: string): never => failAt(file, node, `${syntax}: ${message}`);
      if (!src?.trim()) fail('`src` names no data file: give the path of a CSV or JSON file beside the essay (`src="./results.csv"`)');
      const written = src!.trim();
      if (/^[a-z][a-z0-9+.-]*:/i.test(written) || written.startsWith('/')) fail(`\`src="${written}"\` is not a path beside the essay: write it relative to the essay (\`./results.csv\`)`);
      if (!file.path) fail('the essay has no file, so a data file cannot be found beside it');
      const folder = path.dirname(file.path);
      const absolute = path.resolve(folder, written);
      const relative = path.relative(folder, absolute);
      if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) fail(`\`src="${written}"\` is outside the essay's folder: a data table's file is published with the essay, so keep it beside it`);
      const shown = path.relative(file.cwd, absolute).split(path.sep).join('/');
      const format = dataFormatOf(absolute);
      if (!format) fail(`${shown} is neither .csv nor .json: a data table reads CSV or JSON`);
      let bytes: Buffer;
      try {
        bytes = readFileSync(absolute);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return fail(code === 'ENOENT' ? `its data file ${shown} does not exist` : `its data file ${shown} cannot be read (${code ?? String(error)})`);
      }
      const dependency = recordDependency(file, absolute, bytes);
      let text = '';
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        fail(`${shown} is not UTF-8 text: save it as UTF-8`);
      }
      let data;
      try {
        data = parseDataFile(text, format!);
      } catch (error) {
        if (!(error instanceof DataFileError)) throw error;
        fail(`${shown}${error.line ? `:${error.line}` : ''}: ${error.message}`);
      }
      const name = publishedDataFileName(absolute, format!);
      const source = relative.split(path.sep).join('/');
      if (RESERVED_DATA_FILE_NAMES.has(name)) fail(`${shown} would be published as ${name}, which the essay's page already has: rename the file`);
      const clash = published.get(name);
      if (clash && clash.src !== source) fail(`${shown} would be published as ${name}, as ${clash.src} already is: rename one of them`);
      published.set(name, { name, src: source, sha256: dependency.sha256 });
      return { data: data!, format: format!, href: encodeURIComponent(name) };
    };

    visit(tree, (node, index, parent: Parent | undefined) => {
      if (node.type === 'code' && (node as Code).lang === 'table' && parent && index !== undefined) {
        const code = node as Code;
        const fail = (message: string): never => failAt(file, node, `\`\`\`table: ${message}`);
        const options = blockOptions(code.meta ?? '', fail);
        if (code.value.trim()) fail('the block takes its data from the file `src` names; leave its body empty');
        const element = dataTableElement({ ...read(node, '```table', options.src), caption: options.caption });
        const table: DataTableNode = {
          type: 'dataTable',
          position: node.position,
          data: { hName: element.tagName, hProperties: element.properties, hChildren: element.children },
        };
        parent.children[index] = table as unknown as Parent['children'][number];
        return SKIP;
      }
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && (node as MdxJsxFlowElement).name === DATA_TABLE_COMPONENT) {
        const element = node as MdxJsxFlowElement | MdxJsxTextElement;
        const syntax = `<${DATA_TABLE_COMPONENT}>`;
        const attribute = (name: string) => element.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
        const src = attribute('src');
        if (src && typeof src.value !== 'string') failAt(file, node, `${syntax}: write \`src\` as a quoted path (\`src="./results.csv"\`), not an expression`);
        if (attribute(RESOLVED_PROP)) failAt(file, node, `${syntax}: \`${RESOLVED_PROP}\` is filled in from \`src\`; remove it`);
        if (element.children.length > 0) failAt(file, node, `${syntax}: it takes no content; give the caption as \`caption="…"\``);
        const spec = read(node, syntax, src?.value as string | undefined);
        element.attributes.push({ type: 'mdxJsxAttribute', name: RESOLVED_PROP, value: JSON.stringify(spec) });
        return SKIP;
      }
    });

    if (published.size === 0) return;
    const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
    data.astro ??= {};
    data.astro.frontmatter ??= {};
    data.astro.frontmatter[DATA_FILES_KEY] = [...published.values()];
  };
}

/** `src="./results.csv" caption='Results, 2024'`: the block's options; anything else is an error. */
function blockOptions(meta: string, fail: (message: string) => never): { src?: string; caption?: string } {
  const options: Record<string, string> = {};
  const pattern = /([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))|(\S+)/g;
  for (const match of meta.matchAll(pattern)) {
    const [, key, double, single, bare, stray] = match;
    if (stray !== undefined) fail(`\`${stray}\` is not an option: write \`src="./results.csv"\` and, if you like, \`caption="…"\``);
    if (key !== 'src' && key !== 'caption') fail(`\`${key}\` is not an option of a table block (it takes \`src\` and \`caption\`)`);
    if (key! in options) fail(`\`${key}\` is given twice`);
    options[key!] = double ?? single ?? bare ?? '';
  }
  return options;
}

function failAt(file: VFile, node: Node, message: string): never {
  const { file: name, point } = sourceLocation(file, node.position?.start);
  return file.fail(point ? formatProblem({ file: name, ...point, severity: 'error', message }) : `${name}: ${message}`, {
    place: point,
    ruleId: 'data-table',
    source: 'remark-data-tables',
  });
}
