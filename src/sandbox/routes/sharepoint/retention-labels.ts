import { errors } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { readJson } from '../../http/request.js';
import { json, noContent } from '../../http/reply.js';
import type { StoredDriveItem } from '../../store.js';
import { contextUrl, type GraphContext } from '../common.js';
import { existingItem, itemAddress } from './item-address.js';
import { locked } from './item-rules.js';

function retentionBody(item: StoredDriveItem): Record<string, unknown> {
  const l = item.retentionLabel;
  if (!l) throw errors.driveItemNotFound();
  return {
    name: l.name,
    retentionSettings: {
      behaviorDuringRetentionPeriod: l.record ? 'retainAsRecord' : 'retain',
      isDeleteAllowed: false,
      isRecordLocked: l.isRecordLocked,
      isMetadataUpdateAllowed: !l.isRecordLocked,
      isContentUpdateAllowed: !l.isRecordLocked,
      isLabelUpdateAllowed: !l.isRecordLocked,
    },
    isLabelAppliedExplicitly: true,
    labelAppliedDateTime: new Date(l.appliedMs).toISOString(),
    labelAppliedBy: { application: { displayName: 'Supervision Assistant' } },
  };
}

function labelContext(c: GraphContext, item: StoredDriveItem): string {
  return contextUrl(c, `drives('${item.driveId}')/items('${item.id}')/retentionLabel/$entity`);
}

/**
 * A file's retention label. `Supervision record` is a record label: applying it locks the file
 * (423 resourceLocked on changes) until retentionSettings.isRecordLocked is set false.
 */
export const retentionLabelRoutes = sandboxHono();

// driveitem-getretentionlabel.md
retentionLabelRoutes.get(`/${itemAddress}/retentionLabel`, (c) => {
  const item = existingItem(c);
  return json(200, { '@odata.context': labelContext(c, item), ...retentionBody(item) });
});

// driveitem-setretentionlabel.md (201 the first time, 200 after) and
// driveitem-lockorunlockrecord.md (retentionSettings.isRecordLocked on a record).
retentionLabelRoutes.patch(`/${itemAddress}/retentionLabel`, async (c) => {
  const item = existingItem(c);
  const { store, now } = c.var.tenant;
  const body = await readJson<{ name?: unknown; retentionSettings?: { isRecordLocked?: unknown } }>(c);
  const first = !item.retentionLabel;
  if (typeof body.name === 'string') {
    const def = store.org.site.retentionLabels.find((l) => l.name === body.name);
    if (!def) throw errors.badRequest(`The retention label '${body.name}' was not found.`, 'invalidRequest');
    if (item.retentionLabel?.isRecordLocked && item.retentionLabel.name !== def.name) throw locked();
    const record = def.behaviorDuringRetentionPeriod === 'retainAsRecord';
    item.retentionLabel = { name: def.name, appliedMs: now(), record, isRecordLocked: record };
  }
  const lock = body.retentionSettings?.isRecordLocked;
  if (typeof lock === 'boolean') {
    if (!item.retentionLabel?.record) throw errors.badRequest('Only an item labelled as a record can be locked or unlocked.', 'invalidRequest');
    item.retentionLabel.isRecordLocked = lock;
  }
  if (!item.retentionLabel) throw errors.badRequest("The request body must name a retention label ('name').", 'invalidRequest');
  store.changed();
  return json(first ? 201 : 200, { '@odata.context': labelContext(c, item), ...retentionBody(item) });
});

// driveitem-removeretentionlabel.md: refused (423) while the record is locked.
retentionLabelRoutes.delete(`/${itemAddress}/retentionLabel`, (c) => {
  const item = existingItem(c);
  if (!item.retentionLabel) throw errors.driveItemNotFound();
  if (item.retentionLabel.isRecordLocked) throw locked();
  delete item.retentionLabel;
  c.var.tenant.store.changed();
  return noContent(204);
});
