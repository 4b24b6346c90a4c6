import {
  IncludeTag,
  Liquid,
  LiquidError,
  Tag,
  TokenizationError,
  Tokenizer,
  TypeGuards,
  UndefinedVariableError,
  type Context,
  type Emitter,
  type Parser,
  type TagToken,
  type Template,
  type TopLevelToken,
} from 'liquidjs';
import { postKey } from './post-file.ts';
import { lineAtOffset, type SourceWarning } from './source-lines.ts';

/**
 * A Jekyll post's Liquid, evaluated by liquidjs the way Jekyll evaluates it, with Jekyll's tags
 * and filters:
 * - `{% post_url 2023-01-31-other %}`, `{% link _posts/2023-01-31-other.md %}` → the post's new
 *   address, `/posts/other/`; `{% link assets/file.pdf %}` → `/assets/file.pdf`;
 * - `{% highlight lang %}…{% endhighlight %}` → a fenced code block;
 * - `{% include file.html param="…" %}` → the site's `_includes/file.html`, rendered with
 *   `include.param`;
 * - `site.*` (the site's `_config.yml`), `page.*` (the post's front matter), `relative_url`,
 *   `absolute_url` and Jekyll's other filters; `{% raw %}`, `{% comment %}` and the rest of Liquid.
 * Links come out as Jekyll made them (`{{ site.baseurl }}/x` is the site's baseurl and /x):
 * links.ts turns links into the old site into Quire's addresses afterwards.
 *
 * Anything Jekyll would fail on, or that is not defined (an unknown tag, filter or variable), is
 * left exactly as the author wrote it and reported with its line.
 */

export interface LiquidContext {
  /** The new path of a post named as `{% post_url %}` does (`2023-01-31-other`), if it is imported. */
  postPath(key: string): string | undefined;
  /** Whether a path of the Jekyll site (`assets/file.pdf`) is a static file that is imported with the posts. */
  isStaticFile(sitePath: string): boolean;
  /** `site`: the site's `_config.yml`. */
  site?: Record<string, unknown>;
  /** `page`: the post's front matter, with what Jekyll adds (`url`, `date`…). */
  page?: Record<string, unknown>;
  /** The site's `_includes` folder, for `{% include %}`. */
  includesDir?: string;
}

export interface LiquidResult {
  body: string;
  /** Lines of the text given. */
  warnings: SourceWarning[];
}

/** Private-use characters around the number of a piece of text that is kept as written. */
const HELD_START = '\uE000';
const HELD_END = '\uE001';
const HELD = new RegExp(`${HELD_START}(\\d+)\\n*${HELD_END}`, 'g');

/** How many pieces one post may have left as written before the rest is given up on. */
const MAX_HELD = 500;

export function rewriteLiquid(body: string, context: LiquidContext): LiquidResult {
  const held: string[] = [];
  const errorWarnings: SourceWarning[] = [];
  let template = body;
  for (;;) {
    const tagWarnings: SourceWarning[] = [];
    const engine = jekyllLiquid(context, tagWarnings);
    try {
      const output = engine.parseAndRenderSync(template, { site: siteWithDefaults(context.site), page: context.page ?? {} });
      const warnings = [...errorWarnings, ...tagWarnings].sort((a, b) => a.line - b.line);
      return { body: output.replace(HELD, (_match: string, index: string) => held[Number(index)]!), warnings };
    } catch (error) {
      const span = failingSpan(error, template, engine);
      if (!span || held.length >= MAX_HELD) {
        errorWarnings.push({ line: 1, message: `Liquid could not be evaluated (${describeError(error)}): the whole text is left as written` });
        return { body, warnings: errorWarnings };
      }
      const text = template.slice(span.start, span.end);
      errorWarnings.push({ line: lineAtOffset(template, span.start), message: `${oneLine(text)} left as written: ${describeError(error)}` });
      // The placeholder keeps the text's line breaks, so later errors still have the right line.
      const placeholder = `${HELD_START}${held.length}${'\n'.repeat(countNewlines(text))}${HELD_END}`;
      held.push(text);
      template = template.slice(0, span.start) + placeholder + template.slice(span.end);
    }
  }
}

