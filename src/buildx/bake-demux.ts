// Splits the single rawjson stream of `docker buildx bake` into one stream per target, so each target
// can feed its own ProgressTracker exactly like a plain `buildx build` would.
//
// bake prefixes vertex names with the target: "[app 2/3] RUN ...", "[app internal] load ...",
// "[tool stage-1 2/2] COPY ...", "[app] exporting to image". The prefix is removed here, so names read
// as in a plain build. A vertex shared by several targets (same digest, e.g. a common FROM) is sent
// once per target, each copy with that target's prefix; its logs and statuses only carry the digest
// and go to every target that named it. Vertexes no target named ("[internal] load local bake
// definitions") are dropped.
import type { SolveStatus, Vertex } from './rawjson.js';

const PREFIXED_NAME = /^\[(?<first>[^\s\]]+)(?:\s(?<rest>[^\]]*))?\]\s?(?<tail>.*)$/s;

export class BakeDemultiplexer {
  private readonly targets: Set<string>;
  private readonly owners = new Map<string, Set<string>>();

  constructor(targets: string[]) {
    this.targets = new Set(targets);
  }

  split(status: SolveStatus): Map<string, SolveStatus> {
    const byTarget = new Map<string, SolveStatus>();
    const bucket = (target: string): SolveStatus => {
      let entry = byTarget.get(target);
      if (!entry) {
        entry = { vertexes: [], statuses: [], logs: [], warnings: [] };
        byTarget.set(target, entry);
      }
      return entry;
    };
    for (const vertex of status.vertexes) {
      const routed = this.routeVertex(vertex);
      if (routed) bucket(routed.target).vertexes.push(routed.vertex);
    }
    for (const item of status.statuses)
      for (const t of this.ownersOf(item.vertex)) bucket(t).statuses.push(item);
    for (const log of status.logs) for (const t of this.ownersOf(log.vertex)) bucket(t).logs.push(log);
    for (const warning of status.warnings) {
      for (const t of this.ownersOf(warning.vertex)) bucket(t).warnings.push(warning);
    }
    return byTarget;
  }

  private routeVertex(vertex: Vertex): { target: string; vertex: Vertex } | undefined {
    const parsed = this.stripTarget(vertex.name);
    if (parsed) {
      this.addOwner(vertex.digest, parsed.target);
      return { target: parsed.target, vertex: { ...vertex, name: parsed.name } };
    }
    // An update without a recognisable prefix still belongs to a single known owner.
    const owners = this.ownersOf(vertex.digest);
    return owners.length === 1 && owners[0] !== undefined ? { target: owners[0], vertex } : undefined;
  }

  private stripTarget(name: string): { target: string; name: string } | undefined {
    const groups = PREFIXED_NAME.exec(name)?.groups;
    const target = groups?.first;
    if (!groups || target === undefined || !this.targets.has(target)) return undefined;
    const tail = groups.tail ?? '';
    const rest = groups.rest?.trim();
    return { target, name: rest ? `[${rest}] ${tail}` : tail };
  }

  private addOwner(digest: string, target: string): void {
    let owners = this.owners.get(digest);
    if (!owners) {
      owners = new Set();
      this.owners.set(digest, owners);
    }
    owners.add(target);
  }

  private ownersOf(digest: string): string[] {
    return [...(this.owners.get(digest) ?? [])];
  }
}
