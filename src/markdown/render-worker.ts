/**
 * A worker thread of the essay render pool (src/markdown/render-essays.ts): one renderer per
 * thread, created on its first essay and reused for the rest.
 */
import { createEssayRenderer, type EssayRenderer, type EssayToRender, type RendererSettings } from './essay-renderer.ts';

export interface RenderTask {
  settings: RendererSettings;
  essay: EssayToRender;
}

export type RenderOutcome =
  | {
      ok: true;
      rendered: import('./essay-renderer.ts').RenderedEssay;
      /** The cache file holding it, when there is a cache (filled in by renderEssays). */
      storedAt?: string;
    }
  | { ok: false; message: string };

let renderer: Promise<EssayRenderer> | undefined;

export default async function renderInWorker({ settings, essay }: RenderTask): Promise<RenderOutcome> {
  renderer ??= createEssayRenderer(settings);
  try {
    return { ok: true, rendered: await (await renderer).render(essay) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
