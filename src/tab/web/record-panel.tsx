/** A record: read it, sign it, or record a disagreement (the review card's choices). */
import { Badge, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { RecordView } from '../../usecases/tab/views.js';
import type { Api } from './api.js';
import { dateAndTime, longDate } from './dates.js';
import { ErrorBar, Loading, Notice, Section, useLoad, useStyles } from './ui.js';

const STATUS: Record<string, string> = { draft: 'Being written', shared: 'Waiting for your signature', disputed: 'Disagreement recorded', final: 'Signed by both', filed: 'Signed and filed', 'not-held': 'Did not take place' };

export function statusLabel(status: string, mine = true): string {
  if (status === 'shared' && !mine) return 'Waiting for the supervisee';
  return STATUS[status] ?? status;
}

export function RecordDialog(props: { api: Api; agreementId: string; sessionId: string; onClose: (changed: boolean) => void }) {
  const styles = useStyles();
  const { data, error, set } = useLoad(() => props.api.get<RecordView>(`/api/tab/records/${encodeURIComponent(props.agreementId)}/${encodeURIComponent(props.sessionId)}`), [props.agreementId, props.sessionId]);
  const [disagreeing, setDisagreeing] = useState(false);
  const [text, setText] = useState('');
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [changed, setChanged] = useState(false);

  // The words depend on whether the supervisor's chat was reached: never claim a delivery (issue 15 item 2).
  const act = async (path: string, body: Record<string, string>, done: (supervisorTold: boolean, supervisorName: string) => string) => {
    if (!data?.hash) return;
    setActionError(undefined);
    try {
      const r = await props.api.post<{ record: RecordView; changed: boolean; supervisorTold?: boolean }>(path, { agreementId: data.agreementId, sessionId: data.sessionId, hash: data.hash, ...body });
      set(r.record);
      setChanged(true);
      setDisagreeing(false);
      setNotice(done(r.supervisorTold === true, r.record.supervisorName));
    } catch (e) {
      setActionError(e);
    }
  };

  const c = data?.content;
  return (
    <Dialog open modalType="modal" onOpenChange={(_e, d) => !d.open && props.onClose(changed)}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{data ? `${data.content?.milestone ? `${data.content.milestone.label} record` : 'Supervision record'}, ${longDate(data.sessionDate)}` : 'Supervision record'}</DialogTitle>
          {/* A long record scrolls inside the dialog: focusable, so the keyboard can scroll it too. */}
          <DialogContent tabIndex={0} role="region" aria-label="The record">
            {error ? <ErrorBar error={error} /> : null}
            {!data && !error ? <Loading label="Opening the record" /> : null}
            {data ? (
              <div className={styles.section}>
                <Text>
                  {data.supervisorName} (supervisor) and {data.superviseeName} (supervisee). <Badge appearance="tint">{statusLabel(data.status, data.role === 'supervisee')}</Badge>
                  {data.version ? ` Version ${data.version}.` : ''}
                </Text>
                {c?.milestone ? (
                  // A review or milestone's record (issue 14 item 1): the day it took place and its outcome.
                  <>
                    <Text>Took place on {longDate(c.milestone.heldOn)}.</Text>
                    <Section title="Outcome" level={3}>
                      <Text style={{ whiteSpace: 'pre-wrap' }}>{c.milestone.outcome}</Text>
                    </Section>
                  </>
                ) : c ? (
                  <>
                    <Section title="Standing items" level={3}>
                      <ul>
                        {c.standingItems.map((s) => (
                          <li key={s.text}>
                            {s.text}: {s.status === 'addressed' ? 'addressed' : 'not applicable'}
                            {s.notes ? `. ${s.notes}` : ''}
                          </li>
                        ))}
                      </ul>
                    </Section>
                    {c.agendaItems.length > 0 ? (
                      <Section title="Agenda items" level={3}>
                        <ul>
                          {c.agendaItems.map((a) => (
                            <li key={a.text}>{a.caseRef ? `Case ${a.caseRef}: ${a.text}` : a.text}</li>
                          ))}
                        </ul>
                      </Section>
                    ) : null}
                    <Section title="Discussion" level={3}>
                      <Text style={{ whiteSpace: 'pre-wrap' }}>{c.discussion}</Text>
                    </Section>
                    {c.decisions ? (
                      <Section title="Decisions" level={3}>
                        <Text style={{ whiteSpace: 'pre-wrap' }}>{c.decisions}</Text>
                      </Section>
                    ) : null}
                    <Section title="Actions" level={3}>
                      <ul>
                        {c.actions.map((a) => (
                          <li key={a.text}>
                            {a.text} ({a.ownerName}, by {longDate(a.due)})
                          </li>
                        ))}
                      </ul>
                    </Section>
                    <Text>Personal issues discussed: {c.personalIssuesDiscussed ? 'yes' : 'no'}.</Text>
                    {c.nextMeetingDate ? <Text>Next meeting: {longDate(c.nextMeetingDate)}.</Text> : null}
                  </>
                ) : (
                  <Text>The supervisor has not shared this record yet.</Text>
                )}
                {data.disagreements.map((d) => (
                  <Text key={d.at}>
                    Disagreement on version {d.version} by {d.byName}, {dateAndTime(d.at)}: “{d.text}”
                  </Text>
                ))}
                {data.supervisorSignedAt ? <Text size={200}>Signed by the supervisor {dateAndTime(data.supervisorSignedAt)}.</Text> : null}
                {data.superviseeSignedAt ? <Text size={200}>Signed by the supervisee {dateAndTime(data.superviseeSignedAt)}.</Text> : null}
                {disagreeing ? (
                  <form
                    className={styles.form}
                    onSubmit={(e) => {
                      e.preventDefault();
                      void act('/api/tab/records/disagree', { text }, (told, name) =>
                        told
                          ? `Your disagreement is recorded and stays part of the record. ${name} has been asked to amend it.`
                          : `Your disagreement is recorded and stays part of the record. ${name} will see it when they open the record.`,
                      );
                    }}
                  >
                    <Field label="What do you disagree with?" hint="It stays part of the record.">
                      <Textarea value={text} onChange={(_e, d) => setText(d.value)} maxLength={4000} />
                    </Field>
                    <div className={styles.row}>
                      <Button type="submit" appearance="primary" disabled={text.trim() === ''}>
                        Record my disagreement
                      </Button>
                    </div>
                  </form>
                ) : null}
                <div aria-live="polite">{notice ? <Notice text={notice} /> : null}</div>
                {actionError ? <ErrorBar error={actionError} /> : null}
              </div>
            ) : null}
          </DialogContent>
          <DialogActions fluid>
            {data?.canSign ? (
              <>
                <Button appearance="primary" onClick={() => void act('/api/tab/records/sign', {}, () => 'Signed. The record is final once both signatures cover this version.')}>
                  Sign the record
                </Button>
                <Button onClick={() => setDisagreeing(true)}>I disagree</Button>
              </>
            ) : null}
            <Button appearance="secondary" onClick={() => props.onClose(changed)}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