/** A Liquid engine with Jekyll's options, tags and filters; tags report into `warnings`. */
function jekyllLiquid(context: LiquidContext, warnings: SourceWarning[]): Liquid {
  const engine = new Liquid({
    root: context.includesDir ? [context.includesDir] : [],
    partials: context.includesDir ? [context.includesDir] : [],
    jekyllInclude: true,
    dynamicPartials: false,
    strictFilters: true,
    strictVariables: true,
    // `{% if page.mathjax %}` on a post without it is false, as in Jekyll.
    lenientIf: true,
    extname: '',
  });
  const warnAt = (token: TagToken, message: string) => warnings.push({ line: lineAtOffset(token.input, token.begin), message });
  const site = siteWithDefaults(context.site);

  engine.registerTag(
    'post_url',
    class extends Tag {
      render() {
        const name = this.token.args.trim();
        const path = context.postPath(postKey(name));
        if (path) return path;
        warnAt(this.token, `${oneLine(this.token.getText())} names no imported post: left as written`);
        return this.token.getText();
      }
    },
  );

  engine.registerTag(
    'link',
    class extends Tag {
      render() {
        const target = this.token.args.trim().replace(/^(["'])(.*)\1$/, '$2').replace(/^\/+/, '');
        if (/(^|\/)_posts\//.test(target)) {
          const path = context.postPath(postKey(target));
          if (path) return path;
          warnAt(this.token, `${oneLine(this.token.getText())} names no imported post: left as written`);
          return this.token.getText();
        }
        if (context.isStaticFile(target)) return `/${target}`;
        warnAt(this.token, `${oneLine(this.token.getText())} links to a page of the Jekyll site, which is not imported: left as written`);
        return this.token.getText();
      }
    },
  );

  engine.registerTag(
    'highlight',
    class extends Tag {
      private templates: Template[] = [];
      private end: TagToken | undefined;
      constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
        super(token, remainTokens, liquid);
        while (remainTokens.length > 0) {
          const next = remainTokens.shift()!;
          if (TypeGuards.isTagToken(next) && next.name === 'endhighlight') {
            this.end = next;
            return;
          }
          this.templates.push(parser.parseToken(next, remainTokens));
        }
        throw new Error(`tag ${token.getText()} not closed`);
      }
      *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
        const code = (yield this.liquid.renderer.renderTemplates(this.templates, ctx)) as string;
        const { input, begin } = this.token;
        const end = this.end!;
        // What follows the end tag once `-%}` has trimmed the whitespace after it.
        const rest = input.slice(end.end);
        const after = end.trimRight ? (rest.trimStart() === '' ? undefined : '\n') : rest[0];
        emitter.write(
          fencedCode(this.token.args, code, {
            before: input.slice(input.lastIndexOf('\n', begin - 1) + 1, begin),
            after,
            warn: (message) => warnAt(this.token, message),
          }),
        );
      }
    },
  );

  // Jekyll's include, which also says which include failed when the included file does.
  engine.registerTag(
    'include',
    class extends IncludeTag {
      *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
        try {
          yield* super.render(ctx, emitter);
        } catch (error) {
          throw new IncludeFailed(error);
        }
      }
    },
  );

  const relativeUrl = (input: unknown) => {
    if (input === undefined || input === null) return '';
    const text = String(input);
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(text)) return text;
    const baseurl = String(site.baseurl ?? '').replace(/\/+$/, '');
    return `${baseurl ? `/${baseurl.replace(/^\/+/, '')}` : ''}/${text.replace(/^\/+/, '')}`;
  };
  engine.registerFilter('relative_url', relativeUrl);
  engine.registerFilter('absolute_url', (input: unknown) => {
    const relative = relativeUrl(input);
    if (relative === '' || /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(relative)) return relative;
    return String(site.url ?? '').replace(/\/+$/, '') + relative;
  });
  engine.registerFilter('date_to_xmlschema', (input: unknown) => asDate(input)?.toISOString() ?? input);
  engine.registerFilter('date_to_string', (input: unknown) => formatDate(input, 'short'));
  engine.registerFilter('date_to_long_string', (input: unknown) => formatDate(input, 'long'));
  engine.registerFilter('xml_escape', (input: unknown) => escapeXml(String(input ?? '')));
  engine.registerFilter('cgi_escape', (input: unknown) => encodeURIComponent(String(input ?? '')).replace(/%20/g, '+'));
  engine.registerFilter('uri_escape', (input: unknown) => encodeURI(String(input ?? '')));
  engine.registerFilter('slugify', (input: unknown) =>
    String(input ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, ''),
  );
  engine.registerFilter('jsonify', (input: unknown) => JSON.stringify(input ?? null));
  engine.registerFilter('number_of_words', (input: unknown) => String(input ?? '').split(/\s+/).filter(Boolean).length);
  engine.registerFilter('normalize_whitespace', (input: unknown) => String(input ?? '').replace(/\s+/g, ' ').trim());
  engine.registerFilter('array_to_sentence_string', (input: unknown, connector: unknown = 'and') => {
    const items = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
    if (items.length <= 1) return items.join('');
    if (items.length === 2) return `${items[0]} ${connector} ${items[1]}`;
    return `${items.slice(0, -1).join(', ')}, ${connector} ${items.at(-1)}`;
  });
  // The post is Markdown already: its Markdown is rendered with it.
  engine.registerFilter('markdownify', (input: unknown) => String(input ?? ''));
  engine.registerFilter('smartify', (input: unknown) => String(input ?? ''));
  return engine;
}

