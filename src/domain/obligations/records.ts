import { withinWorkingDays } from '../calendar/conventions.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { cite } from '../../policy/cite.js';
import type { PolicyPack } from '../../policy/schema.js';
import { isLocalSource, isSpecified } from '../../policy/schema.js';
import type { History } from './history.js';
import { notSpecifiedObligation, obligation } from './judge.js';
import { sessionSubject } from './obligation-id.js';
import type { Obligation } from './types.js';

/** Session records (shared, signed) and postponements, one obligation per session. */
export function recordObligations(pack: PolicyPack, history: History, at: LocalDate, cal: WorkingCalendar): Obligation[] {
  const out: Obligation[] = [];
  const d = pack.deadlines;
  const from = history.agreement.agreementDate;
  const sessions = history.sessions.filter((s) => s.date >= from && s.date <= at);
  const held = sessions.filter((s) => s.status === 'held');
  const heldDates = history.sessions.filter((s) => s.status === 'held' && s.date <= at).map((s) => s.date).sort();

  const shared = d.recordShared;
  if (!isSpecified(shared)) out.push(notSpecifiedObligation('record-shared', 'records', cite(pack, shared), shared.note ?? `${pack.shortName} gives no day limit for the record`));
  else {
    // Issue 14 b: the day limit is for the kinds of session it names (Buckinghamshire L42: case
    // supervision notes); the records of other kinds have none in this policy.
    const others = [...new Set(held.filter((s) => !shared.value.kinds.includes(s.kind)).map((s) => s.kind))];
    for (const kind of others) {
      out.push(notSpecifiedObligation('record-shared', `${kind}-records`, cite(pack, shared), `${pack.shortName} gives no day limit for the records of ${kind} supervision (its ${shared.value.workingDays} working days are for ${shared.value.kinds.join(' and ')} supervision)`));
    }
  }
  if (isSpecified(shared)) for (const s of held.filter((x) => shared.value.kinds.includes(x.kind))) {
    const due = withinWorkingDays(cal, s.date, shared.value.workingDays);
    out.push(obligation({
      kind: 'record-shared', subject: sessionSubject(s.date), due, metOn: s.record?.sharedOn,
      responsible: shared.value.by, modality: shared.modality, rule: cite(pack, shared), localConfiguration: isLocalSource(shared.source),
      detail: `record of the session on ${s.date} (${shared.value.record}) within ${shared.value.workingDays} working days (K1)`,
    }, at));
  }

  const signed = d.recordSigned;
  if (!isSpecified(signed)) out.push(notSpecifiedObligation('record-signed', 'records', cite(pack, signed), signed.note ?? `${pack.shortName} states no signature rule`));
  else for (const s of held) {
    const dates = signed.value.signatories.map((p) => (p === 'supervisor' ? s.record?.signedBySupervisor : s.record?.signedBySupervisee));
    const missing = signed.value.signatories.filter((_, i) => dates[i] === undefined || (dates[i] ?? '') > at);
    const metOn = missing.length === 0 ? dates.reduce<string>((m, x) => (x !== undefined && x > m ? x : m), '') : undefined;
    out.push(obligation({
      kind: 'record-signed', subject: sessionSubject(s.date), due: null, metOn: metOn || undefined,
      responsible: missing.length === 1 && missing[0] ? missing[0] : 'both', modality: signed.modality, rule: cite(pack, signed), localConfiguration: isLocalSource(signed.source),
      detail: missing.length === 0 ? `record of ${s.date} signed by ${signed.value.signatories.join(' and ')}` : `record of ${s.date} awaits the signature of ${missing.join(' and ')} (no day limit in the policy)`,
    }, at));
  }

  const postponed = sessions.filter((s) => s.status !== 'held');
  const rebook = d.postponementRebooked;
  const reasons = pack.postponement.allowedReasons;
  const mustRecord = pack.postponement.mustRecord;
  if (postponed.length > 0 && !isSpecified(rebook)) {
    out.push(notSpecifiedObligation('postponement-rebooked', 'postponements', cite(pack, rebook), rebook.note ?? `${pack.shortName} gives no day limit for rebooking`));
  }
  for (const s of postponed) {
    if (isSpecified(rebook)) {
      const due = withinWorkingDays(cal, s.date, rebook.value.workingDays);
      out.push(obligation({
        kind: 'postponement-rebooked', subject: sessionSubject(s.date), due, metOn: heldDates.find((h) => h >= s.date),
        responsible: rebook.value.by, modality: rebook.modality, rule: cite(pack, rebook), localConfiguration: isLocalSource(rebook.source),
        detail: `the ${s.status} session of ${s.date} takes place within ${rebook.value.workingDays} working days (K1)${s.rebookedTo ? `; rebooked to ${s.rebookedTo}` : ''}`,
      }, at));
    }
    if (isSpecified(reasons) && reasons.modality === 'must') {
      const ok = reasons.value.some((r) => r.id === s.reason);
      out.push(obligation({
        kind: 'postponement-reason', subject: sessionSubject(s.date), due: s.date, metOn: ok ? s.date : undefined,
        responsible: 'supervisor', modality: reasons.modality, rule: cite(pack, reasons), localConfiguration: isLocalSource(reasons.source),
        detail: ok ? `postponed for an allowed reason (${s.reason ?? ''})` : `reason "${s.reason ?? 'none recorded'}" is not one the policy allows (${reasons.value.map((r) => r.id).join(', ')})`,
      }, at));
    }
    if (isSpecified(mustRecord)) {
      const missing = mustRecord.value.filter((w) => (w === 'reason' ? !s.reason : !s.rebookedTo));
      out.push(obligation({
        kind: 'postponement-recorded', subject: sessionSubject(s.date), due: s.date, metOn: missing.length === 0 ? s.date : undefined,
        responsible: 'supervisor', modality: mustRecord.modality, rule: cite(pack, mustRecord), localConfiguration: isLocalSource(mustRecord.source),
        detail: missing.length === 0 ? `recorded: ${mustRecord.value.join(' and ')}` : `not recorded: ${missing.join(' and ')}`,
      }, at));
    }
  }
  return out;
}
