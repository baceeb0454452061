/** The sidecar's figures: what /health and /debug/stats report, and the store delay sample. */

export interface CollabStats {
  documents: number;
  connections: number;
  rss: number;
  heapUsed: number;
  /** CPU time used by the process so far, in ms (user + system). */
  cpuMs: number;
  /** Since the last call (debug stats only): receipt of an update to its broadcast, the store in between. */
  storeToBroadcastMs?: { count: number; p50: number | null; p95: number | null; p99: number | null };
}

export class StatsRecorder {
  /** Time from receiving an update to broadcasting it (stored meanwhile). */
  private readonly storeDelays: number[] = [];

  constructor(readonly enabled: boolean) {}

  recordStoreDelay(ms: number): void {
    if (this.enabled && this.storeDelays.length < 200_000) this.storeDelays.push(ms);
  }

  /** Takes (and resets) the store delay sample. */
  snapshot(counts: { documents: number; connections: number }): CollabStats {
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    const sorted = this.storeDelays.splice(0).sort((a, b) => a - b);
    const at = (p: number) => (sorted.length ? +sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1) : null);
    return {
      storeToBroadcastMs: { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) },
      ...counts,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
  }
}
