import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useRef } from 'react';
import { ExportPng } from './Chart.tsx';
import { numberLocale } from '../format.ts';

echarts.use([MapChart, VisualMapComponent, TooltipComponent, CanvasRenderer]);

export interface Boundaries {
  type: 'FeatureCollection';
  madeUp: boolean;
  features: { type: 'Feature'; properties: { id: number; code: string; name: string }; geometry: unknown }[];
}

let registered = 0;

/**
 * A map of areas coloured by a figure: each boundary keyed by its unit id, the figure of that area (a share
 * as %); areas without a figure are grey. Rendered only when there are boundaries.
 */
export function AreaMap({
  boundaries,
  values,
  isShare,
  title,
  fileName,
  noValue,
}: {
  boundaries: Boundaries;
  values: Map<string, number | null>;
  isShare: boolean;
  title: string;
  fileName: string;
  noValue: string;
}) {
  const ref = useRef<ReactEChartsCore>(null);
  // one registered map per set of boundaries (ECharts keeps maps by name)
  const mapName = useMemo(() => {
    registered += 1;
    const name = `areas-${registered}`;
    echarts.registerMap(name, {
      type: 'FeatureCollection',
      features: boundaries.features.map((f) => ({
        ...f,
        properties: { ...f.properties, name: String(f.properties.id) },
      })),
    } as unknown as Parameters<typeof echarts.registerMap>[1]);
    return name;
  }, [boundaries]);
  const names = new Map(boundaries.features.map((f) => [String(f.properties.id), f.properties.name]));
  const scale = (v: number) => (isShare ? Math.round(v * 1000) / 10 : v);
  const data = boundaries.features.map((f) => {
    const v = values.get(String(f.properties.id));
    return { name: String(f.properties.id), value: v === null || v === undefined ? null : scale(v) };
  });
  const numbers = data.map((d) => d.value).filter((v): v is number => v !== null);
  const option = {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number | null }) =>
        `${names.get(p.name) ?? p.name}: ${
          p.value === null || Number.isNaN(p.value)
            ? noValue
            : `${p.value.toLocaleString(numberLocale())}${isShare ? '%' : ''}`
        }`,
    },
    visualMap: {
      min: isShare ? 0 : Math.min(0, ...numbers),
      max: isShare ? 100 : Math.max(1, ...numbers),
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#f3e1f3', '#8e2c8e'] },
      text: [isShare ? '100%' : String(Math.max(1, ...numbers)), isShare ? '0%' : '0'],
    },
    series: [
      {
        type: 'map',
        map: mapName,
        name: title,
        roam: false,
        label: { show: false },
        itemStyle: { areaColor: '#d9d9d9', borderColor: '#ffffff' },
        emphasis: { label: { show: true, formatter: (p: { name: string }) => names.get(p.name) ?? p.name } },
        data,
      },
    ],
  };
  return (
    <div>
      <ReactEChartsCore ref={ref} echarts={echarts} option={option} style={{ height: 420 }} notMerge />
      <ExportPng chart={() => ref.current?.getEchartsInstance()} fileName={fileName} />
    </div>
  );
}
