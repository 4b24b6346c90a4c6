/** The essays either side of `current` in a newest-first list: `newer` and `older`. */
export function neighbours<T extends { id: string }>(posts: readonly T[], current: T): { newer?: T; older?: T } {
  const index = posts.findIndex((post) => post.id === current.id);
  if (index === -1) return {};
  return { newer: posts[index - 1], older: posts[index + 1] };
}
