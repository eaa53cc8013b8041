import { describe, expect, it } from 'vitest';
import { formatLabels, Metrics } from '../../src/ops/metrics.js';

describe('Metrics', () => {
  it('renders counters, gauges and cumulative histogram buckets in the text format', () => {
    const m = new Metrics();
    m.inc('a_total', 'A count.', { kind: 'x' });
    m.inc('a_total', 'A count.', { kind: 'x' }, 2);
    m.set('b', 'A gauge.', {}, 7);
    m.observe('d_seconds', 'Durations.', {}, 0.3);
    m.observe('d_seconds', 'Durations.', {}, 3);
    const text = m.render();
    expect(text).toContain('# TYPE a_total counter\na_total{kind="x"} 3');
    expect(text).toContain('b 7');
    expect(text).toContain('d_seconds_bucket{le="0.25"} 0');
    expect(text).toContain('d_seconds_bucket{le="0.5"} 1');
    expect(text).toContain('d_seconds_bucket{le="5"} 2');
    expect(text).toContain('d_seconds_bucket{le="+Inf"} 2');
    expect(text).toContain('d_seconds_sum 3.3');
    expect(text).toContain('d_seconds_count 2');
  });

  it('escapes label values and refuses a name used with two types', () => {
    expect(formatLabels({ b: 'x"y\\z\n', a: '1' })).toBe('{a="1",b="x\\"y\\\\z\\n"}');
    const m = new Metrics();
    m.inc('x', 'x');
    expect(() => m.set('x', 'x', {}, 1)).toThrow(/counter/);
  });
});
