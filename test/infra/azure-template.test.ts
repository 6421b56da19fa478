import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../scripts/infra/arm-expressions.js';
import { checkTemplate, parameterProblems, readParameters, readTemplate, secretProblems, ZArmTemplate, type ArmTemplate, type ResolvedResource } from '../../scripts/infra/arm-template.js';
import { renderParameters } from '../../scripts/infra/render-parameters.js';
import { readToolkitEnv } from '../../src/config/placeholders.js';

const template = readTemplate('infra/azure.json');
const devParameters = renderParameters(readToolkitEnv('dev'));
const values = Object.fromEntries(Object.entries(devParameters.file.parameters).map(([k, v]) => [k, v.value]));
const checked = checkTemplate(template, values);

const resourcesOf = (type: string, from: readonly ResolvedResource[] = checked.resources): ResolvedResource[] => from.filter((r) => r.type === type);
const one = (type: string, from: readonly ResolvedResource[] = checked.resources): ResolvedResource => {
  const found = resourcesOf(type, from);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const props = (r: ResolvedResource): Record<string, unknown> => r.value.properties as Record<string, unknown>;
const mutated = (change: (t: ArmTemplate) => void): ArmTemplate => {
  const copy = ZArmTemplate.parse(structuredClone(JSON.parse(readFileSync('infra/azure.json', 'utf8'))));
  change(copy);
  return copy;
};

/** The secure settings the issue asks for, as problems (empty when all hold). */
function insecureSettings(resources: readonly ResolvedResource[]): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  for (const storage of resourcesOf('Microsoft.Storage/storageAccounts', resources)) {
    const p = props(storage);
    need(p.allowSharedKeyAccess === false, 'storage: shared-key access must be off');
    need(p.allowBlobPublicAccess === false, 'storage: public blob access must be off');
    need(p.minimumTlsVersion === 'TLS1_2', 'storage: minimum TLS 1.2');
    need(p.supportsHttpsTrafficOnly === true, 'storage: https only');
  }
  for (const site of resourcesOf('Microsoft.Web/sites', resources)) {
    const p = props(site);
    const config = p.siteConfig as Record<string, unknown>;
    need(p.httpsOnly === true, 'web app: httpsOnly');
    need(config.minTlsVersion === '1.2', 'web app: minimum TLS 1.2');
    need(config.ftpsState === 'Disabled', 'web app: FTP off');
    need(config.alwaysOn === true, 'web app: alwaysOn');
    need(config.healthCheckPath === '/healthz', 'web app: health check on /healthz');
    need(/^NODE\|(20|22)-lts$/.test(String(config.linuxFxVersion)), 'web app: Node 20 or 22 on Linux');
    need(config.appCommandLine === 'node dist/main.js', 'web app: runs the production build');
    need((site.value.identity as { type?: string } | undefined)?.type === 'UserAssigned', 'web app: the user-assigned identity');
  }
  const policies = resourcesOf('Microsoft.Web/sites/basicPublishingCredentialsPolicies', resources);
  for (const kind of ['ftp', 'scm']) {
    need(policies.some((p) => String(p.value.name).endsWith(`/${kind}`) && props(p).allow === false), `web app: basic ${kind} publishing credentials off`);
  }
  for (const workspace of resourcesOf('Microsoft.OperationalInsights/workspaces', resources)) {
    need((props(workspace).features as { disableLocalAuth?: boolean } | undefined)?.disableLocalAuth === true, 'Log Analytics: local auth off');
  }
  for (const insights of resourcesOf('Microsoft.Insights/components', resources)) {
    need(props(insights).DisableLocalAuth === true, 'Application Insights: local auth off');
  }
  return problems;
}

