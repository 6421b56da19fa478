import { describe, expect, it } from 'vitest';
import { dayAndTimeInWords, dayInWords, instantInWords, parseBritishDate } from '../../../src/domain/words/dates.js';

describe('dates as people in the UK read them (issue 15 item 3)', () => {
  it('long form, with the time in London', () => {
    expect(dayInWords('2026-12-31')).toBe('Thursday 31 December 2026');
    expect(dayAndTimeInWords('2026-12-31', '10:00')).toBe('Thursday 31 December 2026, 10:00');
    expect(instantInWords('2026-07-01T09:00:00Z')).toBe('Wednesday 1 July 2026, 10:00'); // BST
  });
});

describe('parseBritishDate: what people type, day first', () => {
  it.each([
    ['2 December 2026', '2026-12-02'],
    ['Wednesday 2 December 2026', '2026-12-02'],
    ['Wednesday, 2 December 2026', '2026-12-02'],
    ['2nd Dec 2026', '2026-12-02'],
    ['2 dec. 26', '2026-12-02'],
    ['02/12/2026', '2026-12-02'],
    ['2/12/26', '2026-12-02'],
    ['2.12.2026', '2026-12-02'],
    ['2026-12-02', '2026-12-02'],
    ['1 Sept 2027', '2027-09-01'],
    ['29 February 2028', '2028-02-29'],
  ])('"%s" is %s', (typed, date) => {
    expect(parseBritishDate(typed)).toBe(date);
  });
  it.each(['12/31/2026', '29 February 2027', '31 June 2026', 'next Tuesday', '', '2 Decembre 2026', '2026-13-01', '0/1/2026'])('"%s" is not a date', (typed) => {
    expect(parseBritishDate(typed)).toBeUndefined();
  });
});
