import { sandboxHono } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { contextUrl, mailboxUser } from '../common.js';

const workingHours = {
  daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  startTime: '09:00:00.0000000',
  endTime: '17:00:00.0000000',
  timeZone: { name: 'GMT Standard Time' },
};

/** A mailbox's default calendar and its settings. */
export const mailboxSettingsRoutes = sandboxHono();

// calendar-get.md; outlook-calendar-online-meetings.md: a calendar lists the online meeting
// providers it supports; a mailbox without Teams (tenant policy, no licence) supports none.
mailboxSettingsRoutes.get('/users/:user/calendar', (c) => {
  const user = mailboxUser(c, c.req.param('user'));
  const teams = !c.var.tenant.store.teamsOff.has(user.id as string);
  return json(200, {
    '@odata.context': contextUrl(c, `users('${user.id}')/calendar/$entity`),
    id: `AAMkAGNvcnRoY2FsZW5kYXI${Buffer.from(user.id as string).toString('base64url').slice(0, 24)}AAA=`,
    name: 'Calendar',
    color: 'auto',
    isDefaultCalendar: true,
    canShare: true,
    canViewPrivateItems: true,
    canEdit: true,
    allowedOnlineMeetingProviders: teams ? ['teamsForBusiness'] : [],
    defaultOnlineMeetingProvider: teams ? 'teamsForBusiness' : 'none',
    isTallyingResponses: true,
    isRemovable: false,
    owner: { name: user.displayName, address: user.mail },
  });
});

// user-get-mailboxsettings.md: everyone in the demo council works Monday to Friday, 09:00-17:00 UK time.
mailboxSettingsRoutes.get('/users/:user/mailboxSettings', (c) => {
  const user = mailboxUser(c, c.req.param('user'));
  return json(200, {
    '@odata.context': contextUrl(c, `users('${user.id}')/mailboxSettings`),
    archiveFolder: 'AAMkAGNvcnRoYXJjaGl2ZQAAA=',
    timeZone: 'GMT Standard Time',
    automaticRepliesSetting: { status: 'disabled', externalAudience: 'none', internalReplyMessage: '', externalReplyMessage: '' },
    dateFormat: 'dd/MM/yyyy',
    timeFormat: 'HH:mm',
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
    language: { locale: 'en-GB', displayName: 'English (United Kingdom)' },
    workingHours,
    userPurpose: 'user',
  });
});
