// Embedded charts in the local runtime, as Google's reference describes them (embedded-chart, embedded-chart-builder,
// container-info): a type is required, the chart gets its id when a sheet inserts it, the position is an anchor cell
// plus a pixel offset inside the grid, a modified chart reaches the sheet only through updateChart.
import { createLocalRuntime } from '../../src/local/runtime';

function setup() {
  const rt = createLocalRuntime();
  const ss = rt.spreadsheets.create('Тест');
  const charts = rt.globals.Charts as typeof Charts;
  return { sheet: ss.getSheets()[0]!, charts };
}

test('a built chart records its type, range, options, headers and position; its id comes with the insert', () => {
  const { sheet, charts } = setup();
  const range = sheet.getRange('H5:J9');
  const chart = sheet
    .newChart()
    .setChartType(charts.ChartType.COLUMN)
    .addRange(range)
    .setNumHeaders(1)
    .setOption('title', 'Мероприятия')
    .setOption('isStacked', true)
    .setPosition(5, 1, 10, 4)
    .build();
  expect(chart.getChartId()).toBeNull(); // «null if the chart is not in a spreadsheet»
  sheet.insertChart(chart);
  const [inserted] = sheet.getCharts();
  expect(typeof inserted!.getChartId()).toBe('number');
  expect(inserted!.getRanges().map((r) => r.getA1Notation())).toEqual(['H5:J9']);
  expect(inserted!.getNumHeaders()).toBe(1);
  expect([inserted!.getOptions().get('title'), inserted!.getOptions().get('isStacked'), inserted!.getOptions().get('legend')]).toEqual([
    'Мероприятия',
    true,
    null,
  ]);
  const info = inserted!.getContainerInfo();
  expect([info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]).toEqual([5, 1, 10, 4]);
  expect(String(inserted!.modify().getChartType())).toBe('COLUMN');
});

test('no type: build() refuses; an anchor outside the grid: insertChart refuses', () => {
  const { sheet, charts } = setup();
  expect(() => sheet.newChart().addRange(sheet.getRange('A1:B2')).build()).toThrow('Chart type must be set.');
  const far = sheet
    .newChart()
    .setChartType(charts.ChartType.BAR)
    .setPosition(1, sheet.getMaxColumns() + 1, 0, 0)
    .build();
  expect(() => sheet.insertChart(far)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
  expect(sheet.getCharts()).toHaveLength(0);
});

test('modify() changes nothing until updateChart; removeChart takes it off the sheet', () => {
  const { sheet, charts } = setup();
  sheet.insertChart(sheet.newChart().setChartType(charts.ChartType.PIE).addRange(sheet.getRange('A1:B3')).setPosition(1, 4, 0, 0).build());
  const [chart] = sheet.getCharts();
  const moved = chart!.modify().setOption('title', 'ИОМ').setPosition(10, 4, 0, 0).build();
  expect(sheet.getCharts()[0]!.getOptions().get('title')).toBeNull();
  sheet.updateChart(moved);
  expect(sheet.getCharts()).toHaveLength(1);
  expect(sheet.getCharts()[0]!.getOptions().get('title')).toBe('ИОМ');
  expect(sheet.getCharts()[0]!.getContainerInfo().getAnchorRow()).toBe(10);
  expect(sheet.getCharts()[0]!.getChartId()).toBe(chart!.getChartId());
  sheet.removeChart(sheet.getCharts()[0]!);
  expect(sheet.getCharts()).toHaveLength(0);
});

test('the builder lists, removes and clears its ranges', () => {
  const { sheet, charts } = setup();
  const builder = sheet.newChart().setChartType(charts.ChartType.BAR).addRange(sheet.getRange('A1:B3')).addRange(sheet.getRange('D1:D3'));
  builder.removeRange(sheet.getRange('A1:B3'));
  expect(builder.getRanges().map((r) => r.getA1Notation())).toEqual(['D1:D3']);
  expect(builder.clearRanges().getRanges()).toEqual([]);
});
