/**
 * A worker thread of the essay render pool (src/markdown/render/render-essays.ts): one renderer per
 * thread, created on its first essay and reused for the rest.
 */
import { createEssayRenderer, renderOutcome, type EssayRenderer, type EssayToRender, type RenderOutcome, type RendererSettings } from './essay-renderer.ts';

export interface RenderTask {
  settings: RendererSettings;
  essay: EssayToRender;
}

let renderer: Promise<EssayRenderer> | undefined;

export default function renderInWorker({ settings, essay }: RenderTask): Promise<RenderOutcome> {
  renderer ??= createEssayRenderer(settings);
  return renderOutcome(renderer, essay);
}
