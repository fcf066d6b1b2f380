/**
 * A child process for the pipeline benchmark, so its CPU is counted apart from the load generator's.
 *
 * `receiver`: the HTTPS destination's endpoint (plain http on 127.0.0.1). Every delivery is a SenML
 * pack whose `bt` is the time the uplink was sent and whose `seq` record numbers it; the receiver
 * keeps, per seq, the first arrival's latency (arrival − send time) and the webhook-ids it came with.
 * `GET /count` answers how many distinct seqs arrived; `GET /stats?from=&to=` the details for a range.
 *
 * `plain`: a bare node:http server that reads the body and answers 204 — the machine's limit for the
 * same requests, measured in the same run.
 *
 * Prints `{"port":…}` on stdout once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const mode = process.argv[2];

if (mode === 'plain') {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = 204;
      res.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
  });
} else if (mode === 'receiver') {
  interface Arrival {
    latencyMs: number;
    at: number;
    webhookIds: string[];
    copies: number;
  }
  const bySeq = new Map<number, Arrival>();
  let requests = 0;
  let unreadable = 0;

  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      const url = new URL(req.url ?? '/', 'http://x');
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/count') {
        res.end(JSON.stringify({ distinct: bySeq.size, requests, unreadable }));
        return;
      }
      if (url.pathname === '/stats') {
        const from = Number(url.searchParams.get('from'));
        const to = Number(url.searchParams.get('to'));
        const seqs: number[] = [];
        const latencies: number[] = [];
        let firstAt = Number.POSITIVE_INFINITY;
        let lastAt = 0;
        let copies = 0;
        let sameIdDuplicates = 0;
        let otherIdDuplicates = 0;
        for (const [seq, a] of bySeq) {
          if (seq < from || seq >= to) continue;
          seqs.push(seq);
          latencies.push(a.latencyMs);
          firstAt = Math.min(firstAt, a.at);
          lastAt = Math.max(lastAt, a.at);
          copies += a.copies;
          if (a.webhookIds.length > 1) otherIdDuplicates += a.copies - 1;
          else sameIdDuplicates += a.copies - 1;
        }
        res.end(
          JSON.stringify({ seqs, latencies, firstAt, lastAt, copies, sameIdDuplicates, otherIdDuplicates }),
        );
        return;
      }
      res.statusCode = 404;
      res.end('{}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      requests++;
      try {
        const pack = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          bt?: number;
          n?: string;
          v?: number;
        }[];
        const bt = pack[0]?.bt;
        const seq = pack.find((r) => r.n === 'seq')?.v;
        const webhookId = String(req.headers['webhook-id'] ?? '');
        if (typeof bt !== 'number' || typeof seq !== 'number') throw new Error('no bt or seq');
        const seen = bySeq.get(seq);
        if (seen) {
          seen.copies++;
          if (!seen.webhookIds.includes(webhookId)) seen.webhookIds.push(webhookId);
        } else bySeq.set(seq, { latencyMs: at - bt * 1000, at, webhookIds: [webhookId], copies: 1 });
      } catch {
        unreadable++;
      }
      res.statusCode = 204;
      res.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
  });
} else {
  console.error('usage: receiver.ts receiver|plain');
  process.exit(2);
}
