import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/domain/signing/canonical-json.js';
import { canonicalRecord, disagree, disagreementsOf, finalVersion, markFiled, markNotHeld, mayViewRecord, openRecord, saveDraft, shareVersion, signAsSupervisee } from '../../../src/domain/records/lifecycle.js';
import type { RecordContent, SessionRecord } from '../../../src/domain/records/schema.js';

const tm = { id: 'tm', name: 'Tariq Manager' };
const sw = { id: 'sw', name: 'Sam Worker' };
const other = { id: 'xx', name: 'Someone Else' };
const t = (n: number) => `2026-12-01T1${n}:00:00Z`;
const fresh = () => openRecord({ agreementId: 'a1', sessionId: 'a1-s01', sessionDate: '2026-12-01', policyId: 'sefton', templateId: 'welfare-supervision-record', supervisor: tm, supervisee: sw }, t(0));
const content = (discussion = 'd'): RecordContent => ({ standingItems: [{ text: 'How am I feeling?', status: 'addressed' }], agendaItems: [], discussion, decisions: '', actions: [], personalIssuesDiscussed: true });
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('record lifecycle (pure): share, sign, disagree, amend (Sefton ¶6.2 (L228), Central Bedfordshire BIC 532 cl.10 (L250))', () => {
  it('shared version carries the supervisor\'s signature over the canonical record\'s hash', () => {
    const r = shareVersion(fresh(), tm, content(), 0, t(1));
    const v = r.versions[0]!;
    expect(r.status).toBe('shared');
    expect(v.hash).toBe(contentHash(canonicalRecord(r, 1, content(), [])));
    expect(v.supervisorSignature).toEqual({ signerId: 'tm', signerName: 'Tariq Manager', signedAt: t(1), hash: v.hash });
  });

  it('a replayed share (same content, same basedOn) returns the very same record; a stale different one is refused', () => {
    const r = shareVersion(fresh(), tm, content(), 0, t(1));
    expect(shareVersion(r, tm, content(), 0, t(2))).toBe(r);
    expect(code(() => shareVersion(r, tm, content('other'), 0, t(2)))).toBe('precondition_failed');
    expect(code(() => shareVersion(r, tm, content(), 5, t(2)))).toBe('precondition_failed');
  });

  it('only the supervisor writes, shares or marks not held; only the supervisee signs or disagrees', () => {
    const r = shareVersion(fresh(), tm, content(), 0, t(1));
    expect(code(() => saveDraft(fresh(), sw, {}, t(1)))).toBe('forbidden');
    expect(code(() => shareVersion(fresh(), sw, content(), 0, t(1)))).toBe('forbidden');
    expect(code(() => signAsSupervisee(r, tm, r.versions[0]!.hash, t(2)))).toBe('forbidden');
    expect(code(() => disagree(r, other, r.versions[0]!.hash, 'no', t(2)))).toBe('forbidden');
    expect(code(() => markNotHeld(fresh(), sw, 'postponed', 'x', t(1)))).toBe('forbidden');
  });

  it('disagree, amend, sign: the disagreement stays in the next version\'s hash; both signatures over one hash make it final', () => {
    const v1 = shareVersion(fresh(), tm, content(), 0, t(1));
    const h1 = v1.versions[0]!.hash;
    const d = disagree(v1, sw, h1, 'Not what was said', t(2));
    expect(d.status).toBe('disputed');
    expect(disagree(d, sw, h1, 'Not what was said', t(3))).toBe(d);
    expect(code(() => disagree(d, sw, h1, 'Something else', t(3)))).toBe('conflict');
    const v2 = shareVersion(d, tm, content(), 1, t(4)); // same words, but the disagreement is now part of it
    const h2 = v2.versions[1]!.hash;
    expect(h2).not.toBe(h1);
    expect(disagreementsOf(v2).map((x) => x.text)).toEqual(['Not what was said']);
    expect(code(() => signAsSupervisee(v2, sw, h1, t(5)))).toBe('precondition_failed');
    const final = signAsSupervisee(v2, sw, h2, t(5));
    expect(final.status).toBe('final');
    expect(finalVersion(final)?.version).toBe(2);
    expect(signAsSupervisee(final, sw, h2, t(6))).toBe(final);
    expect(code(() => shareVersion(final, tm, content('late change'), 2, t(7)))).toBe('conflict');
    expect(code(() => saveDraft(final, tm, {}, t(7)))).toBe('conflict');
    const filed = markFiled(final, { pdfPath: 'p', jsonPath: 'j', driveItemIds: { pdf: '1', json: '2' }, filedAt: t(8) }, t(8));
    expect(filed.status).toBe('filed');
    expect(markFiled(filed, filed.filed!, t(9))).toBe(filed);
  });

  it('not held only from a draft, replay-safe', () => {
    const n = markNotHeld(fresh(), tm, 'postponed', 'Ill', t(1));
    expect(n).toMatchObject({ status: 'not-held', notHeld: { outcome: 'postponed', reason: 'Ill' } });
    expect(markNotHeld(n, tm, 'postponed', 'Ill', t(2))).toBe(n);
    expect(code(() => markNotHeld(shareVersion(fresh(), tm, content(), 0, t(1)), tm, 'cancelled', 'x', t(2)))).toBe('conflict');
  });

  it('property (issue 5 item 6): only the two parties may view a record, whatever id is asked about', () => {
    const r: SessionRecord = fresh();
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (id) => mayViewRecord(r, id) === (id === 'tm' || id === 'sw')));
    expect(mayViewRecord(r, undefined)).toBe(false);
  });

  it('property: any sequence of replays of share and sign leaves at most the versions actually made', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('share0', 'sign', 'share0again'), { maxLength: 8 }), (steps) => {
      let r = fresh();
      for (const step of steps) {
        const before = r;
        try {
          if (step === 'sign') r = signAsSupervisee(r, sw, r.versions.at(-1)?.hash ?? '0'.repeat(64), t(2));
          else r = shareVersion(r, tm, content(), 0, t(1));
        } catch {
          r = before;
        }
      }
      return r.versions.length <= 1 && (r.status !== 'final' || finalVersion(r) !== undefined);
    }));
  });
});
