import { describe, expect, it } from 'vitest';
import { collectRenderErrors, renderFailure } from '../../src/loaders/render-errors.ts';

describe('render errors from Astro’s glob loader', () => {
  it('keep the author’s part of the message', () => {
    expect(
      renderFailure('Error rendering x.md: Failed to parse Markdown file "/site/content/posts/x.md":\ncontent/posts/x.md:3:5  [@nope] cites "nope"'),
    ).toBe('content/posts/x.md:3:5  [@nope] cites "nope"');
    expect(renderFailure('Error rendering x.md: Failed to parse Markdown file "/site/x.md":\nUnexpected thing')).toBe('x.md: Unexpected thing');
    expect(renderFailure('Something else')).toBeUndefined();
  });

  it('are collected in a build and logged as before otherwise', () => {
    const logged: string[] = [];
    const logger = { error: (message: string) => logged.push(message), info: () => {} } as never;
    const build = collectRenderErrors(logger, { keep: true });
    build.logger.error('Error rendering x.md: boom');
    build.logger.error('unrelated');
    expect(build.errors).toEqual(['x.md: boom']);
    expect(logged).toEqual(['unrelated']);

    const dev = collectRenderErrors(logger, { keep: false });
    dev.logger.error('Error rendering y.md: boom');
    expect(dev.errors).toEqual([]);
    expect(logged).toEqual(['unrelated', 'Error rendering y.md: boom']);
  });
});
