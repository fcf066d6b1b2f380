import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetWithSims } from '../../testing/fleet.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createProjectWithFlow } from '../projects/projects.service.ts';
import * as repo from './bulk.repo.ts';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let rival: Awaited<ReturnType<TestApp['customer']>>;
let fleet: { projectId: string; flowId: string };
let rivalFlowId: string;
let iccids: string[];

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  rival = await t.customer('Rival');
  ({ iccids, ...fleet } = await fleetWithSims(t, acme.customerId, 12));
  const rivalIds = await createProjectWithFlow(t.deps.db, {
    customerId: rival.customerId,
    name: 'Secret project',
    subscription: 'Modular',
    flowName: 'Rival secret flow',
  });
  rivalFlowId = rivalIds.flowId!;
});
afterAll(() => t.close());

const post = (path: string, body: string) =>
  t.request('POST', path, { cookie: acme.cookie, rawBody: body, contentType: 'text/csv' });
const target = (flowId: string, projectId = fleet.projectId) =>
  `deviceTypeId=own-m2m&projectId=${projectId}&flowId=${flowId}&fileName=trackers.csv`;
const file = () => `name,imei,iccid\r\nTracker A,357292748642776,${iccids[0]}`;

describe('bulk by CSV: the target flow', () => {
  it("refuses another customer's flow, in validation and in a run, without naming it", async () => {
    for (const path of ['/api/devices/bulk/validate', '/api/devices/bulk']) {
      const res = await post(`${path}?${target(rivalFlowId)}`, file());
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.errors).toEqual({ 'query.flowId': ['Unknown flow'] });
      expect(res.text).not.toContain('Rival secret flow');
    }
    const reports = await t.request('GET', '/api/devices/bulk-reports', { cookie: acme.cookie });
    expect(reports.json.data).toEqual([]);
  });

  it('refuses a flow of another project of the same customer', async () => {
    const other = await createProjectWithFlow(t.deps.db, {
      customerId: acme.customerId,
      name: 'Other',
      subscription: 'Modular',
      flowName: 'Other flow',
    });
    const res = await post(`/api/devices/bulk/validate?${target(other.flowId!)}`, file());
    expect(res.status).toBe(400);
    expect(res.json.errors['query.flowId']).toEqual([
      'The flow "Other flow" is in project "Other"; choose a flow of the target project',
    ]);
  });

  it("refuses another customer's project even when no row is valid", async () => {
    const rivalProject = (await t.request('GET', '/api/projects', { cookie: rival.cookie })).json.data[0].id;
    const res = await post(
      `/api/devices/bulk/validate?deviceTypeId=own-m2m&projectId=${rivalProject}`,
      'name,imei,iccid\r\n,1,2',
    );
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual({ 'query.projectId': ['Unknown project'] });
  });

  it("never reads another customer's flow or rows into a report", async () => {
    // A run stored before flows were checked, pointing at the rival's flow.
    const jobId = await t.deps.db.transaction((tx) =>
      repo.insertJob(tx, {
        customerId: acme.customerId,
        projectId: fleet.projectId,
        flowId: rivalFlowId,
        deviceTypeId: 'own-m2m',
        fileName: 'old.csv',
        status: 'done',
        totalRows: 1,
        createdAt: new Date(),
      }),
    );
    await repo.insertJobRows(t.deps.db, [
      { jobId, rowNumber: 2, input: { name: 'x' }, status: 'failed', error: 'gone' },
    ]);
    const report = await t.request('GET', `/api/devices/bulk-reports/${jobId}`, { cookie: acme.cookie });
    expect(report.status).toBe(200);
    expect(report.json.flow).toBeNull();
    expect(report.text).not.toContain('Rival secret flow');
    const list = await t.request('GET', '/api/devices/bulk-reports', { cookie: acme.cookie });
    expect(list.json.data.find((r: { id: string }) => r.id === jobId).flow).toBeNull();
    // The rows of a run are read only for its own customer.
    expect(await repo.reportRows(t.deps.db, rival.customerId, jobId)).toEqual([]);
    const asRival = await t.request('GET', `/api/devices/bulk-reports/${jobId}`, { cookie: rival.cookie });
    expect(asRival.status).toBe(404);
  });

  it('still takes a flow of the target project', async () => {
    const res = await post(`/api/devices/bulk/validate?${target(fleet.flowId)}`, file());
    expect(res.status, res.text).toBe(200);
    expect(res.json.validRows).toBe(1);
  });
});
