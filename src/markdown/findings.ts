import type { VFile } from 'vfile';

/**
 * What a plugin noticed while rendering an essay: a vfile message, kept as plain data so it can
 * cross threads and sit in the render cache. Lines count from the body's first line, like the
 * outline's; the posts loader moves them to the file's lines.
 */
export interface Finding {
  line: number;
  column: number;
  message: string;
  /** The reporting rule (`broken-output`, `math-error`, …): what kind of problem it is. */
  rule: string;
  /** An error is output that is wrong (the build stops); a warning is worth fixing. */
  severity: 'error' | 'warning';
}

/**
 * Rules whose findings mean the page would publish something other than what the author wrote:
 * TeX shown as an error box, Markdown or Liquid syntax shown as text. Every other message a
 * plugin leaves (KaTeX's strict-mode remarks, say) is a warning.
 */
export const BROKEN_OUTPUT_RULES: ReadonlySet<string> = new Set(['broken-output', 'math-error', 'unsafe-url']);

/** Rules whose findings are errors in every essay, imported or not, in every build. */
export const ALWAYS_ERROR_RULES: ReadonlySet<string> = new Set(['unsafe-url']);

/** The messages plugins left on `file` while it was rendered, as findings. */
export function findingsOf(file: VFile): Finding[] {
  return file.messages.map((message) => ({
    line: message.line ?? 1,
    column: message.column ?? 1,
    message: message.reason,
    rule: message.ruleId ?? message.source ?? 'markdown',
    severity: BROKEN_OUTPUT_RULES.has(message.ruleId ?? '') ? 'error' : 'warning',
  }));
}

/** The same findings for a body that starts `lines` lines further down its file. */
export function shiftFindings(findings: readonly Finding[], lines: number): Finding[] {
  return findings.map((finding) => ({ ...finding, line: finding.line + lines }));
}
