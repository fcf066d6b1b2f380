import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

describe('readEnv', () => {
  it('takes PUBLIC_URL without its trailing slash, and none when empty', () => {
    expect(readEnv({ PUBLIC_URL: 'https://things.example.com/' }).PUBLIC_URL).toBe(
      'https://things.example.com',
    );
    expect(readEnv({ PUBLIC_URL: 'http://10.0.0.5:8080' }).PUBLIC_URL).toBe('http://10.0.0.5:8080');
    expect(readEnv({ PUBLIC_URL: '' }).PUBLIC_URL).toBeUndefined();
  });

  it('says which variable is wrong and why', () => {
    expect(() => readEnv({ PUBLIC_URL: 'ftp://things.example.com' })).toThrow(
      /PUBLIC_URL: PUBLIC_URL must be an http\(s\):\/\/ URL/,
    );
    expect(() => readEnv({ MQTT_PORT: '70000' })).toThrow(/MQTT_PORT/);
  });
});
