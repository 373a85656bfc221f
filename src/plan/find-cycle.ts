// Finds one dependency cycle, deterministically (images and their dependencies visited by name),
// so the same config always reports the same cycle.

/** A cycle as a path that repeats its first image at the end ([a, b, a]), or undefined. */
export function findCycle(names: string[], dependencies: (name: string) => string[]): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];

  const visit = (name: string): string[] | undefined => {
    state.set(name, 'visiting');
    path.push(name);
    for (const dependency of dependencies(name)) {
      const seen = state.get(dependency);
      if (seen === 'visiting') return [...path.slice(path.indexOf(dependency)), dependency];
      if (seen === undefined) {
        const cycle = visit(dependency);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };

  for (const name of [...names].sort(compareNames)) {
    if (state.has(name)) continue;
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Code-point order: stable across locales, unlike localeCompare. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
