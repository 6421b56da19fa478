import type { DemoOrg } from './demo-org.js';
import type { SandboxStore, StoredDriveItem } from './store.js';

export const rootItemId = '01NORTHSHIRESUPERVISIONROOT00000';

export function seedDrive(store: SandboxStore, org: DemoOrg, nowMs: number): void {
  const root: StoredDriveItem = {
    id: rootItemId,
    driveId: org.site.driveId,
    parentId: null,
    name: 'root',
    folder: true,
    size: 0,
    createdMs: nowMs,
    modifiedMs: nowMs,
    version: 1,
    listItemId: '0',
    fields: {},
  };
  store.items.set(root.id, root);
}

/** Path of an item below the drive root, e.g. `/Employees/jane/record.pdf`. */
export function itemPath(store: SandboxStore, item: StoredDriveItem): string {
  const names: string[] = [];
  let cur: StoredDriveItem | undefined = item;
  while (cur && cur.parentId !== null) {
    names.unshift(cur.name);
    cur = store.items.get(cur.parentId);
  }
  return `/${names.join('/')}`;
}
