// Spreads images over the targets of a pool: the least loaded live target that can build the image's
// platforms wins (ties: fewer images so far, then id order). Targets that died are never chosen again.
import { supportsPlatforms, type BuildTarget } from './build-target.js';

export class TargetScheduler {
  private readonly running = new Map<string, number>();
  private readonly assigned = new Map<string, number>();
  private readonly dead = new Set<string>();

  acquire(candidates: BuildTarget[], platforms: string[]): BuildTarget | undefined {
    const usable = candidates.filter(
      (target) => !this.dead.has(target.id) && supportsPlatforms(target, platforms),
    );
    usable.sort(
      (a, b) =>
        (this.running.get(a.id) ?? 0) - (this.running.get(b.id) ?? 0) ||
        (this.assigned.get(a.id) ?? 0) - (this.assigned.get(b.id) ?? 0) ||
        a.id.localeCompare(b.id),
    );
    const chosen = usable[0];
    if (chosen) {
      this.running.set(chosen.id, (this.running.get(chosen.id) ?? 0) + 1);
      this.assigned.set(chosen.id, (this.assigned.get(chosen.id) ?? 0) + 1);
    }
    return chosen;
  }

  release(target: BuildTarget): void {
    this.running.set(target.id, Math.max(0, (this.running.get(target.id) ?? 0) - 1));
  }

  markDead(target: BuildTarget): void {
    this.dead.add(target.id);
  }

  isDead(target: BuildTarget): boolean {
    return this.dead.has(target.id);
  }

  /** Live targets among `candidates`. */
  alive(candidates: BuildTarget[]): BuildTarget[] {
    return candidates.filter((target) => !this.dead.has(target.id));
  }
}
