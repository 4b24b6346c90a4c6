import { readArgument, readComment, readControlSequence, readGroup, readOptionalArgument, skipSpaces, withoutBraces } from './tex-scanner.ts';

/**
 * TeX that MathJax accepts and KaTeX rejects, rewritten into TeX KaTeX accepts, where the
 * meaning is certain. Blogs written for MathJax use these; the rewrites are the ones found in
 * real Jekyll blogs (and the obvious siblings of each):
 *
 * - a command as a bare sub/superscript, with its arguments: `\tau_\max` → `\tau_{\max}`,
 *   `Q^\vec{\mu}` → `Q^{\vec{\mu}}` (MathJax scripts the command's whole result; KaTeX only
 *   takes a single symbol or group there);
 * - `_ & # % ^` typed as text inside `\text{…}` and its kin: `\text{style_fwd}` →
 *   `\text{style\_fwd}` (MathJax reads a text argument as plain text; KaTeX as TeX);
 * - plain TeX's `\matrix{a & b \cr c & d}` and `\pmatrix{…}` → the `matrix` environments (not
 *   `\cases{…}`, whose second column plain TeX sets as text and KaTeX's `cases` as math);
 * - `\require{cancel}`, MathJax's extension loader → nothing (KaTeX has them built in);
 * - `\DeclareMathOperator{\op}{text}` → `\gdef\op{\operatorname{text}}`;
 * - `\newcommand` and `\renewcommand` → `\gdef`: MathJax lets either (re)define any command,
 *   KaTeX refuses `\newcommand{\R}` (it has its own `\R`) and `\renewcommand` of a new name;
 * - `\mbox{…}` → `\text{…}` (the same box in MathJax; KaTeX has no `\mbox`);
 * - `^\*` and `_\*` → `^*`, `_*`: TeX's `\*` is an invisible discretionary times sign, which
 *   nobody sets as a script on its own; there it is always Markdown's escape of a star, written
 *   for a Jekyll site whose `$…$` was Markdown text before MathJax read it.
 *
 * Pure, and meant for TeX KaTeX has just refused: TeX that renders is never rewritten.
 */
export function normaliseTex(tex: string): string {
  return REWRITES.reduce((text, rewrite) => rewriteEach(text, rewrite), tex);
}

/** Replaces what starts at `at`, or leaves it (undefined). */
type Rewrite = (tex: string, at: number) => { end: number; text: string } | undefined;

/** Walks the TeX once, offering the rewrite every position outside comments and command names. */
function rewriteEach(tex: string, rewrite: Rewrite): string {
  let out = '';
  let at = 0;
  while (at < tex.length) {
    const replaced = rewrite(tex, at);
    if (replaced) {
      out += replaced.text;
      at = replaced.end;
      continue;
    }
    const end = tex[at] === '\\' ? readControlSequence(tex, at) : tex[at] === '%' ? readComment(tex, at) : at + 1;
    out += tex.slice(at, end);
    at = end;
  }
  return out;
}

/** How many arguments the commands that KaTeX refuses as a bare script take. */
const SCRIPTABLE_COMMAND_ARGUMENTS = new Map<string, number>([
  ...words('arccos arcsin arctan arg cos cosh cot coth csc deg det dim exp gcd hom inf ker lg lim liminf limsup ln log max min Pr sec sin sinh sup tan tanh', 0),
  ...words('sum prod coprod int iint iiint oint bigcup bigcap bigvee bigwedge bigoplus bigotimes bigodot biguplus bigsqcup', 0),
  ...words('vec hat bar tilde dot ddot dddot acute grave breve check mathring widehat widetilde overline underline', 1),
  ...words('overrightarrow overleftarrow overleftrightarrow underrightarrow underleftarrow overbrace underbrace', 1),
  ...words('boldsymbol bm pmb sqrt operatorname boxed cancel bcancel xcancel phantom hphantom vphantom', 1),
  ...words('mathop mathbin mathrel mathord mathopen mathclose mathpunct mathinner', 1),
  ...words('frac dfrac tfrac cfrac binom dbinom tbinom overset underset stackrel textcolor', 2),
]);

/** `x_\max` → `x_{\max}`, `Q^\vec{\mu}` → `Q^{\vec{\mu}}`. */
const bracedScriptCommands: Rewrite = (tex, at) => {
  if (tex[at] !== '_' && tex[at] !== '^') return undefined;
  const start = skipSpaces(tex, at + 1);
  if (tex[start] !== '\\') return undefined;
  let end = readControlSequence(tex, start);
  const name = tex.slice(start + 1, end);
  const argumentCount = SCRIPTABLE_COMMAND_ARGUMENTS.get(name);
  if (argumentCount === undefined) return undefined;
  if (name === 'operatorname' && tex[end] === '*') end++;
  if (name === 'sqrt') end = readOptionalArgument(tex, end);
  for (let n = 0; n < argumentCount && end !== -1; n++) end = readArgument(tex, end);
  if (end === -1) return undefined;
  return { end, text: `${tex[at]}{${normaliseTex(tex.slice(start, end))}}` };
};

/** `^\*` → `^*` (see the module's comment). */
const starScripts: Rewrite = (tex, at) => {
  if (tex[at] !== '_' && tex[at] !== '^') return undefined;
  const start = skipSpaces(tex, at + 1);
  if (tex.slice(start, start + 2) !== '\\*') return undefined;
  return { end: start + 2, text: `${tex[at]}*` };
};

const TEXT_COMMANDS = new Set('text textrm textbf textit textsf texttt textnormal textup textmd mbox hbox'.split(' '));

