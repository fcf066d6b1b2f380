import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { connectAsync } from 'mqtt';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { startMqttBroker } from './mqtt.ts';
import { loadMqttTls } from './mqtt-tls.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-tls-'));
  dirs.push(dir);
  return dir;
};

/** A certificate for 127.0.0.1, written as a PEM pair into `dir`. */
async function writeCertificate(dir: string, name: string) {
  const pems = await selfsigned.generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    curve: 'P-256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  writeFileSync(join(dir, 'cert.pem'), pems.cert);
  writeFileSync(join(dir, 'key.pem'), pems.private);
  return { cert: pems.cert, certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem') };
}

/** The SHA-256 fingerprint a new TLS connection to the port is shown. */
const servedFingerprint = (port: number) =>
  new Promise<string>((resolve, reject) => {
    const socket = tlsConnect({ port, host: '127.0.0.1', rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.destroy();
    });
    socket.once('error', reject);
  });

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the MQTT TLS certificate', () => {
  it('is made self-signed in the data folder when none is configured, and reused after a restart', async () => {
    const DATA_DIR = tempDir();
    const env = { ...readEnv({ NODE_ENV: 'development' }), DATA_DIR };
    const first = await loadMqttTls(env);
    expect(first?.source).toBe('generated');
    expect(first?.certPath).toBe(join(DATA_DIR, 'tls', 'mqtt-cert.pem'));
    expect(first?.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(statSync(first!.keyPath).mode & 0o777).toBe(0o600);
    expect((await loadMqttTls(env))?.fingerprint).toBe(first?.fingerprint);
  });

  it('is not made up in production: there TLS needs a configured certificate', async () => {
    expect(
      await loadMqttTls({ ...readEnv({ NODE_ENV: 'production' }), DATA_DIR: tempDir() }),
    ).toBeUndefined();
  });

  it('stops the start with what is wrong when the configured files cannot be used', async () => {
    const dir = tempDir();
    const a = await writeCertificate(dir, 'a');
    const other = await writeCertificate(tempDir(), 'b');
    const load = (cert: string, key: string) =>
      loadMqttTls(readEnv({ MQTT_TLS_CERT: cert, MQTT_TLS_KEY: key, DATA_DIR: dir }));
    await expect(load(join(dir, 'missing.pem'), a.keyPath)).rejects.toThrow(
      /MQTT_TLS_CERT\/MQTT_TLS_KEY cannot be used: cannot read .*missing\.pem/,
    );
    await expect(load(a.certPath, other.keyPath)).rejects.toThrow(/does not belong/);
    writeFileSync(join(dir, 'junk.pem'), 'not a certificate');
    await expect(load(join(dir, 'junk.pem'), a.keyPath)).rejects.toThrow(/holds no PEM certificate/);
    expect(() => readEnv({ MQTT_TLS_CERT: a.certPath })).toThrow(
      /MQTT_TLS_CERT and MQTT_TLS_KEY go together/,
    );
  });
});

describe('the MQTT TLS listener', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('in production serves TLS only, TLS 1.2 and newer, and takes a renewed certificate without dropping anyone', async () => {
    const dir = tempDir();
    const first = await writeCertificate(dir, 'first');
    const env = {
      ...t.deps.env,
      ...readEnv({ NODE_ENV: 'production', MQTT_TLS_CERT: first.certPath, MQTT_TLS_KEY: first.keyPath }),
      MQTT_PORT: 0,
      MQTTS_PORT: 0,
      HOST: '127.0.0.1',
    };
    const broker = await startMqttBroker({ ...t.deps, env }, { pipeline: t.pipeline });
    try {
      expect(broker.port).toBe(0); // no plaintext listener
      const port = broker.tls!.port;
      expect(broker.url).toBe(`mqtts://127.0.0.1:${port}`);
      const before = await servedFingerprint(port);
      expect(before).toBe(broker.tls!.certificate().fingerprint);

      const old = await new Promise<string>((resolve) => {
        const socket = tlsConnect({
          port,
          host: '127.0.0.1',
          maxVersion: 'TLSv1.1',
          rejectUnauthorized: false,
        });
        socket.once('error', (error) => resolve(error.message));
        socket.once('secureConnect', () => resolve('connected'));
      });
      expect(old).not.toBe('connected');

      // A device connected over TLS (trusting the first certificate) while it is renewed.
      const device = await connectAsync(`mqtts://127.0.0.1:${port}`, {
        username: 'urn:dev:IMEI:357292748642776:',
        password: 'not-checked-here',
        ca: first.cert,
        reconnectPeriod: 0,
      }).catch((error: { code?: number }) => error.code);
      expect(device).toBe(4); // the TLS session was made; the login is refused (no such device)

      const open = tlsConnect({ port, host: '127.0.0.1', ca: first.cert });
      await new Promise((resolve) => open.once('secureConnect', resolve));
      await writeCertificate(dir, 'second');
      await expect.poll(() => servedFingerprint(port), { timeout: 10_000, interval: 500 }).not.toBe(before);
      expect(broker.tls!.certificate().fingerprint).not.toBe(before);
      expect(open.destroyed).toBe(false);
      open.destroy();
    } finally {
      await broker.close();
    }
  });
});
