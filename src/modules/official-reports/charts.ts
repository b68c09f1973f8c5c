import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ReportContent } from '../../core/official-report.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

// DejaVu Sans ships with the package (a machine without fonts would draw charts without words); it has
// every Vietnamese letter.
const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
const FONT = 'DejaVu Sans';

export interface ChartImage {
  /** what the chart shows, written under it and as the image's description */
  caption: string;
  png: Buffer;
  width: number;
  height: number;
}

/** Renders an ECharts option on the server (SVG, no browser) and turns it into a PNG Word can show. */
export function renderChart(option: echarts.EChartsCoreOption, width: number, height: number): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return new Resvg(svg, {
    font: { loadSystemFonts: false, fontDirs: [FONT_DIR], defaultFontFamily: FONT },
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
  })
    .render()
    .asPng();
}

const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/**
 * The report's charts: the share indicators of the year against their targets, and for a review the trend
 * of each share indicator over the years. Counts are left to the tables (their scales differ too much to
 * share an axis).
 */
export function reportCharts(c: ReportContent): ChartImage[] {
  const shares = c.goals.flatMap((g) => g.indicators).filter((i) => i.isShare && i.value !== null);
  const out: ChartImage[] = [];
  if (shares.length > 0) {
    const width = 640;
    const height = 140 + shares.length * 34;
    out.push({
      caption: `Các chỉ tiêu tỷ lệ năm ${c.year}: kết quả và mục tiêu (%)`,
      width,
      height,
      png: renderChart(
        {
          legend: { top: 0, data: ['Kết quả', 'Mục tiêu'] },
          grid: { left: 90, right: 40, top: 40, bottom: 30 },
          xAxis: { type: 'value', max: 100 },
          yAxis: { type: 'category', inverse: true, data: shares.map((i) => i.code) },
          series: [
            {
              name: 'Kết quả',
              type: 'bar',
              data: shares.map((i) => percent(i.value)),
              itemStyle: { color: '#1f5fa8' },
              label: { show: true, position: 'right', formatter: '{c}%' },
            },
            {
              name: 'Mục tiêu',
              type: 'bar',
              data: shares.map((i) => percent(i.target)),
              itemStyle: { color: '#c8d3e0' },
            },
          ],
        },
        width,
        height,
      ),
    });
  }
  const trends = shares.filter((i) => (i.years?.filter((y) => y.value !== null).length ?? 0) >= 2);
  if (trends.length > 0) {
    const years = trends[0]!.years!.map((y) => String(y.year));
    out.push({
      caption: `Diễn biến các chỉ tiêu tỷ lệ ${years[0]}–${years[years.length - 1]} (%)`,
      width: 640,
      height: 340,
      png: renderChart(
        {
          legend: { top: 0, type: 'plain', data: trends.map((i) => i.code) },
          grid: { left: 50, right: 30, top: 60, bottom: 30 },
          xAxis: { type: 'category', data: years },
          yAxis: { type: 'value', max: 100 },
          series: trends.map((i) => ({
            name: i.code,
            type: 'line',
            connectNulls: false,
            data: i.years!.map((y) => percent(y.value)),
          })),
        },
        640,
        340,
      ),
    });
  }
  return out;
}
