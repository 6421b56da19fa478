/** "My service" (issue 13 item 2): compliance of the teams below the manager, a monthly trend, the CSV. */
import { Button, Card, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { LineChart, type LineChartPoints } from '@fluentui/react-charts';
import { useState } from 'react';
import type { MyServiceView } from '../../usecases/tab/views.js';
import type { Api } from './api.js';
import { longDate, monthName, shortMonth } from './dates.js';
import { ErrorBar, Loading, Section, useLoad, useStyles } from './ui.js';

function percent(part: number, whole: number): string {
  return whole === 0 ? 'nothing due' : `${Math.round((part / whole) * 100)}%`;
}

function Trend(props: { trend: MyServiceView['trend'] }) {
  const styles = useStyles();
  const points = (pick: (t: MyServiceView['trend'][number]) => number | null) =>
    props.trend.flatMap((t) => {
      const y = pick(t);
      return y === null ? [] : [{ x: new Date(`${t.month}-15T12:00:00Z`), y }];
    });
  const lines: LineChartPoints[] = [
    { legend: 'Sessions', data: points((t) => t.heldOnTime) },
    { legend: 'Records', data: points((t) => t.recordsOnTime) },
  ];
  // One tick a month, written the British way ("Mar"), not the chart's default week ticks.
  const ticks = props.trend.map((t) => new Date(`${t.month}-15T12:00:00Z`));
  return (
    <>
      {/* The table below carries the same figures for screen readers and keyboards; the chart is for the eye. */}
      <div inert>
        <LineChart
          data={{ chartTitle: 'Per cent on time, by month', lineChartData: lines }}
          height={260}
          yMaxValue={100}
          yMinValue={0}
          culture="en-GB"
          tickValues={ticks}
          customDateTimeFormatter={(d) => shortMonth(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`)}
        />
      </div>
      <div className={styles.scroll} role="region" aria-label="Trend by month, as a table" tabIndex={0}>
        <Table size="extra-small" aria-label="Trend by month">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Month</TableHeaderCell>
              <TableHeaderCell>Sessions held on time</TableHeaderCell>
              <TableHeaderCell>Records on time</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.trend.map((t) => (
              <TableRow key={t.month}>
                <TableCell>{monthName(t.month)}</TableCell>
                <TableCell>{t.heldOnTime === null ? 'nothing due' : `${t.heldOnTime}%`}</TableCell>
                <TableCell>{t.recordsOnTime === null ? 'nothing due' : `${t.recordsOnTime}%`}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

export function ServiceView(props: { api: Api }) {
  const styles = useStyles();
  const { data, error, reload } = useLoad(() => props.api.get<MyServiceView>('/api/tab/service'), [props.api]);
  const [downloadError, setDownloadError] = useState<unknown>(undefined);
  if (error) return <ErrorBar error={error} onRetry={reload} />;
  if (!data) return <Loading label="Loading your service" />;
  const t = data.total;
  const download = async () => {
    setDownloadError(undefined);
    try {
      const { blob, filename } = await props.api.download('/api/tab/service/report.csv');
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) {
      setDownloadError(e);
    }
  };
  return (
    <div className={styles.section}>
      <Text>
        From {longDate(data.from)} to {longDate(data.to)}: counts and statuses only, never what a record says.
      </Text>
      <div className={styles.cards}>
        <Card>
          <Text weight="semibold">People supervised</Text>
          <Text size={700}>{t.people}</Text>
        </Card>
        <Card>
          <Text weight="semibold">Sessions held on time</Text>
          <Text size={700}>{percent(t.sessionsHeld, t.sessionsDue)}</Text>
          <Text size={200}>
            {t.sessionsHeld} of {t.sessionsDue} due; {t.sessionsLate} late, {t.sessionsLapsed} not held
          </Text>
        </Card>
        <Card>
          <Text weight="semibold">Records late</Text>
          <Text size={700}>{t.recordsLate}</Text>
        </Card>
        <Card>
          <Text weight="semibold">Open escalations</Text>
          <Text size={700}>{data.openEscalations}</Text>
          <Text size={200}>{t.escalations} sent in the period</Text>
        </Card>
      </div>
      <Section title="Trend by month: sessions held and records signed on time">
        <Trend trend={data.trend} />
      </Section>
      <Section title="Teams">
        <div className={styles.scroll} role="region" aria-label="Teams" tabIndex={0}>
          <Table size="small" aria-label="Teams">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Team of</TableHeaderCell>
                <TableHeaderCell>People</TableHeaderCell>
                <TableHeaderCell>Held on time</TableHeaderCell>
                <TableHeaderCell>Late</TableHeaderCell>
                <TableHeaderCell>Not held</TableHeaderCell>
                <TableHeaderCell>Records late</TableHeaderCell>
                <TableHeaderCell>Escalations</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.teams.map((team) => (
                <TableRow key={team.supervisorId}>
                  <TableCell>{team.supervisorName}</TableCell>
                  <TableCell>{team.people}</TableCell>
                  <TableCell>{percent(team.sessionsHeld, team.sessionsDue)}</TableCell>
                  <TableCell>{team.sessionsLate}</TableCell>
                  <TableCell>{team.sessionsLapsed}</TableCell>
                  <TableCell>{team.recordsLate}</TableCell>
                  <TableCell>{team.escalations}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        <div className={styles.row}>
          <Button onClick={() => void download()}>Download the report (CSV)</Button>
        </div>
        {downloadError ? <ErrorBar error={downloadError} /> : null}
      </Section>
    </div>
  );
}
