import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A port the kernel just handed out, free at that moment: for a child process to listen on (a random
 * pick collides with the outgoing connections of a busy machine far more often).
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
