import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../fixtures.ts';
import { apiDelete, apiPost, DEMO, signIn } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

test('Test connection sends one signed test message and says what the endpoint answered', async ({
  page,
  request,
}) => {
  const received: IncomingHttpHeaders[] = [];
  let status = 200;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.headers);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  await signIn(request, DEMO.email, DEMO.password);
  const { destination } = await apiPost<{ destination: { id: string } }>(request, '/api/destinations', {
    kind: 'HTTPS',
    name: `E2E tested ${Date.now().toString(36)}`,
    config: { url },
  });
  try {
    await signInThroughForm(page, DEMO.email, DEMO.password);
    await page.goto(`/destinations/${destination.id}`);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const answer = page.getByRole('status').filter({ hasText: 'Connection' });
    await expect(answer).toContainText('Connection works');
    await expect(answer).toContainText('answered HTTP 200');
    expect(received).toHaveLength(1);
    expect(received[0]?.['webhook-id']).toMatch(/^test_/);

    status = 503;
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(answer).toContainText('Connection failed');
    await expect(answer).toContainText('HTTP 503: deliveries would be retried');
  } finally {
    await apiDelete(request, `/api/destinations/${destination.id}`);
    await new Promise((resolve) => receiver.close(resolve));
  }
});
