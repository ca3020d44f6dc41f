// The anchoring benchmark's console report.
import { formatTable, num, type machineInfo } from './report.ts';

export type Results = {
  machine: ReturnType<typeof machineInfo>;
  software: { database: string; chain: string };
  parameters: {
    records: number;
    writers: number;
    patients: number;
    batchMaxLeaves: number;
    batchIntervalMs: number;
  };
  writes: { durationS: number; recordsPerS: number; latencyMs: { p50: number; p99: number } };
  anchoring: {
    lagObservedS: { p50: number; p99: number; max: number };
    lagRelayerStampS: { p50: number; p99: number; max: number };
    queueWaitS: { p50: number; p99: number; max: number };
    drainAfterLastWriteS: { observed: number; relayerStamp: number };
    batches: number;
    leafCount: { p50: number };
    leavesAnchored: number;
    auditLeaves: number;
  };
  gas: {
    batchedTotal: number;
    batchedPerLeaf: number;
    batchedPerRecordWrite: number;
    perBatchTx: { p50: number };
    naive: { sample: number; gasPerTx: { mean: number }; txPerS: number };
    ratioNaivePerLeafToBatchedPerLeaf: number;
    ratioNaivePerRecordToBatchedPerRecordWrite: number;
  };
  runtimeS: number;
};

export function printReport(r: Results) {
  const m = r.machine;
  console.log(
    `\nMedConnect anchoring benchmark — ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, node ${m.node}`,
  );
  console.log(`${r.software.database}; ${r.software.chain}`);
  console.log(
    `${num(r.parameters.records)} records, ${r.parameters.patients} patients, ${r.parameters.writers} writers, ` +
      `BATCH_MAX_LEAVES ${r.parameters.batchMaxLeaves}, BATCH_INTERVAL_MS ${r.parameters.batchIntervalMs}\n`,
  );
  console.log(
    formatTable(
      ['Writes', 'value'],
      [
        ['write phase', `${num(r.writes.durationS, 2)} s`],
        ['throughput', `${num(r.writes.recordsPerS)} records/s`],
        [
          'create() latency p50 / p99',
          `${num(r.writes.latencyMs.p50, 2)} / ${num(r.writes.latencyMs.p99, 2)} ms`,
        ],
      ],
    ),
  );
  const a = r.anchoring;
  console.log();
  console.log(
    formatTable(
      ['Anchoring lag (commit → anchored), s', 'p50', 'p99', 'max'],
      [
        [
          'observed by 50 ms DB poll',
          ...[a.lagObservedS.p50, a.lagObservedS.p99, a.lagObservedS.max].map((v) => num(v, 3)),
        ],
        [
          'batches.anchored_at (relayer)',
          ...[a.lagRelayerStampS.p50, a.lagRelayerStampS.p99, a.lagRelayerStampS.max].map((v) => num(v, 3)),
        ],
        [
          '  of which: waiting to be claimed',
          ...[a.queueWaitS.p50, a.queueWaitS.p99, a.queueWaitS.max].map((v) => num(v, 3)),
        ],
      ],
    ),
  );
  console.log(
    `backlog reached 0 ${num(a.drainAfterLastWriteS.observed, 2)} s after the last write ` +
      `(relayer stamp ${num(a.drainAfterLastWriteS.relayerStamp, 2)} s); ` +
      `${a.batches} batches, median ${a.leafCount.p50} leaves, ${num(a.leavesAnchored)} leaves (${num(a.auditLeaves)} audit events)`,
  );
  const g = r.gas;
  console.log();
  console.log(
    formatTable(
      ['Gas', 'value'],
      [
        ['batched: total', num(g.batchedTotal)],
        ['batched: per batch tx (median)', num(g.perBatchTx.p50)],
        ['batched: per leaf', num(g.batchedPerLeaf, 1)],
        ['batched: per record write (record + audit leaf)', num(g.batchedPerRecordWrite, 1)],
        [`naive anchor(leaf, 1): per tx (mean of ${g.naive.sample})`, num(g.naive.gasPerTx.mean)],
        ['naive / batched, per leaf', `${num(g.ratioNaivePerLeafToBatchedPerLeaf, 1)} ×`],
        [
          'naive (1 tx per record) / batched per record write',
          `${num(g.ratioNaivePerRecordToBatchedPerRecordWrite, 1)} ×`,
        ],
        ['naive sequential rate (one tx in flight)', `${num(g.naive.txPerS)} tx/s`],
      ],
    ),
  );
  console.log(`\ntotal runtime ${num(r.runtimeS, 1)} s`);
}
