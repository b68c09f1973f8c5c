import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Button } from 'antd';
import { useRef } from 'react';
import { useT } from '../i18n.tsx';

echarts.use([
  LineChart,
  BarChart,
  CustomChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

/** A button that saves a chart as a PNG (twice its size on screen, on white), named `fileName.png`. */
export function ExportPng({ chart, fileName }: { chart: () => echarts.ECharts | undefined; fileName: string }) {
  const { t } = useT();
  return (
    <Button
      size="small"
      className="no-print"
      onClick={() => {
        const url = chart()?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
        if (!url) return;
        const a = document.createElement('a');
        a.href = url;
        a.download = `${fileName}.png`;
        a.click();
      }}
    >
      {t('ldPng')}
    </Button>
  );
}

/**
 * ECharts with only the pieces the product uses (core import keeps the bundle small); with `exportName`, a
 * button under it saves it as a PNG.
 */
export function Chart({
  option,
  height = 280,
  exportName,
}: {
  option: echarts.EChartsCoreOption;
  height?: number;
  exportName?: string | undefined;
}) {
  const ref = useRef<ReactEChartsCore>(null);
  return (
    <>
      <ReactEChartsCore ref={ref} echarts={echarts} option={option} style={{ height }} notMerge />
      {exportName && <ExportPng chart={() => ref.current?.getEchartsInstance()} fileName={exportName} />}
    </>
  );
}
