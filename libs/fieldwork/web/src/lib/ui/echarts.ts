// The parts of Apache ECharts the maturity chart draws: loaded with the first chart, in a chunk of
// its own, so the log's lists never wait for it.
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { init };
