import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@microsoft/microsoft-graph-types';
import { PageIterator } from '@microsoft/microsoft-graph-client';
import { demoOrg, findPerson } from '../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../src/sandbox/graph-server.js';
import { graphClient, raw, startTenant, testNow } from './helpers.js';

let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(async () => {
  await tenant.close();
});

describe('demo organisation', () => {
  it('is deterministic and has a manager chain up to the director', () => {
    const a = demoOrg(testNow);
    const b = demoOrg(testNow);
    expect(a).toEqual(b);
    expect(a.people.length).toBeGreaterThanOrEqual(38);
    const dir = a.people.filter((p) => p.role === 'director');
    expect(dir).toHaveLength(1);
    for (const p of a.people) {
      if (p.role === 'director') expect(p.managerAlias).toBeUndefined();
      else expect(findPerson(a, p.managerAlias ?? '')).toBeDefined();
    }
    expect(a.people.some((p) => p.asye)).toBe(true);
    for (const alias of ['sw1', 'tm1', 'nqsw1', 'sm1', 'dir', 'hos1', 'pa1', 'fsw1', 'bs1']) expect(findPerson(a, alias)).toBeDefined();
    expect(a.events.length).toBeGreaterThan(100);
  });
});

describe('users', () => {
  it('lists users with paging and default properties', async () => {
    const client = graphClient(tenant);
    const page = await client.api('/users').top(10).get();
    expect(page['@odata.context']).toContain('$metadata#users');
    expect(page.value).toHaveLength(10);
    expect(page['@odata.nextLink']).toContain('$skiptoken=');
    expect(page.value[0]).not.toHaveProperty('department');
    const all: User[] = [...page.value];
    let next: string | undefined = page['@odata.nextLink'];
    while (next) {
      const res = await raw(tenant, 'GET', next.slice(tenant.graphBaseUrl.length));
      all.push(...res.json.value);
      next = res.json['@odata.nextLink'];
    }
    expect(all.length).toBe(tenant.org.people.length);
  });

  it('follows nextLinks with the client and its PageIterator', async () => {
    const client = graphClient(tenant);
    const first = await client.api('/users').top(7).get();
    const seen: string[] = [];
    await new PageIterator(client, first, (u: User) => {
      seen.push(u.id as string);
      return true;
    }).iterate();
    expect(new Set(seen).size).toBe(tenant.org.people.length);
    const second = await client.api(first['@odata.nextLink']).get();
    expect(second.value).toHaveLength(7);
  });

  it('filters by mail, jobTitle and startswith(displayName)', async () => {
    const client = graphClient(tenant);
    const sw1 = findPerson(tenant.org, 'sw1')!;
    const byMail = await client.api('/users').filter(`mail eq '${sw1.mail}'`).select('id,displayName,department,employeeHireDate').get();
    expect(byMail.value).toEqual([{ id: sw1.id, displayName: sw1.displayName, department: "Children's Services", employeeHireDate: sw1.employeeHireDate }]);
    const tms = await client.api('/users').filter("jobTitle eq 'Senior Practitioner'").get();
    expect(tms.value.length).toBe(4);
    const sw = await client.api('/users').filter(`startswith(displayName,'${sw1.givenName}')`).get();
    expect(sw.value.map((u: User) => u.id)).toContain(sw1.id);
    const counted = await raw(tenant, 'GET', `/users?$count=true&$top=1&$filter=${encodeURIComponent("department eq 'Children''s Services'")}`, undefined, { consistencylevel: 'eventual' });
    expect(counted.json['@odata.count']).toBe(tenant.org.people.length);
    const photo = await raw(tenant, 'GET', `/users/${sw1.id}/photo/$value`);
    expect(photo.status).toBe(404);
    expect(photo.json.error.code).toBe('ImageNotFound');
    const bad = await raw(tenant, 'GET', `/users?$filter=${encodeURIComponent("city eq 'x'")}`);
    expect(bad.status).toBe(400);
  });

  it('gets a user by id or UPN, the manager and direct reports', async () => {
    const client = graphClient(tenant);
    const sw1 = findPerson(tenant.org, 'sw1')!;
    const tm1 = findPerson(tenant.org, 'tm1')!;
    const byUpn = await client.api(`/users/${sw1.userPrincipalName}`).get();
    expect(byUpn.id).toBe(sw1.id);
    const mgr = await client.api(`/users/${sw1.id}/manager`).get();
    expect(mgr['@odata.type']).toBe('#microsoft.graph.user');
    expect(mgr.id).toBe(tm1.id);
    const reports = await client.api(`/users/${tm1.id}/directReports`).get();
    expect(reports.value.map((u: User) => u.id)).toContain(sw1.id);
    // walk the chain to the director
    let cur = sw1.id;
    const chain: string[] = [];
    for (;;) {
      const r = await raw(tenant, 'GET', `/users/${cur}/manager`);
      if (r.status === 404) {
        expect(r.json.error.code).toBe('Request_ResourceNotFound');
        break;
      }
      chain.push(r.json.jobTitle);
      cur = r.json.id;
    }
    expect(chain[chain.length - 1]).toBe("Director of Children's Services");
  });

  it('changes and removes a manager with $ref, and patches a job title', async () => {
    const client = graphClient(tenant);
    const sw3 = findPerson(tenant.org, 'sw3')!;
    const tm2 = findPerson(tenant.org, 'tm2')!;
    await client.api(`/users/${sw3.id}/manager/$ref`).put({ '@odata.id': `https://graph.microsoft.com/v1.0/users/${tm2.id}` });
    expect((await client.api(`/users/${sw3.id}/manager`).get()).id).toBe(tm2.id);
    await client.api(`/users/${sw3.id}/manager/$ref`).delete();
    const none = await raw(tenant, 'GET', `/users/${sw3.id}/manager`);
    expect(none.status).toBe(404);
    await client.api(`/users/${sw3.id}`).patch({ jobTitle: 'Senior Practitioner' });
    expect((await client.api(`/users/${sw3.id}`).get()).jobTitle).toBe('Senior Practitioner');
    tenant.reset();
    expect((await client.api(`/users/${sw3.id}/manager`).get()).id).toBe(findPerson(tenant.org, 'tm1')!.id);
  });

  it('answers unknown users and routes with Graph errors', async () => {
    const res = await raw(tenant, 'GET', '/users/00000000-0000-0000-0000-000000000000', undefined, { 'client-request-id': 'abc-123' });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('Request_ResourceNotFound');
    expect(res.json.error.innerError['client-request-id']).toBe('abc-123');
    expect(res.json.error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    const route = await raw(tenant, 'GET', '/nonsense/thing');
    expect(route.status).toBe(400);
    expect(route.json.error.code).toBe('BadRequest');
    const client = graphClient(tenant);
    await expect(client.api('/users/nobody@northshire.example').get()).rejects.toMatchObject({ statusCode: 404, code: 'Request_ResourceNotFound' });
  });
});

describe('scaled organisation', () => {
  it('adds supervisors with their teams, each with a manager chain', async () => {
    const { scaledOrg } = await import('../../src/sandbox/demo-org.js');
    const org = scaledOrg(testNow, { supervisors: 12, superviseesPerSupervisor: 8 });
    const supervisors = org.people.filter((x) => x.alias.startsWith('xtm'));
    expect(supervisors).toHaveLength(12);
    expect(org.people.filter((x) => x.managerAlias === 'xtm12')).toHaveLength(8);
    expect(new Set(org.people.map((x) => x.mail)).size).toBe(org.people.length);
    expect(new Set(org.people.map((x) => x.id)).size).toBe(org.people.length);
    for (const x of org.people) if (x.role !== 'director') expect(findPerson(org, x.managerAlias ?? '')).toBeDefined();
  });
});
