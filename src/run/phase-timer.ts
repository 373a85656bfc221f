// Wall time per phase of a run, so a report shows what imageforge itself costs next to BuildKit.

export class PhaseTimer {
  private last = performance.now();
  private readonly phases: Record<string, number> = {};

  /** Ends the current phase under `name` and starts the next one. */
  mark(name: string): void {
    const now = performance.now();
    this.phases[name] = Math.round((this.phases[name] ?? 0) + now - this.last);
    this.last = now;
  }

  done(): Record<string, number> {
    return { ...this.phases };
  }
}
