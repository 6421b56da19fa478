/**
 * The supervision record written in the tab: the chat's record card as a form, with the same
 * field ids, sent to the same use case (every standing item addressed or not applicable; agenda
 * items with their case discussions — category as the policy names it, discussed or not, closed or
 * transferred; discussion, decisions, actions with owner and due date; personal issues yes or no).
 */
import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Radio, RadioGroup, Select, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { RecordFormView, RecordShareAnswer, RecordToWriteView } from '../../usecases/tab/views.js';
import type { Api } from './api.js';
import { longDate } from './dates.js';
import { ErrorBar, Loading, Notice, Section, useLoad, useStyles } from './ui.js';

export function RecordsToWrite(props: { api: Api }) {
  const styles = useStyles();
  const { data, error, reload } = useLoad(() => props.api.get<RecordToWriteView[]>('/api/tab/records-to-write'), [props.api]);
  const [open, setOpen] = useState<RecordToWriteView | undefined>(undefined);
  if (error) return <ErrorBar error={error} onRetry={reload} />;
  if (!data || data.length === 0) return null;
  return (
    <Section title="Records to write">
      <ul className={styles.list}>
        {data.map((r) => (
          <li key={r.sessionId} className={styles.item}>
            <span className={styles.grow}>
              <Text weight="semibold">{longDate(r.date)}</Text> <Text>with {r.withName}</Text>
            </span>
            <Button size="small" appearance="primary" onClick={() => setOpen(r)} aria-label={`Write the record: ${longDate(r.date)} with ${r.withName}`}>
              Write the record
            </Button>
          </li>
        ))}
      </ul>
      {open ? (
        <RecordFormDialog
          api={props.api}
          agreementId={open.agreementId}
          sessionId={open.sessionId}
          onClose={(changed) => {
            setOpen(undefined);
            if (changed) reload();
          }}
        />
      ) : null}
    </Section>
  );
}