/** Jekyll's `site.url` and `site.baseurl` are empty when `_config.yml` does not set them. */
function siteWithDefaults(site: Record<string, unknown> | undefined): Record<string, unknown> {
  return { ...site, url: site?.url ?? '', baseurl: site?.baseurl ?? '' };
}

/** Thrown by `{% include %}` when the included file fails, so the include tag is what is kept. */
class IncludeFailed extends Error {
  constructor(cause: unknown) {
    super(`the included file fails: ${describeError(cause)}`, { cause });
  }
}

/** The part of the template to keep as written so that the rest can be evaluated. */
function failingSpan(error: unknown, template: string, engine: Liquid): { start: number; end: number } | undefined {
  if (!(error instanceof LiquidError) || !error.token || error.token.input !== template) return undefined;
  const { begin, end } = error.token;
  // An unclosed `{{` or `{%`: only the opening braces are text.
  if (error instanceof TokenizationError && / not closed/.test(error.message)) return { start: begin, end: begin + 2 };
  // The whole `{{ … }}` or `{% … %}` the error is in (an undefined variable is reported alone).
  const tokens = new Tokenizer(template, engine.options.operators).readTopLevelTokens(engine.options);
  const enclosing = tokens.find((token) => !TypeGuards.isHTMLToken(token) && token.begin <= begin && begin < token.end);
  return enclosing ? { start: enclosing.begin, end: enclosing.end } : { start: begin, end: Math.max(end, begin + 1) };
}

function describeError(error: unknown): string {
  if (error instanceof IncludeFailed) return error.message;
  if (error instanceof LiquidError && error.originalError instanceof IncludeFailed) return error.originalError.message;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/, (?:file:[^,]*, )?line:\d+, col:\d+$/, '');
  if (error instanceof UndefinedVariableError) return `${message.replace(/^undefined variable: /, '')} is not defined (not in _config.yml or the front matter)`;
  const tag = /^tag "([^"]+)" not found$/.exec(message)?.[1];
  if (tag) return `Jekyll’s Liquid has no tag "${tag}" (a plugin’s?)`;
  const filter = /^undefined filter: (.+)$/.exec(message)?.[1];
  if (filter) return `Jekyll’s Liquid has no filter "${filter}" (a plugin’s?)`;
  return message.replace(/^ENOENT: Failed to lookup "([^"]+)" in .*/, 'there is no _includes/$1');
}

interface FenceSurroundings {
  /** The text on the tag's line before it. */
  before: string;
  /** The character right after `{% endhighlight %}`. */
  after: string | undefined;
  warn: (message: string) => void;
}

function fencedCode(highlightArgs: string, code: string, { before, after, warn }: FenceSurroundings): string {
  const [language = '', ...options] = highlightArgs.trim().split(/\s+/).filter(Boolean);
  if (options.length > 0) warn(`highlight options dropped (${options.join(' ')}): Quire highlights code without line numbers or marked lines`);
  // The fence goes where the tag was: indented like it inside a list, on a line of its own otherwise.
  const indent = /^[ \t]*$/.test(before) ? before : '';
  const lead = indent === before ? '' : '\n';
  const lines = code
    .replace(/^[ \t]*\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n')
    .map((line) => (line === '' || line.startsWith(indent) ? line : indent + line));
  const longestRun = Math.max(0, ...[...code.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const trail = after === undefined || after === '\n' ? '' : '\n';
  return `${lead}${fence}${language}\n${lines.join('\n')}\n${indent}${fence}${trail}`;
}

function asDate(input: unknown): Date | undefined {
  if (input instanceof Date) return input;
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  const date = new Date(typeof input === 'string' ? input.replace(' ', 'T').replace(/ ([+-]\d{2}):?(\d{2})$/, '$1:$2') : input);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Jekyll's `date_to_string` (`07 Nov 2008`) and `date_to_long_string` (`07 November 2008`). */
function formatDate(input: unknown, style: 'short' | 'long'): unknown {
  const date = asDate(input);
  if (!date) return input;
  const month = MONTHS[date.getUTCMonth()]!;
  return `${String(date.getUTCDate()).padStart(2, '0')} ${style === 'short' ? month.slice(0, 3) : month} ${date.getUTCFullYear()}`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function countNewlines(text: string): number {
  let count = 0;
  for (const character of text) if (character === '\n') count += 1;
  return count;
}

function oneLine(token: string): string {
  const flat = token.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
}
