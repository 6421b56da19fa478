/**
 * Reviews and milestones of the year (issue 14 item 1): the agreement's review, the ASYE learning
 * agreement and reviews, the PDR and its review, direct observation. Both people see them; the
 * supervisor records one that has taken place (the chat's milestone card, as a form); the
 * supervisee reads and signs it in the record dialog, as a supervision record.
 */
import { Badge, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { MilestoneFormView, MilestoneRecordAnswer, MilestoneView } from '../../usecases/tab/views.js';
import type { Api } from './api.js';
import { longDate, time } from './dates.js';
import { RecordDialog, statusLabel } from './record-panel.js';
import { ErrorBar, Loading, Notice, Section, useLoad, useStyles } from './ui.js';

/** What is on someone's plate (to record, to sign), then the next few to come. */
function shown(all: readonly MilestoneView[], now: string): MilestoneView[] {
  const todo = all.filter((m) => m.canRecord || m.waitingForMe);
  const next = all.filter((m) => !todo.includes(m) && m.startUtc > now).slice(0, 6);
  return [...todo, ...next];
}

function stateOf(m: MilestoneView): string {
  if (m.recordStatus && m.recordStatus !== 'draft') return statusLabel(m.recordStatus, m.role === 'supervisee');
  if (m.canRecord) return 'To record';
  return m.status === 'held' ? 'Held' : m.status === 'planned' ? 'Not booked yet' : 'Booked';
}

export function MilestonesSection(props: { api: Api }) {
  const styles = useStyles();
  const { api } = props;
  const { data, error, reload } = useLoad(() => api.get<MilestoneView[]>('/api/tab/milestones'), [api]);
  const [recording, setRecording] = useState<MilestoneView | undefined>(undefined);
  const [reading, setReading] = useState<MilestoneView | undefined>(undefined);
  const list = data ? shown(data, new Date().toISOString()) : [];
  return (
    <Section title="Reviews and milestones">
      {error ? <ErrorBar error={error} onRetry={reload} /> : null}
      {!data && !error ? <Loading label="Loading reviews and milestones" /> : null}
      {data && list.length === 0 ? <Text>No reviews or milestones are waiting or booked.</Text> : null}
      {list.length > 0 ? (
        <ul className={styles.list}>
          {list.map((m) => (
            <li key={m.milestoneId} className={styles.item}>
              <span className={styles.grow}>
                <Text weight="semibold">{m.label}</Text>{' '}
                <Text>
                  {longDate(m.date)} at {time(m.startUtc)}, {m.role === 'supervisee' ? `with ${m.withName}` : `for ${m.withName}`}
                  {m.place ? `, at ${m.place}` : ''}
                </Text>{' '}
                <Badge appearance="tint">{stateOf(m)}</Badge>
              </span>
              {m.canRecord ? (
                <Button size="small" appearance="primary" onClick={() => setRecording(m)} aria-label={`Record it: ${m.label}, ${longDate(m.date)}`}>
                  {m.recordStatus === 'disputed' ? 'Amend' : 'Record it'}
                </Button>
              ) : m.recordStatus && m.recordStatus !== 'draft' ? (
                <Button size="small" appearance={m.waitingForMe ? 'primary' : 'secondary'} onClick={() => setReading(m)} aria-label={`${m.waitingForMe ? 'Read and sign' : 'Read'}: ${m.label}, ${longDate(m.date)}`}>
                  {m.waitingForMe ? 'Read and sign' : 'Read'}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {recording ? (
        <MilestoneDialog
          api={api}
          milestone={recording}
          onClose={(changed) => {
            setRecording(undefined);
            if (changed) reload();
          }}
        />
      ) : null}
      {reading ? (
        <RecordDialog
          api={api}
          agreementId={reading.agreementId}
          sessionId={reading.milestoneId}
          onClose={(changed) => {
            setReading(undefined);
            if (changed) reload();
          }}
        />
      ) : null}
    </Section>
  );
}

/** The chat's milestone record card as a form: the day it took place and its outcome, then sign and share. */
export function MilestoneDialog(props: { api: Api; milestone: MilestoneView; onClose: (changed: boolean) => void }) {
  const styles = useStyles();
  const { api, milestone } = props;
  const path = `/api/tab/milestones/${encodeURIComponent(milestone.agreementId)}/${encodeURIComponent(milestone.milestoneId)}`;
  const { data: form, error, set } = useLoad(() => api.get<MilestoneFormView>(path), [path]);
  const [heldOn, setHeldOn] = useState<string | undefined>(undefined);
  const [outcome, setOutcome] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<{ heldOn?: string | undefined; outcome?: string | undefined }>({});
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!form) return;
    setActionError(undefined);
    setBusy(true);
    try {
      const answer = await api.post<MilestoneRecordAnswer>('/api/tab/milestones/record', {
        agreementId: form.agreementId,
        sessionId: form.milestoneId,
        basedOn: form.basedOn,
        heldOn: heldOn ?? form.heldOn,
        outcome: outcome ?? form.outcome,
      });
      if (answer.kind === 'invalid') {
        setErrors(answer.errors);
        set(answer.form);
        return;
      }
      setErrors({});
      setChanged(true);
      const version = answer.record.version ?? 1;
      setNotice(
        !answer.changed
          ? 'This version was already shared; nothing changed.'
          : answer.superviseeTold
            ? `Recorded, signed and shared with ${form.superviseeName} (version ${version}). They have been sent it to sign.`
            : `Recorded and signed (version ${version}). ${form.superviseeName} will find it waiting in this tab, or by typing "my records" in chat.`,
      );
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const count = Object.values(errors).filter(Boolean).length;
  return (
    <Dialog open modalType="modal" onOpenChange={(_e, d) => !d.open && props.onClose(changed)}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{form && form.basedOn > 0 ? `Amend the record: ${milestone.label}` : `${milestone.label}: ${milestone.withName}`}</DialogTitle>
          <DialogContent>
            {error ? <ErrorBar error={error} /> : null}
            {!form && !error ? <Loading label="Opening the form" /> : null}
            {form ? (
              <form
                className={styles.form}
                aria-label={`Record the ${milestone.label}`}
                // The use case checks the fields and answers in its own words, as on the chat card.
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  void submit();
                }}
              >
                <Text>
                  Record that it took place and its outcome. Booked for {longDate(form.date)}
                  {form.due ? `; your policy asks for it by ${longDate(form.due)}` : ''}.
                </Text>
                {form.why ? (
                  <details>
                    <summary>Why?</summary>
                    <blockquote>“{form.why.quote}”</blockquote>
                    <Text size={200}>{form.why.label}</Text>
                  </details>
                ) : null}
                {form.basedOn > 0 ? <Text>Amending version {form.basedOn}: your change becomes version {form.basedOn + 1}, and both of you sign again.</Text> : null}
                {count > 0 ? (
                  <Text role="alert" weight="semibold">
                    Please fix the {count === 1 ? 'field' : `${count} fields`} marked below.
                  </Text>
                ) : null}
                <Field label="The day it took place" validationMessage={errors.heldOn} validationState={errors.heldOn ? 'error' : 'none'} required>
                  <Input type="date" value={heldOn ?? form.heldOn} min={form.from} max={form.today} onChange={(_e, d) => setHeldOn(d.value)} />
                </Field>
                <Field label="Outcome" hint={form.outcomeHint} validationMessage={errors.outcome} validationState={errors.outcome ? 'error' : 'none'} required>
                  <Textarea value={outcome ?? form.outcome} onChange={(_e, d) => setOutcome(d.value)} maxLength={4000} resize="vertical" rows={5} />
                </Field>
                <Text size={200}>When you sign and share it, {form.superviseeName} is asked to sign it too; signed by both, it is kept in the supervision file.</Text>
                {!changed ? (
                  <div className={styles.row}>
                    <Button type="submit" appearance="primary" disabled={busy}>
                      Sign and share with {form.superviseeName}
                    </Button>
                  </div>
                ) : null}
              </form>
            ) : null}
            <div aria-live="polite">{notice ? <Notice text={notice} /> : null}</div>
            {actionError ? <ErrorBar error={actionError} /> : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={() => props.onClose(changed)}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