/** `\text{a_b & c}` → `\text{a\_b \& c}`; `\mbox{…}` → `\text{…}`. */
const textArguments: Rewrite = (tex, at) => {
  if (tex[at] !== '\\') return undefined;
  const nameEnd = readControlSequence(tex, at);
  const name = tex.slice(at + 1, nameEnd);
  if (!TEXT_COMMANDS.has(name)) return undefined;
  const open = skipSpaces(tex, nameEnd);
  if (tex[open] !== '{') return undefined;
  const end = readGroup(tex, open);
  if (end === -1) return undefined;
  const command = name === 'mbox' ? '\\text' : tex.slice(at, nameEnd);
  return { end, text: `${command}{${escapeTextSpecials(tex.slice(open + 1, end - 1))}}` };
};

const TEXT_SPECIALS: Record<string, string> = { _: '\\_', '&': '\\&', '#': '\\#', '%': '\\%', '^': '\\textasciicircum{}' };

/**
 * Text as MathJax shows it, in the TeX KaTeX needs for it; `$…$` math inside is left alone, and
 * so is a macro parameter (`#1`, `##`): `\newcommand{\unit}[1]{\text{#1}}` means the argument.
 */
function escapeTextSpecials(text: string): string {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    let end = at + 1;
    if (char === '\\') end = readControlSequence(text, at);
    else if (char === '$') end = closingDollar(text, at) ?? end;
    else if (char === '#' && /[1-9#]/.test(text[at + 1] ?? '')) end = at + 2;
    out += end === at + 1 ? (TEXT_SPECIALS[char] ?? char) : text.slice(at, end);
    at = end;
  }
  return out;
}

function closingDollar(text: string, open: number): number | undefined {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '$') return i + 1;
  }
  return undefined;
}

const PLAIN_TEX_MATRICES: Record<string, string> = { matrix: 'matrix', pmatrix: 'pmatrix' };

/** `\matrix{a & b \cr c & d}` → `\begin{matrix}a & b \cr c & d\end{matrix}`; `\pmatrix` alike. */
const plainTexMatrices: Rewrite = (tex, at) => {
  if (tex[at] !== '\\') return undefined;
  const nameEnd = readControlSequence(tex, at);
  const environment = PLAIN_TEX_MATRICES[tex.slice(at + 1, nameEnd)];
  if (!environment) return undefined;
  const open = skipSpaces(tex, nameEnd);
  if (tex[open] !== '{') return undefined;
  const end = readGroup(tex, open);
  if (end === -1) return undefined;
  return { end, text: `\\begin{${environment}}${normaliseTex(tex.slice(open + 1, end - 1))}\\end{${environment}}` };
};

/** `\require{cancel}` → nothing. */
const requireExtension: Rewrite = (tex, at) => {
  if (!tex.startsWith('\\require', at) || /[a-zA-Z]/.test(tex[at + 8] ?? '')) return undefined;
  const end = readArgument(tex, at + 8);
  return end === -1 ? undefined : { end, text: '' };
};

/** `\DeclareMathOperator*{\argmax}{arg\,max}` → `\gdef\argmax{\operatorname*{arg\,max}}`. */
const declareMathOperator: Rewrite = (tex, at) => {
  const command = '\\DeclareMathOperator';
  if (!tex.startsWith(command, at) || /[a-zA-Z]/.test(tex[at + command.length] ?? '')) return undefined;
  let end = skipSpaces(tex, at + command.length);
  const star = tex[end] === '*' ? '*' : '';
  if (star) end++;
  const nameStart = end;
  end = readArgument(tex, end);
  if (end === -1) return undefined;
  const name = withoutBraces(tex.slice(nameStart, end));
  const bodyStart = end;
  end = readArgument(tex, end);
  if (end === -1 || !/^\\[a-zA-Z]+$/.test(name)) return undefined;
  return { end, text: `\\gdef${name}{\\operatorname${star}{${withoutBraces(tex.slice(bodyStart, end))}}}` };
};

/** `\newcommand{\R}[1]{\mathbb{R}^{#1}}` → `\gdef\R#1{\mathbb{R}^{#1}}`; a default argument is left. */
const newcommandAsGdef: Rewrite = (tex, at) => {
  if (tex[at] !== '\\') return undefined;
  const nameEnd = readControlSequence(tex, at);
  const command = tex.slice(at + 1, nameEnd);
  if (command !== 'newcommand' && command !== 'renewcommand') return undefined;
  let end = skipSpaces(tex, nameEnd);
  if (tex[end] === '*') end++;
  const nameStart = end;
  end = readArgument(tex, end);
  if (end === -1) return undefined;
  const name = withoutBraces(tex.slice(nameStart, end));
  if (!/^\\([a-zA-Z]+|[^a-zA-Z])$/.test(name)) return undefined;
  let parameters = '';
  const countEnd = readOptionalArgument(tex, end);
  if (countEnd === -1) return undefined;
  if (countEnd !== end) {
    const count = Number(tex.slice(skipSpaces(tex, end) + 1, countEnd - 1).trim());
    if (!Number.isInteger(count) || count < 0 || count > 9) return undefined;
    if (readOptionalArgument(tex, countEnd) !== countEnd) return undefined;
    parameters = Array.from({ length: count }, (_, index) => `#${index + 1}`).join('');
    end = countEnd;
  }
  const bodyStart = skipSpaces(tex, end);
  if (tex[bodyStart] !== '{') return undefined;
  end = readGroup(tex, bodyStart);
  if (end === -1) return undefined;
  return { end, text: `\\gdef${name}${parameters}${tex.slice(bodyStart, end)}` };
};

const REWRITES: Rewrite[] = [
  requireExtension,
  declareMathOperator,
  newcommandAsGdef,
  plainTexMatrices,
  textArguments,
  starScripts,
  bracedScriptCommands,
];

function words(list: string, argumentCount: number): [string, number][] {
  return list.split(' ').map((name) => [name, argumentCount]);
}
