/** "My team" (issue 13 item 2): each supervisee's statuses, and the year view with drill-in. */
import { Badge, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CellOutcome, MyTeamView, PersonDrillView, TeamMemberView } from '../../usecases/tab/views.js';
import type { Api } from './api.js';
import { longDate, shortDate } from './dates.js';
import { statusLabel } from './record-panel.js';
import { ErrorBar, Loading, Section, useLoad, useStyles } from './ui.js';

const useGridStyles = makeStyles({
  grid: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase100 },
  name: { textAlign: 'left', paddingRight: tokens.spacingHorizontalS, whiteSpace: 'nowrap', fontWeight: tokens.fontWeightSemibold },
  cell: { width: '14px', height: '18px', minWidth: '14px', padding: 0, textAlign: 'center', border: `1px solid ${tokens.colorNeutralStroke2}` },
  held: { backgroundColor: tokens.colorPaletteGreenBackground3, color: tokens.colorNeutralForegroundOnBrand },
  missed: { backgroundColor: tokens.colorPaletteRedBackground3, color: tokens.colorNeutralForegroundOnBrand },
  postponed: { backgroundColor: tokens.colorPaletteYellowBackground3, color: tokens.colorNeutralForeground1 },
  upcoming: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorNeutralForeground1 },
  due: { backgroundColor: tokens.colorPaletteDarkOrangeBackground3, color: tokens.colorNeutralForeground1 },
  legend: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, listStyleType: 'none', padding: 0, margin: 0 },
});

/** Each outcome by colour and by letter: colour is never the only cue. */
export const OUTCOMES: Record<CellOutcome, { label: string; letter: string; style: 'held' | 'missed' | 'postponed' | 'upcoming' | 'due' | undefined }> = {
  held: { label: 'Held', letter: 'H', style: 'held' },
  missed: { label: 'Missed', letter: 'M', style: 'missed' },
  postponed: { label: 'Postponed', letter: 'P', style: 'postponed' },
  'record-due': { label: 'Held, record to write', letter: 'R', style: 'due' },
  upcoming: { label: 'Booked, to come', letter: 'B', style: 'upcoming' },
  cancelled: { label: 'Cancelled', letter: 'C', style: undefined },
  planned: { label: 'Planned', letter: '·', style: undefined },
};

function weekIndex(from: string, date: string): number {
  return Math.floor((Date.parse(`${date}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / (7 * 86_400_000));
}

function YearGrid(props: { team: MyTeamView; onOpen: (m: TeamMemberView) => void }) {
  const styles = useStyles();
  const g = useGridStyles();
  const { team } = props;
  const weeks = Array.from({ length: team.weeks }, (_v, i) => i);
  return (
    <>
      <ul className={g.legend} aria-label="Key">
        {(['held', 'record-due', 'upcoming', 'postponed', 'missed'] as const).map((o) => (
          <li key={o}>
            <span className={`${g.cell} ${OUTCOMES[o].style ? g[OUTCOMES[o].style] : ''}`} style={{ display: 'inline-block' }} aria-hidden="true">
              {OUTCOMES[o].letter}
            </span>{' '}
            <Text size={200}>{OUTCOMES[o].label}</Text>
          </li>
        ))}
      </ul>
      <div className={styles.scroll} role="region" aria-label="Year view, people by week" tabIndex={0}>
        <table className={g.grid}>
          <caption className={styles.muted} style={{ textAlign: 'left' }}>
            Weeks from {longDate(team.weeksFrom)}
          </caption>
          <tbody>
            {team.members.map((m) => {
              const byWeek = new Map(m.year.map((c) => [weekIndex(team.weeksFrom, c.date), c]));
              return (
                <tr key={m.agreementId}>
                  <th scope="row" className={g.name}>
                    <Button size="small" appearance="transparent" onClick={() => props.onOpen(m)} aria-label={`See ${m.name}'s year`}>
                      {m.name}
                    </Button>
                  </th>
                  {weeks.map((w) => {
                    const c = byWeek.get(w);
                    const o = c ? OUTCOMES[c.outcome] : undefined;
                    return (
                      <td key={w} className={`${g.cell} ${o?.style ? g[o.style] : ''}`} title={c && o ? `${shortDate(c.date)}: ${o.label}` : undefined}>
                        {c && o ? (
                          <>
                            <span aria-hidden="true">{o.letter}</span>
                            <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{`${shortDate(c.date)}: ${o.label}`}</span>
                          </>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Drill(props: { api: Api; member: TeamMemberView; onClose: () => void }) {
  const styles = useStyles();
  const { data, error } = useLoad(() => props.api.get<PersonDrillView>(`/api/tab/team/people/${encodeURIComponent(props.member.personId)}`), [props.member.personId]);
  return (
    <Section title={`${props.member.name}: the year`} level={3}>
      {error ? <ErrorBar error={error} /> : null}
      {!data && !error ? <Loading label="Loading" /> : null}
      {data ? (
        <ul className={styles.list}>
          {data.sessions.map((s) => (
            <li key={s.sessionId} className={styles.item}>
              <Text>{longDate(s.date)}</Text>
              <span className={styles.row}>
                <Badge appearance="tint">{OUTCOMES[s.outcome].label}</Badge>
                {s.recordStatus ? <Badge appearance="outline">Record: {statusLabel(s.recordStatus, false)}</Badge> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className={styles.row}>
        <Button onClick={props.onClose}>Close {props.member.name}&apos;s year</Button>
      </div>
    </Section>
  );
}

export function TeamView(props: { api: Api }) {
  const styles = useStyles();
  const { data, error, reload } = useLoad(() => props.api.get<MyTeamView>('/api/tab/team'), [props.api]);
  const [open, setOpen] = useState<TeamMemberView | undefined>(undefined);
  if (error) return <ErrorBar error={error} onRetry={reload} />;
  if (!data) return <Loading label="Loading your team" />;
  return (
    <div className={styles.section}>
      <Section title="Your supervisees">
        {data.members.length === 0 ? (
          <Text>No supervision agreements with your team yet. Type &quot;new agreement&quot; in the chat to start one.</Text>
        ) : (
          <div className={styles.scroll} role="region" aria-label="Your supervisees" tabIndex={0}>
            <Table aria-label="Your supervisees" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Supervisee</TableHeaderCell>
                  <TableHeaderCell>Next session</TableHeaderCell>
                  <TableHeaderCell>Last held</TableHeaderCell>
                  <TableHeaderCell>Latest record</TableHeaderCell>
                  <TableHeaderCell>Overdue</TableHeaderCell>
                  <TableHeaderCell>Open escalations</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.members.map((m) => (
                  <TableRow key={m.agreementId}>
                    <TableCell>{m.name}</TableCell>
                    <TableCell>{m.nextSession ? shortDate(m.nextSession.date) : 'None booked'}</TableCell>
                    <TableCell>{m.lastHeld ? shortDate(m.lastHeld) : 'Not yet'}</TableCell>
                    <TableCell>{m.recordStatus ? statusLabel(m.recordStatus, false) : 'None yet'}</TableCell>
                    <TableCell>{m.overdueObligations > 0 ? <Badge color="danger">{m.overdueObligations}</Badge> : '0'}</TableCell>
                    <TableCell>{m.openEscalations > 0 ? <Badge color="warning">{m.openEscalations}</Badge> : '0'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Section>
      {data.members.length > 0 ? (
        <Section title="Year view">
          <YearGrid team={data} onOpen={setOpen} />
        </Section>
      ) : null}
      {open ? <Drill api={props.api} member={open} onClose={() => setOpen(undefined)} /> : null}
    </div>
  );
}
