import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import selfsigned from 'selfsigned';
import type { Env } from '../env.ts';

/** The certificate and key the MQTT TLS listener serves, and where they came from. */
export interface MqttTlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 fingerprint of the certificate, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint: string;
  /** `configured`: MQTT_TLS_CERT/KEY; `generated`: self-signed, made for trying TLS at once. */
  source: 'configured' | 'generated';
  certPath: string;
  keyPath: string;
}

/** Security settings of every MQTT TLS context: TLS 1.2 and newer only. */
export const tlsContextOptions = (m: Pick<MqttTlsMaterial, 'cert' | 'key'>): SecureContextOptions => ({
  cert: m.cert,
  key: m.key,
  minVersion: 'TLSv1.2',
});

/**
 * Reads and checks a certificate and its key: the certificate must parse, be valid now and belong to
 * the key. Throws with what is wrong, naming the files.
 */
function readMaterial(
  certPath: string,
  keyPath: string,
): Pick<MqttTlsMaterial, 'cert' | 'key' | 'fingerprint'> {
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(certPath, 'utf8');
    key = readFileSync(keyPath, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read ${(error as { path?: string }).path ?? certPath}: ${(error as Error).message}`,
    );
  }
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (error) {
    throw new Error(`${certPath} holds no PEM certificate (${(error as Error).message})`);
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new Error(`${keyPath} holds no PEM private key (${(error as Error).message})`);
  }
  if (!x509.checkPrivateKey(privateKey))
    throw new Error(`the key in ${keyPath} does not belong to ${certPath}`);
  const now = Date.now();
  if (Date.parse(x509.validTo) < now)
    throw new Error(`the certificate in ${certPath} expired on ${x509.validTo}`);
  createSecureContext(tlsContextOptions({ cert, key }));
  return { cert, key, fingerprint: x509.fingerprint256 };
}

/** A self-signed certificate for this machine's names, kept in DATA_DIR/tls and reused while valid. */
async function generatedMaterial(env: Env): Promise<MqttTlsMaterial> {
  const dir = join(env.DATA_DIR, 'tls');
  const certPath = join(dir, 'mqtt-cert.pem');
  const keyPath = join(dir, 'mqtt-key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    try {
      const existing = readMaterial(certPath, keyPath);
      // Renewed a month before it ends.
      const validTo = Date.parse(new X509Certificate(existing.cert).validTo);
      if (validTo - Date.now() > 30 * 86_400_000)
        return { ...existing, source: 'generated', certPath, keyPath };
    } catch {
      // Unreadable or expired: made again below.
    }
  }
  const names = new Set(
    ['localhost', '127.0.0.1', '::1', env.HOST].filter((h) => h && h !== '0.0.0.0' && h !== '::'),
  );
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'OpenThings MQTT (self-signed)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...names].map((h) =>
          isIP(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h },
        ),
      },
    ],
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  writeFileSync(certPath, pems.cert);
  return { ...readMaterial(certPath, keyPath), source: 'generated', certPath, keyPath };
}

/**
 * What the MQTT TLS listener serves: the configured certificate (MQTT_TLS_CERT/KEY; a bad one stops the
 * start with the reason), else outside production a self-signed one in DATA_DIR/tls; in production
 * without a certificate, none (the listener stays off).
 */
export async function loadMqttTls(env: Env): Promise<MqttTlsMaterial | undefined> {
  if (env.MQTT_TLS_CERT && env.MQTT_TLS_KEY) {
    try {
      return {
        ...readMaterial(env.MQTT_TLS_CERT, env.MQTT_TLS_KEY),
        source: 'configured',
        certPath: env.MQTT_TLS_CERT,
        keyPath: env.MQTT_TLS_KEY,
      };
    } catch (error) {
      throw new Error(`MQTT_TLS_CERT/MQTT_TLS_KEY cannot be used: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  if (env.NODE_ENV === 'production') return undefined;
  return generatedMaterial(env);
}

/**
 * Watches a configured certificate and key and calls `onChange` with the new material once both are
 * readable and match (a renewal writes two files; a half-written pair is skipped until it is whole).
 * `onError` hears why a changed pair was not taken. Returns the stop function.
 */
export function watchMqttTls(
  material: MqttTlsMaterial,
  onChange: (next: MqttTlsMaterial) => void,
  onError: (error: Error) => void,
  intervalMs = 2_000,
): () => void {
  let current = material.fingerprint;
  const check = () => {
    try {
      const next = readMaterial(material.certPath, material.keyPath);
      if (next.fingerprint === current) return;
      current = next.fingerprint;
      onChange({ ...material, ...next });
    } catch (error) {
      onError(error as Error);
    }
  };
  watchFile(material.certPath, { interval: intervalMs }, check);
  watchFile(material.keyPath, { interval: intervalMs }, check);
  return () => {
    unwatchFile(material.certPath, check);
    unwatchFile(material.keyPath, check);
  };
}
