import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../fixtures.ts';
import { DEMO, signIn } from '../support/api.ts';
import {
  deviceByName,
  FIRST_FLOW,
  flowByName,
  linkDestination,
  newDeviceSecret,
  PHONE,
  sendUplink,
  unlinkDestination,
} from '../support/pipeline.ts';
import { signInThroughForm } from '../support/sign-in.ts';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A receiver on 127.0.0.1 that refuses the first request with a 400 and accepts every later one. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = received.length === 0 ? 400 : 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 400 ? '{"error":"not today"}' : '{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/things`, received, server };
}

// The worker polls every second; on a busy machine a pipeline round trip takes a few seconds.
test.setTimeout(90_000);

test('a message refused with a 400 waits in the dead letters and is delivered when replayed', async ({
  page,
  request,
}) => {
  await signIn(request, DEMO.email, DEMO.password);
  const flow = await flowByName(request, FIRST_FLOW);
  const phone = await deviceByName(request, PHONE);
  const receiver = await startReceiver();
  const name = `E2E receiver ${Date.now().toString(36)}`;
  let destinationId: string | undefined;

  try {
    // An HTTPS destination made in the portal, with a secret generated there and shown once.
    await signInThroughForm(page, DEMO.email, DEMO.password);
    await page.goto('/destinations/new');
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('textbox', { name: 'URL' }).fill(receiver.url);
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByRole('button', { name: 'Create destination' }).click();
    const secret = (await page.getByTestId('revealed-Shared secret').textContent()) ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await expect(page.getByTestId('revealed-Standard Webhooks key')).toHaveText(/^whsec_/);
    await page.getByRole('button', { name: 'I have copied it, continue' }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    destinationId = page.url().split('/destinations/')[1]?.split(/[?#]/)[0] ?? '';
    await linkDestination(request, flow.id, destinationId);

    // The phone sends through the API, signed in the test.
    const device = await newDeviceSecret(request, phone.id);
    const body = JSON.stringify([
      { bn: device.urn, bt: Math.floor(Date.now() / 1000), n: 'temperature', u: 'Cel', v: 4.5 },
    ]);
    await sendUplink(body, device.secret);

    await page.getByRole('tab', { name: 'Dead letters' }).click();
    const letters = page.getByRole('table', { name: 'Dead letters' });
    const letter = letters.getByRole('row').filter({ hasText: '400' });
    await expect(letter).toBeVisible({ timeout: 20_000 });
    await letter.getByRole('button', { name: /^Replay the message given up at/ }).click();
    await expect(page.getByText('The message is queued for delivery again.')).toBeVisible();
    await expect(letters.getByText(/No dead letters/)).toBeVisible({ timeout: 20_000 });

    await page.getByRole('tab', { name: 'Delivery log' }).click();
    const log = page.getByRole('table', { name: 'Delivery log' });
    // Newest first: the replay's 200 above the first attempt's 400.
    const statuses = () =>
      log
        .getByRole('row')
        .evaluateAll((rows) =>
          rows.slice(1).map((row) => (row as HTMLTableRowElement).cells[2]?.textContent),
        );
    await expect.poll(statuses, { timeout: 20_000 }).toEqual(['200', '400']);
    await log
      .getByRole('button', { name: /^Show details of attempt at/ })
      .first()
      .click();
    await expect(page.getByRole('table', { name: 'Request headers' })).toContainText(destinationId);

    // What the receiver got: the same message twice, signed as the specification page says.
    expect(receiver.received.map((r) => r.status)).toEqual([400, 200]);
    const [first, second] = receiver.received as [Received, Received];
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.headers['things-plug-uuid']).toBe(destinationId);
    expect(JSON.parse(second.body)[0]).toMatchObject({ bn: device.urn, n: 'temperature', u: 'Cel', v: 4.5 });
    expect(second.headers['things-message-token']).toBe(
      createHash('sha256').update(second.body).update(secret).digest('hex'),
    );
    const signed = `${second.headers['webhook-id']}.${second.headers['webhook-timestamp']}.${second.body}`;
    expect(second.headers['webhook-signature']).toBe(
      `v1,${createHmac('sha256', secret).update(signed).digest('base64')}`,
    );
  } finally {
    if (destinationId) await unlinkDestination(request, flow.id, destinationId);
    await new Promise((resolve) => receiver.server.close(resolve));
  }
});
