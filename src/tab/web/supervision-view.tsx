/** "My supervision" (issue 13 item 1). */
import { Badge, Button, Card, CardHeader, Link, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { MySupervisionView, RecordSummaryView, YearGlanceView } from '../../usecases/tab/views.js';
import type { Api } from './api.js';
import { AgendaEditor } from './agenda-editor.js';
import { ActionItem } from './actions.js';
import { longDate, time } from './dates.js';
import { MilestonesSection } from './milestones.js';
import { RecordsToWrite } from './record-form.js';
import { RecordDialog, statusLabel } from './record-panel.js';
import { ErrorBar, Loading, Section, useLoad, useStyles } from './ui.js';

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function YearAtAGlance(props: { year: YearGlanceView }) {
  const styles = useStyles();
  const y = props.year;
  const items: [string, number, 'success' | 'brand' | 'warning' | 'danger' | 'informative'][] = [
    ['Held', y.held, 'success'],
    ['Booked', y.booked, 'brand'],
    ['Postponed', y.postponed, 'warning'],
    ['Missed', y.missed, 'danger'],
    ['Upcoming', y.upcoming, 'informative'],
  ];
  return (
    <ul className={styles.row} aria-label="The year at a glance" style={{ listStyleType: 'none', padding: 0, margin: 0 }}>
      {items.map(([label, n, color]) => (
        <li key={label}>
          <Badge size="extra-large" appearance="tint" color={color}>
            {label}: {n}
          </Badge>
        </li>
      ))}
      {y.recordDue > 0 ? (
        <li>
          <Badge size="extra-large" appearance="tint" color="warning">
            Record to write: {y.recordDue}
          </Badge>
        </li>
      ) : null}
    </ul>
  );
}

function RecordList(props: { records: readonly RecordSummaryView[]; open: (r: RecordSummaryView) => void; verb: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {props.records.map((r) => (
        <li key={r.sessionId} className={styles.item}>
          <span className={styles.grow}>
            <Text weight="semibold">{longDate(r.sessionDate)}</Text> <Text>with {r.withName}</Text> <Badge appearance="tint">{statusLabel(r.status, r.role === 'supervisee')}</Badge>
          </span>
          <Button size="small" appearance={r.waitingForMe ? 'primary' : 'secondary'} onClick={() => props.open(r)} aria-label={`${props.verb}: record of ${longDate(r.sessionDate)}`}>
            {props.verb}
          </Button>
        </li>
      ))}
    </ul>
  );
}

export function SupervisionView(props: { api: Api }) {
  const styles = useStyles();
  const { api } = props;
  const { data, error, reload, set } = useLoad(() => api.get<MySupervisionView>('/api/tab/supervision'), [api]);
  const [open, setOpen] = useState<RecordSummaryView | undefined>(undefined);
  if (error) return <ErrorBar error={error} onRetry={reload} />;
  if (!data) return <Loading label="Loading your supervision" />;
  return (
    <div className={styles.section}>
      <Section title="Next sessions">
        {data.sessions.length === 0 ? (
          <Text>No sessions are booked for you yet.</Text>
        ) : (
          <div className={styles.cards}>
            {data.sessions.slice(0, 6).map((s) => (
              <Card key={s.sessionId} aria-label={`${longDate(s.date)} with ${s.withName}`}>
                <CardHeader header={<Text weight="semibold">{longDate(s.date)}</Text>} description={<Text size={200}>{`${time(s.startUtc)}, ${s.minutes} minutes, with ${s.withName} (${s.role === 'supervisee' ? 'your supervisor' : 'you supervise'})`}</Text>} />
                {s.joinUrl ? (
                  <Link href={s.joinUrl} target="_blank" rel="noreferrer">
                    Join the Teams meeting
                  </Link>
                ) : s.place ? (
                  <Text>At {s.place}</Text>
                ) : null}
              </Card>
            ))}
          </div>
        )}
      </Section>
      <RecordsToWrite api={api} />
      <MilestonesSection api={api} />
      {data.agenda ? <AgendaEditor api={api} agenda={data.agenda} onChange={(agenda) => set({ ...data, agenda })} /> : null}
      <Section title="Open actions">
        {data.actions.length === 0 ? (
          <Text>No open actions.</Text>
        ) : (
          <ul className={styles.list}>
            {data.actions.map((a) => (
              <li key={a.actionId}>
                <ActionItem api={api} action={a} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Records waiting for you">
        {data.waiting.length === 0 ? <Text>Nothing is waiting for you.</Text> : <RecordList records={data.waiting} open={setOpen} verb="Read and sign" />}
      </Section>
      <Section title="Your filed records">
        {data.filed.length === 0 ? <Text>No signed records yet.</Text> : <RecordList records={data.filed} open={setOpen} verb="Read" />}
      </Section>
      {data.agreement ? (
        <Section title="Your supervision agreement">
          <Text>
            With {data.agreement.supervisorName}, {WEEKDAYS[data.agreement.weekday] ?? ''}s at {data.agreement.time} for {data.agreement.minutes} minutes ({data.agreement.format}), from {longDate(data.agreement.agreementDate)}; review by {longDate(data.agreement.reviewDate)}. It follows {data.agreement.policyTitle}.
          </Text>
          <Section title="The year at a glance" level={3}>
            <YearAtAGlance year={data.agreement.year} />
          </Section>
        </Section>
      ) : null}
      {open ? (
        <RecordDialog
          api={api}
          agreementId={open.agreementId}
          sessionId={open.sessionId}
          onClose={(changed) => {
            setOpen(undefined);
            if (changed) reload();
          }}
        />
      ) : null}
    </div>
  );
}
