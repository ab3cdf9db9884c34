/** Renders bench/results.json as BENCHMARKS.md: every figure beside its target, ratios first. */
interface Report {
  date: string;
  machine: { cores: number; cpu: string; node: string };
  settings: { runs: number; tsSeconds: number };
  minutes: number;
  results: Record<string, unknown>;
}

type Row = Record<string, number | string | boolean | null>;

const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

function table(rows: Row[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]!);
  return [`| ${keys.join(' | ')} |`, `|${keys.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${keys.map((k) => String(r[k])).join(' | ')} |`)].join('\n');
}

export function renderReport(report: Report): string {
  const { results: r } = report;
  const out: string[] = [
    '# Benchmarks',
    '',
    `Measured ${report.date.slice(0, 10)} by \`npm run bench\` on ${report.machine.cores} cores (${report.machine.cpu}), Node ${report.machine.node};`,
    `${report.minutes} minutes. The compiled server, the engine simulator and the load generator each run in their own`,
    'process and share the two cores; nothing pins them. Ratios compare the proxy with direct engine access in the',
    `same run; figures are medians of ${report.settings.runs} runs unless said otherwise. Raw numbers: \`bench/results.json\`.`,
    '',
  ];

  const hls = r.hls as Row[] | undefined;
  if (hls) {
    const at = (n: number) => hls.find((row) => row.clients === n);
    const ratiosOk = [20, 100].every((n) => Number(at(n)?.warmRatio) >= 0.95);
    const coldOk = [20, 100].every((n) => Number(at(n)?.coldRatio) >= 0.95);
    const onceOk = hls.every((row) => row.upstreamFetchesPerSegment === 1);
    const p99 = Number(at(100)?.ttfbP99AddedMs);
    out.push(
      '## 1–2. HLS segment throughput and added latency',
      '',
      'N clients fetch the same live window (simulator in fast mode) through the proxy and straight from the engine.',
      'Each run is a new content. The *cold* pass is the first one: the proxy fetches every segment from the engine',
      'during it (once, shared by all clients). The *warm* figure is five more passes over the same window: the steady state of a live',
      'window served to many viewers, each new segment having been fetched once when it appeared. With the test',
      'media (~150 kB segments) a pass lasts 10–200 ms, so the cold pass is dominated by the fixed cost of the',
      'upstream fetches.',
      '',
      table(hls),
      '',
      `- Target proxy ≥ 0.95× direct at 20 and 100 clients, steady state (warm): ${verdict(ratiosOk)}; cold first pass: ${verdict(coldOk)}.`,
      `- Target one upstream fetch per segment: ${verdict(onceOk)}.`,
      `- Target p99 added time to first byte ≤ 10 ms at 100 clients: ${verdict(p99 <= 10)} (${p99} ms).`,
      '',
    );
  }

  const ts = r.ts as Row[] | undefined;
  if (ts) {
    const big = ts.find((row) => row.clients === 200);
    out.push(
      '## 3. MPEG-TS fan-out',
      '',
      `One channel at real-time pace for ${report.settings.tsSeconds} s of steady state (one run per client count), the first ten clients arriving at`,
      'the same instant, the rest spread over the first seconds. CPU is the server process only.',
      '',
      table(ts),
      '',
      `- Target 200 clients, 0 drops, CPU ≤ 5% of a core, RSS ≤ 100 MB, 1 engine session, none left: ${verdict(
        !!big && big.dropped === 0 && Number(big.serverCpuPercentOfOneCore) <= 5 && Number(big.peakRssMb) <= 100 && big.engineStarts === 1 && big.engineSessionsLeftAfterGracePeriod === 0,
      )}.`,
      '',
    );
  }

  const slow = r.slow as Row | undefined;
  if (slow) {
    out.push(
      '## 4. Slow client',
      '',
      'One client reading at 10% of the bitrate among 50 normal ones; the simulator runs at ten times real time so the',
      'slow client’s backlog (kernel socket buffers included) fills within the run.',
      '',
      table([slow]),
      '',
      `- Target: normal clients lose nothing, the slow one is dropped, memory bounded: ${verdict(slow.normalDropped === 0 && slow.normalMinMB === slow.normalMaxMB && slow.slowDropped === true && Number(slow.peakRssMb) <= 150)}.`,
      '',
    );
  }

  const cold = r.cold as Row | undefined;
  if (cold) {
    out.push('## 5. Cold start', '', 'First request for a new content to first playlist byte, minus the simulator’s prebuffer delay.', '', table([cold]), '', `- Target ≤ 50 ms: ${verdict(Number(cold.proxyOverPrebufferMs) <= 50)}.`, '');
  }

  const catalog = r.catalog as { playlist: Row; guideImport: Row; epgExport: Row } | undefined;
  if (catalog) {
    out.push(
      '## 6. Catalog and guide',
      '',
      table([{ what: '/playlist.m3u, 10,000 channels', ...catalog.playlist }]),
      '',
      table([{ what: 'XMLTV import (generated guide, local HTTP source)', ...catalog.guideImport }]),
      '',
      table([{ what: '/epg.xml', ...catalog.epgExport }]),
      '',
      `- Target playlist ≤ 50 ms: ${verdict(Number(catalog.playlist.medianMs) <= 50)}.`,
      `- Target import ≥ 20 MB/s with peak RSS ≤ 200 MB: ${verdict(Number(catalog.guideImport.MBps) >= 20 && Number(catalog.guideImport.peakRssMb) <= 200)}.`,
      `- Target /epg.xml for 1,000 channels × 7 days ≤ 2 s: ${verdict(Number(catalog.epgExport.medianMs) <= 2000)}.`,
      '',
    );
  }

  const idle = r.idle as Row | undefined;
  if (idle) {
    out.push('## 7. Idle footprint', '', table([idle]), '', `- Target ≤ 90 MB: ${verdict(Number(idle.rssMb) <= 90)}.`, '');
  }
  out.push(
    '## What profiling found',
    '',
    '- **HLS**: the first version served ~0.5× direct. Per request, a Readable per client and the Koa middleware',
    '  stack cost as much CPU as writing the segment; 100 clients walking a window in lockstep also queued behind',
    '  one cold upstream fetch after another. Now segments a playlist lists are fetched when the playlist is seen,',
    '  finished segments are one buffer, and cache hits are answered before Koa. In steady state the server spends',
    '  about as much CPU per segment request as the engine simulator itself (~100 µs against 85–110 µs, measured',
    '  with /proc over 10 passes). What remains at 20 clients is scheduling: three processes on two cores, passes',
    '  of 20–40 ms, and the ratio moves between about 0.75 and 0.93 from run to run.',
    '- **Guide import**: programmes held as objects took ~900 MB for a 100 MB guide; they are now spooled to disk as',
    '  the XML `/epg.xml` serves, with a small index in memory (see `src/epg/README.md`).',
    '- **Playlist**: a collator built per comparison and re-sorting per request; now sorted once per catalog change',
    '  and the rendered playlist cached.',
    '',
    'Re-run with `npm run bench` (about 3 minutes; `--only hls,ts,slow,cold,catalog,idle`, `--runs N`, `--seconds N`).',
    '',
  );
  return out.join('\n');
}
