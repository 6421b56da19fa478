import { describe, expect, it } from 'vitest';
import { mailboxOfResource } from '../../../src/jobs/calendar-sync/change-subscriptions.js';

const user = '5f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const tenant = '84bd8158-6d4d-4958-8b9f-9d6445542f95';

describe('the mailbox a change notification names (issue 11 item 5, change-notifications-delivery-webhooks.md)', () => {
  it.each([
    [`users/${user}/events/AAMkAGI2`, 'as the product subscribes'],
    [`Users/${user}/Events/AAMkAGI2`, "as Outlook's resourceData @odata.id writes it"],
    [`/users/${user}/events`, 'with a leading slash, no event id'],
    [`users/${user}@${tenant}/events/AAMkAGI2`, "the user qualified by the tenant, as the docs' example"],
    [`Users/${user}@${tenant}/Events/AAMkAGI2`, 'the same, capitalised'],
    [`Users('${user}')/Events('AAMkAGI2')`, 'the OData key form'],
    [`Users('${user}%40${tenant}')/Events('AAMkAGI2')`, 'the key form, percent-encoded'],
  ])('%s (%s) names the user', (resource) => {
    expect(mailboxOfResource(resource)).toBe(user);
  });

  it('a user principal name stays whole (its domain is not a tenant id); other resources name no mailbox', () => {
    expect(mailboxOfResource('users/amara@northshire.gov.uk/events/x')).toBe('amara@northshire.gov.uk');
    expect(mailboxOfResource(`users/${user}/messages/x`)).toBeUndefined();
    expect(mailboxOfResource(`users/${user}/eventsx`)).toBeUndefined();
    expect(mailboxOfResource('groups/x/events/y')).toBeUndefined();
    expect(mailboxOfResource('users/%E0%A4%A/events/x')).toBeUndefined();
  });
});
