// The parts of Apache ECharts the dashboard draws, and nothing else: loaded on the first chart, in a
// chunk of its own, so that the dashboard's tables do not wait for it.
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, FunnelChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { init };
