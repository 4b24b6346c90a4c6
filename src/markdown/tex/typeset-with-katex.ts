import katex, { type KatexOptions } from 'katex';

/** The essay's macros: KaTeX adds each top-level `\newcommand`, `\def` or `\gdef` to it. */
export type KatexMacros = NonNullable<KatexOptions['macros']>;

export type KatexResult =
  | {
      ok: true;
      /** KaTeX's markup, exactly as rehype-katex (`output: 'htmlAndMathml'`) would insert it. */
      html: string;
      /** What KaTeX would have printed to the console: strict-mode remarks, missing metrics. */
      warnings: string[];
    }
  | { ok: false; reason: string };

/**
 * Typesets one expression with the options rehype-katex used (`output: 'htmlAndMathml'`,
 * `throwOnError`), so the markup is byte for byte what it was, plus the essay's shared `macros`
 * in the global group, so a definition in one expression serves the expressions after it.
 *
 * KaTeX reports LaTeX-incompatible input (strict mode) and glyphs without metrics on the
 * console, where nobody can tell which essay they came from; here they are returned instead.
 */
export function typesetWithKatex(tex: string, options: { displayMode: boolean; macros: KatexMacros }): KatexResult {
  const warnings: string[] = [];
  const restoreConsole = captureConsole(warnings);
  try {
    const html = katex.renderToString(tex, {
      output: 'htmlAndMathml',
      displayMode: options.displayMode,
      throwOnError: true,
      macros: options.macros,
      globalGroup: true,
      strict: (code: string, message: string) => {
        warnings.push(`${message} [${code}]`);
        // As rehype-katex's default `'warn'` did: typeset it anyway (so the markup is the same).
        return 'ignore';
      },
    });
    return { ok: true, html, warnings };
  } catch (error) {
    return { ok: false, reason: error instanceof katex.ParseError ? error.rawMessage : String(error) };
  } finally {
    restoreConsole();
  }
}

/**
 * KaTeX writes a few remarks straight to `console` (`No character metrics for 'λ'`, `\message`).
 * The render is synchronous, so nothing else can log while the console is borrowed.
 */
function captureConsole(into: string[]): () => void {
  const { log, warn, error } = console;
  const capture = (...parts: unknown[]) => void into.push(parts.map(String).join(' '));
  console.log = console.warn = console.error = capture;
  return () => Object.assign(console, { log, warn, error });
}
