import type { Locale } from '../../../platform/db/schema.ts';
import { type MessageKey, translate } from '../../../platform/i18n/index.ts';
import { Table } from '../../../platform/ui/components.tsx';
import type { Bucket, BucketId } from '../domain/rate-impact.ts';
import { formatCount, formatPercent } from './pages-support.tsx';

/**
 * The impact test's distribution of premium change (issue #3: "show the distribution of premium
 * change (a chart)") as a server-rendered SVG bar chart. The CSP forbids inline styles, so the
 * geometry is in SVG presentation attributes and the colours in classes of public/bezel.css. The
 * chart is one image to assistive technology (role="img", named by its title and desc); the same
 * numbers follow in a table, which is the text alternative.
 */

export const BUCKET_LABELS: Record<BucketId, MessageKey> = {
  down_20_plus: 'product_pages.bucket.down_20_plus',
  down_10_20: 'product_pages.bucket.down_10_20',
  down_5_10: 'product_pages.bucket.down_5_10',
  down_0_5: 'product_pages.bucket.down_0_5',
  unchanged: 'product_pages.bucket.unchanged',
  up_0_5: 'product_pages.bucket.up_0_5',
  up_5_10: 'product_pages.bucket.up_5_10',
  up_10_20: 'product_pages.bucket.up_10_20',
  up_20_plus: 'product_pages.bucket.up_20_plus',
};

/** Axis labels: numbers only, the same in both languages. */
const AXIS_LABELS: Record<BucketId, string> = {
  down_20_plus: '< −20',
  down_10_20: '−20…−10',
  down_5_10: '−10…−5',
  down_0_5: '−5…0',
  unchanged: '0',
  up_0_5: '0…5',
  up_5_10: '5…10',
  up_10_20: '10…20',
  up_20_plus: '> 20',
};

const WIDTH = 720;
const HEIGHT = 280;
const LEFT = 56;
const TOP = 28;
const PLOT_HEIGHT = 196;
const SLOT = 72;
const BAR = 50;

function barClass(id: BucketId): string {
  if (id === 'unchanged') return 'impact-chart__bar impact-chart__bar--same';
  return id.startsWith('up') ? 'impact-chart__bar impact-chart__bar--up' : 'impact-chart__bar impact-chart__bar--down';
}

const round = (value: number) => Math.round(value * 10) / 10;

export function ImpactChart({ locale, buckets, count }: { locale: Locale; buckets: readonly Bucket[]; count: number }) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const highest = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const sum = (prefix: string) => buckets.filter((bucket) => bucket.id.startsWith(prefix)).reduce((total, bucket) => total + bucket.count, 0);
  const baseline = TOP + PLOT_HEIGHT;
  return (
    <svg
      class="impact-chart"
      role="img"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      preserveAspectRatio="xMidYMid meet"
      aria-labelledby="impact-chart-title impact-chart-desc"
    >
      <title id="impact-chart-title">{t('product_pages.chart.title')}</title>
      <desc id="impact-chart-desc">{t('product_pages.chart.desc', { count, up: sum('up'), down: sum('down'), same: sum('unchanged') })}</desc>
      <line class="impact-chart__axis" x1={LEFT - 8} y1={baseline} x2={WIDTH - 8} y2={baseline} />
      <line class="impact-chart__axis" x1={LEFT - 8} y1={TOP} x2={LEFT - 8} y2={baseline} />
      <text class="impact-chart__tick" x={LEFT - 14} y={TOP + 4} text-anchor="end">
        {formatCount(locale, highest)}
      </text>
      <text class="impact-chart__tick" x={LEFT - 14} y={baseline + 4} text-anchor="end">
        0
      </text>
      {buckets.map((bucket, index) => {
        const height = round((bucket.count / highest) * PLOT_HEIGHT);
        const x = LEFT + index * SLOT + (SLOT - BAR) / 2;
        return (
          <g key={bucket.id}>
            <rect class={barClass(bucket.id)} x={x} y={round(baseline - height)} width={BAR} height={height} />
            <text class="impact-chart__value" x={x + BAR / 2} y={round(baseline - height - 6)} text-anchor="middle">
              {formatCount(locale, bucket.count)}
            </text>
            <text class="impact-chart__tick" x={x + BAR / 2} y={baseline + 20} text-anchor="middle">
              {AXIS_LABELS[bucket.id]}
            </text>
          </g>
        );
      })}
      <text class="impact-chart__tick" x={LEFT + (9 * SLOT) / 2} y={HEIGHT - 8} text-anchor="middle">
        {t('product_pages.chart.axis')}
      </text>
    </svg>
  );
}

/** The chart's text alternative: each bucket with its count and share of the sample. */
export function ImpactBucketTable({ locale, buckets, count }: { locale: Locale; buckets: readonly Bucket[]; count: number }) {
  const t = (key: MessageKey) => translate(locale, key);
  const share = (n: number) => (count === 0 ? '—' : formatPercent(locale, ((n * 100) / count).toFixed(2)).replace(/^\+/, ''));
  return (
    <Table
      caption={t('product_pages.chart.table_caption')}
      columns={[
        { header: t('product_pages.chart.bucket'), cell: (bucket: Bucket) => t(BUCKET_LABELS[bucket.id]), rowHeader: true },
        { header: t('product_pages.chart.policies'), cell: (bucket: Bucket) => formatCount(locale, bucket.count), numeric: true },
        { header: t('product_pages.chart.share'), cell: (bucket: Bucket) => share(bucket.count), numeric: true },
      ]}
      rows={buckets}
      rowKey={(bucket) => bucket.id}
      empty={t('product_pages.impact.empty')}
    />
  );
}
