import { sandboxHono } from '../http/env.js';
import { authenticate } from '../http/middleware/authenticate.js';
import { refuseOtherMethods } from '../http/method-not-allowed.js';
import { operationMiddleware } from '../http/middleware/operations.js';
import { batchRoutes } from './batch/batch.js';
import { calendarViewRoutes } from './calendar/calendar-view.js';
import { eventRoutes } from './calendar/events.js';
import { mailboxSettingsRoutes } from './calendar/mailbox-settings.js';
import { scheduleRoutes } from './calendar/schedule.js';
import { managerRoutes } from './directory/managers.js';
import { userRoutes } from './directory/users.js';
import { mailRoutes } from './mail.js';
import { columnRoutes } from './sharepoint/columns.js';
import { siteRoutes } from './sharepoint/sites.js';
import { subscriptionRoutes } from './subscriptions.js';
import { teamsAppRoutes } from './teams/teams-apps.js';

/**
 * Every Graph v1.0 operation the sandbox serves (mounted at /v1.0). Every request first shows its
 * bearer token (401 without a valid one). The $batch envelope comes next: it is neither
 * throttled nor delayed, its sub-requests are. Then the operation middleware (counters, the
 * caller's permissions and mailbox scope, throttling, faults), then the routes, then a 405 for
 * each known path asked with another method.
 */
export const graphRoutes = sandboxHono();

graphRoutes.use('*', authenticate);
graphRoutes.route('/', batchRoutes);
graphRoutes.use('*', operationMiddleware);
graphRoutes.route('/', userRoutes);
graphRoutes.route('/', managerRoutes);
graphRoutes.route('/users/:user', eventRoutes);
graphRoutes.route('/users/:user/calendar', eventRoutes);
graphRoutes.route('/users/:user', calendarViewRoutes);
graphRoutes.route('/users/:user/calendar', calendarViewRoutes);
graphRoutes.route('/', scheduleRoutes);
graphRoutes.route('/', mailboxSettingsRoutes);
graphRoutes.route('/', columnRoutes);
graphRoutes.route('/', siteRoutes);
graphRoutes.route('/', mailRoutes);
graphRoutes.route('/', teamsAppRoutes);
graphRoutes.route('/', subscriptionRoutes);
refuseOtherMethods(graphRoutes);
