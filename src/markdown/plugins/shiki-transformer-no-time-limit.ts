import type { ShikiTransformer } from 'shiki';

/**
 * Shiki gives up on a line after `tokenizeTimeLimit` (500 ms by default) and colours the rest
 * of it as one token. On a loaded machine a cold worker thread reaches that limit, so the same
 * essay would come out differently from one build to the next, and the render cache would keep
 * the worse one. Output must not depend on speed: no limit. Astro does not pass the option
 * through, so this sets it on the options Shiki is about to tokenise with (the same object).
 */
export function transformerNoTimeLimit(): ShikiTransformer {
  return {
    name: 'quire:no-time-limit',
    preprocess(code, options) {
      options.tokenizeTimeLimit = 0;
      return code;
    },
  };
}
