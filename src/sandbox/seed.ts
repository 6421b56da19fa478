import type { User } from '@microsoft/microsoft-graph-types';
import { createEvent } from './calendar.js';
import type { DemoOrg } from './demo-org.js';
import { SandboxStore } from './store.js';
import { seedLibraries } from './library-model.js';
import { formatInZone } from './time.js';

/** A fresh store holding the demo organisation: directory, calendars and the supervision site. */
export function seedStore(org: DemoOrg): SandboxStore {
  const store = new SandboxStore(org);
  const byAlias = new Map(org.people.map((p) => [p.alias, p]));
  for (const p of org.people) {
    const user: User = {
      id: p.id,
      displayName: p.displayName,
      givenName: p.givenName,
      surname: p.surname,
      mail: p.mail,
      userPrincipalName: p.userPrincipalName,
      jobTitle: p.jobTitle,
      department: p.department,
      officeLocation: p.officeLocation,
      employeeHireDate: p.employeeHireDate,
      companyName: org.organisation,
      businessPhones: [],
      mobilePhone: null,
      preferredLanguage: 'en-GB',
      accountEnabled: true,
      usageLocation: 'GB',
      userType: 'Member',
    };
    const manager = p.managerAlias ? byAlias.get(p.managerAlias)?.id : undefined;
    store.addUser(user, manager);
  }
  const nowMs = Date.parse(org.now);
  org.events.forEach((e, i) => {
    const organizer = byAlias.get(e.organizer);
    if (!organizer) return;
    const user = store.users.get(organizer.id);
    if (!user) return;
    createEvent(
      store,
      user,
      {
        subject: e.subject,
        // UK staff book in UK time; all-day events must sit on local midnights.
        start: { dateTime: formatInZone(Date.parse(e.start), 'Europe/London'), timeZone: 'GMT Standard Time' },
        end: { dateTime: formatInZone(Date.parse(e.end), 'Europe/London'), timeZone: 'GMT Standard Time' },
        isAllDay: e.isAllDay,
        showAs: e.showAs,
        categories: [...e.categories],
        isOnlineMeeting: e.isOnlineMeeting,
        body: { contentType: 'text', content: '' },
        ...(e.location ? { location: { displayName: e.location } } : {}),
        attendees: e.attendees
          .map((a) => byAlias.get(a))
          .filter((a) => a !== undefined)
          .map((a) => ({ type: 'required' as const, emailAddress: { address: a.mail, name: a.displayName } })),
      },
      nowMs,
      { seed: `seed:${i}:${e.organizer}` },
    );
  });
  seedLibraries(store, nowMs);
  return store;
}