describe('infra/azure.json (ARM template, checked offline)', () => {
  it('parses as a deployment template, and every expression, parameter, variable, resourceId, reference, scope and dependsOn resolves', () => {
    expect(template.resources.length).toBeGreaterThan(10);
    expect(checked.problems).toEqual([]);
  });

  it('the checker fails on a dangling reference (a variable, a dependsOn, a reference() target, an unknown function)', () => {
    const dangling = mutated((t) => {
      t.resources[0]!.name = "[variables('nameThatIsNotDeclared')]";
    });
    expect(checkTemplate(dangling, values).problems.join('\n')).toContain("variables('nameThatIsNotDeclared') names no declared variable");
    const badDependency = mutated((t) => {
      t.resources.find((r) => r.type === 'Microsoft.Web/sites')!.dependsOn!.push("[resourceId('Microsoft.KeyVault/vaults', 'nowhere')]");
    });
    expect(checkTemplate(badDependency, values).problems.join('\n')).toMatch(/names no resource of this template.*vaults\/nowhere/);
    const badReference = mutated((t) => {
      t.outputs.BOT_DOMAIN!.value = "[reference(resourceId('Microsoft.Web/sites', 'another-site'), '2023-12-01').defaultHostName]";
    });
    expect(checkTemplate(badReference, values).problems.length).toBeGreaterThan(0);
    const unknownParameter = mutated((t) => {
      t.outputs.BOT_DOMAIN!.value = "[parameters('botPassword')]";
    });
    expect(checkTemplate(unknownParameter, values).problems.join('\n')).toContain("parameters('botPassword') names no declared parameter");
    const unknownFunction = mutated((t) => {
      t.outputs.BOT_DOMAIN!.value = "[someFunction('x')]";
    });
    expect(checkTemplate(unknownFunction, values).problems.join('\n')).toContain('someFunction');
  });

  it('reads ARM expressions: quotes escaped by doubling, properties and indexes after calls', () => {
    expect(parseExpression("[format('{0}''s', reference('x').a.b[0])]")).toEqual({
      kind: 'call', name: 'format', args: [
        { kind: 'string', value: "{0}'s" },
        { kind: 'index', target: { kind: 'property', target: { kind: 'property', target: { kind: 'call', name: 'reference', args: [{ kind: 'string', value: 'x' }] }, name: 'a' }, name: 'b' }, index: { kind: 'number', value: 0 } },
      ],
    });
    expect(() => parseExpression("[format('unterminated)]")).toThrow(/unterminated/);
  });

  it('parameter types and allowed values hold for every default and for the dev environment', () => {
    expect(devParameters.problems).toEqual([]);
    expect(parameterProblems(template, values)).toEqual([]);
    expect(parameterProblems(template, { ...values, policyPack: 'bristol' }).join('\n')).toMatch(/policyPack: "bristol" is not one of/);
    expect(parameterProblems(template, { ...values, logRetentionDays: 'ninety' }).join('\n')).toMatch(/is not of type int/);
    const { botEntraAppId: _dropped, ...withoutBot } = values;
    expect(parameterProblems(template, withoutBot).join('\n')).toContain('botEntraAppId has no default and is not given');
  });

  it('the secure settings are present: storage without shared keys or public blobs, TLS 1.2, https only, FTP and basic publishing off, Always On, health check, local auth off', () => {
    expect(insecureSettings(checked.resources)).toEqual([]);
    const plan = one('Microsoft.Web/serverfarms');
    expect(plan.value.kind).toBe('linux');
    expect(props(plan).reserved).toBe(true);
  });

  it('a template with shared-key access turned on (or FTP on) fails the check', () => {
    const sharedKey = mutated((t) => {
      (t.resources.find((r) => r.type === 'Microsoft.Storage/storageAccounts')!.properties as Record<string, unknown>).allowSharedKeyAccess = true;
    });
    expect(insecureSettings(checkTemplate(sharedKey, values).resources)).toEqual(['storage: shared-key access must be off']);
    const ftp = mutated((t) => {
      const site = t.resources.find((r) => r.type === 'Microsoft.Web/sites')!;
      ((site.properties as { siteConfig: Record<string, unknown> }).siteConfig).ftpsState = 'AllAllowed';
    });
    expect(insecureSettings(checkTemplate(ftp, values).resources)).toEqual(['web app: FTP off']);
  });

  it('the identity holds the Blob, Queue and Table data roles on the account and publishes metrics to Application Insights', () => {
    const identity = one('Microsoft.ManagedIdentity/userAssignedIdentities');
    const storage = one('Microsoft.Storage/storageAccounts');
    const insights = one('Microsoft.Insights/components');
    const assignments = resourcesOf('Microsoft.Authorization/roleAssignments').map((r) => ({
      scope: r.value.scope,
      role: String(props(r).roleDefinitionId).split('/').pop(),
      principal: String(props(r).principalId),
      type: props(r).principalType,
    }));
    const principal = `<reference(${identity.id.split('/providers/')[1]}).principalId>`;
    expect(assignments).toEqual(expect.arrayContaining([
      { scope: storage.id, role: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', principal, type: 'ServicePrincipal' },
      { scope: storage.id, role: '974c5e8b-45b9-4653-ba55-5f855dd0fb88', principal, type: 'ServicePrincipal' },
      { scope: storage.id, role: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3', principal, type: 'ServicePrincipal' },
      { scope: insights.id, role: '3913510d-42f4-4e42-8a64-420c390055eb', principal, type: 'ServicePrincipal' },
    ]));
  });

  it('the Azure Bot is single tenant on the council\'s Entra app, with the Teams channel, and calls the web app over https', () => {
    const bot = one('Microsoft.BotService/botServices');
    expect(bot.value.kind).toBe('azurebot');
    expect(props(bot)).toMatchObject({ msaAppType: 'SingleTenant', msaAppId: values.botEntraAppId, msaAppTenantId: expect.any(String) });
    expect(String(props(bot).endpoint)).toMatch(/^https:\/\/.*\/api\/messages$/);
    const channel = one('Microsoft.BotService/botServices/channels');
    expect(props(channel)).toEqual({ channelName: 'MsTeamsChannel', properties: { isEnabled: true } });
  });

  it('the app settings configure tenant mode with the federated credential, account URLs and no connection string or secret', () => {
    const settings = props(one('Microsoft.Web/sites/config'));
    expect(settings).toMatchObject({ SUPERVISION_MODE: 'tenant', CREDENTIAL_TYPE: 'federated', MICROSOFT_APP_ID: values.botEntraAppId });
    for (const name of ['MANAGED_IDENTITY_CLIENT_ID', 'AZURE_STORAGE_BLOB_URL', 'AZURE_STORAGE_QUEUE_URL', 'AZURE_STORAGE_TABLE_URL', 'PUBLIC_URL']) {
      expect(settings[name], name).toBeDefined();
    }
    expect(Object.keys(settings)).not.toContain('AZURE_STORAGE_CONNECTION_STRING');
    expect(Object.keys(settings)).not.toContain('MICROSOFT_APP_PASSWORD');
  });

  it('no secret appears in the outputs, the parameters file or the dev environment\'s rendered parameters', () => {
    expect(secretProblems(template, [
      { name: 'infra/azure.parameters.json', file: readParameters('infra/azure.parameters.json') },
      { name: 'dev', file: devParameters.file },
    ])).toEqual([]);
    expect(Object.keys(checked.outputs)).toEqual(expect.arrayContaining(['BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'MANAGED_IDENTITY_CLIENT_ID', 'MANAGED_IDENTITY_PRINCIPAL_ID']));
  });

  it('the secret check can fail: a key in an output, a secure parameter, a password in the parameters file', () => {
    const leaky = mutated((t) => {
      t.outputs.STORAGE_KEY = { type: 'string', value: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', variables('storageName')), '2023-05-01').keys[0].value]" };
      t.parameters.botPassword = { type: 'securestring' };
    });
    const problems = secretProblems(leaky, [{ name: 'p', file: { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { botPassword: { value: 'hunter2' } } } }]);
    expect(problems).toEqual(expect.arrayContaining([
      'parameter botPassword is a securestring: the deployment takes no secret',
      'the template calls a list*() function, which returns keys or secrets',
      'output STORAGE_KEY names or returns a secret',
      'p: parameter botPassword names or holds a secret',
    ]));
  });

  it('every placeholder of the parameters file is an environment variable of env/.env.dev', () => {
    const missing = renderParameters({}).problems.filter((p) => p.includes('is not set'));
    expect(missing.length).toBeGreaterThan(5);
    expect(devParameters.problems.filter((p) => p.includes('is not set'))).toEqual([]);
  });
});