export function RecordFormDialog(props: { api: Api; agreementId: string; sessionId: string; onClose: (changed: boolean) => void }) {
  const styles = useStyles();
  const path = `/api/tab/records/${encodeURIComponent(props.agreementId)}/${encodeURIComponent(props.sessionId)}/form`;
  const { data: form, error, set } = useLoad(() => props.api.get<RecordFormView>(path), [path]);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);

  const v = (id: string) => edits[id] ?? form?.values[id] ?? '';
  const put = (id: string, value: string) => setEdits((e) => ({ ...e, [id]: value }));
  const err = (id: string | undefined) => (id ? errors[id] : undefined);
  const state = (id: string | undefined) => (err(id) ? ('error' as const) : ('none' as const));

  const submit = async () => {
    if (!form) return;
    setActionError(undefined);
    setBusy(true);
    try {
      const fields: Record<string, string> = { ...form.values, ...edits };
      const answer = await props.api.post<RecordShareAnswer>('/api/tab/records/share', {
        ...fields,
        agreementId: form.agreementId,
        sessionId: form.sessionId,
        basedOn: String(form.basedOn),
        actionIds: form.actionIds.join(','),
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
            ? `Signed and shared with ${form.superviseeName} (version ${version}). They have been sent it to sign.`
            : `Signed and saved (version ${version}). ${form.superviseeName} will find it waiting in this tab, or by typing "my records" in chat.`,
      );
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const general = [errors['form'], errors['standingItems'], errors['actions']].filter((x): x is string => Boolean(x));
  const count = Object.keys(errors).length;
  return (
    <Dialog open modalType="modal" onOpenChange={(_e, d) => !d.open && props.onClose(changed)}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{form ? `${form.basedOn > 0 ? 'Amend the record' : 'Record of supervision'} with ${form.superviseeName}` : 'Record of supervision'}</DialogTitle>
          <DialogContent tabIndex={0} role="region" aria-label="The record form">
            {error ? <ErrorBar error={error} /> : null}
            {!form && !error ? <Loading label="Opening the record" /> : null}
            {form ? (
              <form
                className={styles.form}
                aria-label="The supervision record"
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  void submit();
                }}
              >
                <Text>
                  {form.templateName}, session of {longDate(form.sessionDate)}.
                  {form.basedOn > 0 ? ` Amending version ${form.basedOn}: your change becomes version ${form.basedOn + 1}, and both of you sign again.` : ''}
                </Text>
                {count > 0 ? (
                  <Text role="alert" weight="semibold">
                    {[`Please fix the ${count === 1 ? 'field' : `${count} fields`} marked below.`, ...general].join(' ')}
                  </Text>
                ) : null}
                <Section title="Standing items" level={3}>
                  {form.standingItems.length === 0 ? <Text>Your policy lists no standing items for this role.</Text> : <Text size={200}>Mark every standing item on your policy's agenda as addressed or not applicable.</Text>}
                  {form.standingItems.map((item) => (
                    <div key={item.statusId} className={styles.section}>
                      <Field label={item.label} validationMessage={err(item.statusId)} validationState={state(item.statusId)}>
                        <RadioGroup layout="horizontal" value={v(item.statusId)} onChange={(_e, d) => put(item.statusId, d.value)}>
                          <Radio value="addressed" label="Addressed" />
                          <Radio value="not-applicable" label="Not applicable" />
                        </RadioGroup>
                      </Field>
                      {item.statusOnly ? null : (
                        <Field label={`Notes: ${item.label}`} validationMessage={err(item.notesId)} validationState={state(item.notesId)}>
                          <Textarea value={v(item.notesId)} onChange={(_e, d) => put(item.notesId, d.value)} maxLength={4000} resize="vertical" />
                        </Field>
                      )}
                    </div>
                  ))}
                </Section>
                <Section title="Agenda items and case discussions" level={3}>
                  {form.agendaItems.length === 0 ? <Text>No items were added to the agenda.</Text> : null}
                  {form.agendaItems.map((item, i) =>
                    item.categoryId && item.discussedId && item.closedId ? (
                      <fieldset key={item.categoryId} className={styles.section} style={{ border: 'none', margin: 0, padding: 0 }}>
                        <legend>
                          <Text weight="semibold">{item.line}</Text>
                        </legend>
                        <Field label={`Case category, case ${item.caseRef ?? ''}`} validationMessage={err(item.categoryId)} validationState={state(item.categoryId)}>
                          <Select value={v(item.categoryId)} onChange={(_e, d) => put(item.categoryId!, d.value)}>
                            <option value="">Choose the category</option>
                            {form.caseCategories.map((c) => (
                              <option key={c.id} value={c.id}>
                                {c.label}
                              </option>
                            ))}
                          </Select>
                        </Field>
                        <Checkbox label={`Case ${item.caseRef ?? ''} was discussed at this session`} checked={v(item.discussedId) === 'true'} onChange={(_e, d) => put(item.discussedId!, d.checked === true ? 'true' : 'false')} />
                        <Checkbox label={`Case ${item.caseRef ?? ''} is closed or transferred`} checked={v(item.closedId) === 'true'} onChange={(_e, d) => put(item.closedId!, d.checked === true ? 'true' : 'false')} />
                      </fieldset>
                    ) : (
                      <Text key={`item-${i}`}>{item.line}</Text>
                    ),
                  )}
                </Section>
                <Field label="What was discussed" validationMessage={err('discussion')} validationState={state('discussion')}>
                  <Textarea value={v('discussion')} onChange={(_e, d) => put('discussion', d.value)} maxLength={20000} resize="vertical" rows={5} />
                </Field>
                <Field label="Decisions" validationMessage={err('decisions')} validationState={state('decisions')}>
                  <Textarea value={v('decisions')} onChange={(_e, d) => put('decisions', d.value)} maxLength={20000} resize="vertical" />
                </Field>
                <Section title="Actions" level={3}>
                  <Text size={200}>Each action needs an owner and a due date. Leave a row empty if you need fewer.</Text>
                  {form.actions.map((a, i) => (
                    <div key={a.textId} className={styles.row}>
                      <Field label={`Action ${i + 1}`} validationMessage={err(a.textId)} validationState={state(a.textId)} className={styles.grow}>
                        <Input value={v(a.textId)} onChange={(_e, d) => put(a.textId, d.value)} maxLength={1000} />
                      </Field>
                      <Field label={`Owner of action ${i + 1}`} validationMessage={err(a.ownerId)} validationState={state(a.ownerId)}>
                        <Select value={v(a.ownerId)} onChange={(_e, d) => put(a.ownerId, d.value)}>
                          <option value="">Choose</option>
                          <option value="supervisee">{form.superviseeName}</option>
                          <option value="supervisor">{form.supervisorName}</option>
                        </Select>
                      </Field>
                      <Field label={`Due date of action ${i + 1}`} validationMessage={err(a.dueId)} validationState={state(a.dueId)}>
                        <Input type="date" value={v(a.dueId)} onChange={(_e, d) => put(a.dueId, d.value)} />
                      </Field>
                    </div>
                  ))}
                </Section>
                <Field label="Were personal issues discussed?" hint="Record only whether they were, never the details." validationMessage={err('personalIssues')} validationState={state('personalIssues')}>
                  <RadioGroup layout="horizontal" value={v('personalIssues')} onChange={(_e, d) => put('personalIssues', d.value)}>
                    <Radio value="yes" label="Yes" />
                    <Radio value="no" label="No" />
                  </RadioGroup>
                </Field>
                <Field label="A disagreement noted during the session (if any)" validationMessage={err('disagreementNoted')} validationState={state('disagreementNoted')}>
                  <Textarea value={v('disagreementNoted')} onChange={(_e, d) => put('disagreementNoted', d.value)} maxLength={4000} resize="vertical" />
                </Field>
                <Field label="Next meeting" validationMessage={err('nextMeetingDate')} validationState={state('nextMeetingDate')}>
                  <Input type="date" value={v('nextMeetingDate')} onChange={(_e, d) => put('nextMeetingDate', d.value)} />
                </Field>
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
