/**
 * Progressive enhancement for code blocks: a "Copy" button in each block's frame (the frame is
 * written at build time by src/markdown/plugins/shiki-transformer-code-frame.ts). The button only exists
 * once this script runs, so a page read without JavaScript, in a feed or in print has no dead
 * control. The result is announced through one polite live region: "Copied", or how to copy by hand.
 */
const FRAME_SELECTOR = '.code-block';
const RESET_AFTER_MS = 2000;

export function addCodeCopyButtons(root: ParentNode = document): void {
  const frames = [...root.querySelectorAll<HTMLElement>(FRAME_SELECTOR)].filter(
    (frame) => frame.querySelector('pre code') && !frame.querySelector(':scope > .code-copy'),
  );
  if (frames.length === 0) return;
  const status = liveRegion();
  for (const frame of frames) frame.append(copyButton(frame, status));
}

function copyButton(frame: HTMLElement, status: HTMLElement): HTMLButtonElement {
  const code = frame.querySelector<HTMLElement>('pre code')!;
  const title = frame.querySelector(':scope > .code-title')?.textContent?.trim();
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'code-copy';
  const label = document.createElement('span');
  label.textContent = 'Copy';
  // The visible word starts the accessible name (WCAG 2.5.3), the rest tells the blocks apart.
  const context = document.createElement('span');
  context.className = 'visually-hidden';
  context.textContent = title ? ` code: ${title}` : ' code';
  button.append(label, context);

  let reset: number | undefined;
  button.addEventListener('click', async () => {
    const copied = await copyText(codeText(code));
    label.textContent = copied ? 'Copied' : 'Copy failed';
    button.dataset.state = copied ? 'copied' : 'failed';
    announce(status, copied ? 'Copied' : 'Copying failed: select the code and copy it by hand');
    window.clearTimeout(reset);
    reset = window.setTimeout(() => {
      label.textContent = 'Copy';
      delete button.dataset.state;
    }, RESET_AFTER_MS);
  });
  return button;
}

/**
 * The code as it reads once the change is made: lines marked removed (`// [!code --]`) are left
 * out, and the space a hidden notation comment leaves at a line's end is trimmed.
 */
export function codeText(code: HTMLElement): string {
  const lines = [...code.querySelectorAll<HTMLElement>(':scope > .line')];
  if (lines.length === 0) return code.textContent ?? '';
  return lines
    .filter((line) => !line.classList.contains('remove'))
    .map((line) => {
      const text = line.textContent ?? '';
      return line.classList.length > 1 ? text.trimEnd() : text;
    })
    .join('\n');
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithSelection(text);
  }
}

/** For pages served over plain HTTP, where the Clipboard API does not exist. */
function copyWithSelection(text: string): boolean {
  const scratch = document.createElement('textarea');
  scratch.value = text;
  scratch.setAttribute('readonly', '');
  scratch.style.position = 'fixed';
  scratch.style.opacity = '0';
  const focused = document.activeElement as HTMLElement | null;
  document.body.append(scratch);
  scratch.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  scratch.remove();
  focused?.focus();
  return copied;
}

function liveRegion(): HTMLElement {
  const existing = document.getElementById('code-copy-status');
  if (existing) return existing;
  const region = document.createElement('div');
  region.id = 'code-copy-status';
  region.className = 'visually-hidden';
  region.setAttribute('role', 'status');
  document.body.append(region);
  return region;
}

/** Cleared first, so copying twice is announced twice. */
function announce(region: HTMLElement, message: string): void {
  region.textContent = '';
  window.setTimeout(() => (region.textContent = message), 50);
}
