export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarizeLatency(samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (n: number) => +n.toFixed(1);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
}

export function summarize(name: string, samplesMs: number[], elapsedMs: number) {
  const { p50, p95, p99 } = summarizeLatency(samplesMs);
  return {
    benchmark: name,
    count: samplesMs.length,
    "per second": Math.round((samplesMs.length / elapsedMs) * 1000),
    "p50 ms": p50,
    "p95 ms": p95,
    "p99 ms": p99,
  };
}
