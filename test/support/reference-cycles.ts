/**
 * The reference the property tests hold the loop finder to: a graph where each node has at most one
 * edge (`targets[i]`, the bucket that bucket i logs to). Node i is on a cycle when following the
 * edges from it comes back to it; its cycle is the walk until then, in edge order. Each cycle is
 * keyed by its sorted member paths (`cycleKey`), so it counts once.
 */
export function referenceCycles(targets: readonly (number | undefined)[], pathOf: (index: number) => string): Map<string, number[]> {
  const cycles = new Map<string, number[]>();
  targets.forEach((_, start) => {
    const walk = [start];
    let current = targets[start];
    for (let steps = 0; current !== undefined && current !== start && steps < targets.length; steps++) {
      walk.push(current);
      current = targets[current];
    }
    if (current === start) {
      cycles.set(cycleKey(walk.map(pathOf)), walk);
    }
  });
  return cycles;
}

/** A cycle's key, whichever member it starts at: its member paths, sorted. */
export function cycleKey(paths: readonly string[]): string {
  return [...paths].sort().join(' ');
}
