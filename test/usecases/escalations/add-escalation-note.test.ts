import { describe, expect, it } from 'vitest';
import { addEscalationNote } from '../../../src/usecases/escalations/add-escalation-note.js';
import { NOW, OBLIGATION, world } from './fixture.js';

const note = (byId: string, text: string) => ({ agreementId: 'ag-1', obligationId: OBLIGATION, byId, note: text, now: NOW });

describe('add a note to an escalation (use case)', () => {
  it('anyone the message reached, kept once in the audit log in their own words', async () => {
    const w = await world();
    expect(await addEscalationNote(w.deps.escalations, note('sm', '  Booked for next week. '))).toEqual({ saved: true });
    expect(await addEscalationNote(w.deps.escalations, note('sm', 'Booked for next week.'))).toEqual({ saved: false });
    expect(await addEscalationNote(w.deps.escalations, note('tm', 'Off sick.'))).toEqual({ saved: true });
    await expect(addEscalationNote(w.deps.escalations, note('hos', 'Not mine.'))).rejects.toMatchObject({ code: 'forbidden' });
    expect(w.audit().map((e) => `${e.event} ${e.recipientId}: ${e.note ?? ''}`)).toEqual(['note sm: Booked for next week.', 'note tm: Off sick.']);
  });

  it('an empty or overlong note is refused before anything is written', async () => {
    const w = await world();
    await expect(addEscalationNote(w.deps.escalations, note('sm', '   '))).rejects.toMatchObject({ code: 'invalid_input', message: 'Write the note first.' });
    await expect(addEscalationNote(w.deps.escalations, note('sm', 'x'.repeat(2001)))).rejects.toMatchObject({ code: 'invalid_input' });
    expect(w.audit()).toEqual([]);
  });
});
