/**
 * Which properties of which HTML elements hold URLs, in hast's names (`srcSet`, not `srcset`):
 * the one list for every transformation that rewrites an essay's links.
 */
export const URL_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  area: ['href'],
  img: ['src', 'srcSet'],
  source: ['src', 'srcSet'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  embed: ['src'],
  object: ['data'],
  form: ['action'],
  button: ['formAction'],
  input: ['formAction', 'src'],
  blockquote: ['cite'],
  q: ['cite'],
  ins: ['cite'],
  del: ['cite'],
};
