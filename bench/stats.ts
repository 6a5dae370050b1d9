export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(name: string, samplesMs: number[], elapsedMs: number) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    benchmark: name,
    count: sorted.length,
    "per second": Math.round((sorted.length / elapsedMs) * 1000),
    "p50 ms": +percentile(sorted, 50).toFixed(2),
    "p95 ms": +percentile(sorted, 95).toFixed(2),
    "p99 ms": +percentile(sorted, 99).toFixed(2),
  };
}
