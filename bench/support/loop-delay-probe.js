/**
 * Preloaded into a benchmarked server (`--require ./bench/support/loop-delay-probe.js`), never part
 * of the product: records the event-loop delay with `perf_hooks.monitorEventLoopDelay`, and counts
 * full (mark-compact) garbage collections with a `PerformanceObserver`. Each SIGURG (a signal neither
 * Node nor Nest acts on) writes the histogram and the count since the previous SIGURG to
 * `LOOP_DELAY_FILE` as JSON (milliseconds) and starts a new window.
 */
'use strict';
const { writeFileSync } = require('node:fs');
const { constants, monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
let sequence = 0;
let fullGcs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullGcs++;
}).observe({ entryTypes: ['gc'] });

process.on('SIGURG', () => {
  const ms = (ns) => ns / 1e6;
  const snapshot = {
    sequence: ++sequence,
    count: histogram.count,
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    p999: ms(histogram.percentile(99.9)),
    max: ms(histogram.max),
    fullGcs,
  };
  histogram.reset();
  fullGcs = 0;
  writeFileSync(process.env.LOOP_DELAY_FILE || 'loop-delay.json', JSON.stringify(snapshot));
});
