/**
 * Every shipped scenario's text report, read back: each sentence of its ping section and each row
 * of its "over time" table must agree with the same run's report object.
 */
import { describe, test } from 'vitest';
import { renderReport } from '../../src/cli/render-report.js';
import { QUIET_RUN } from '../../src/cli/render-series.js';
import { runText, scenarioFiles, scenarioPath, scenarioText } from '../acceptance/helpers.js';
import { checkPingSection, checkSeriesTable, section } from './report-sentences.js';

describe.each(scenarioFiles())('%s', (name) => {
  test('the ping section and the "over time" table say what the JSON says', () => {
    const report = runText(scenarioText(name), scenarioPath(name));
    const text = renderReport(report);
    checkPingSection(section(text, /^ping {2}/), report.pings);
    checkSeriesTable(section(text, /^over time /), report.series, QUIET_RUN);
  }, 60_000);
});
