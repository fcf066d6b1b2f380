import { describe, expect, it } from 'vitest';
import {
  addressRefusal,
  classifyIp,
  type IpClass,
  NEVER_ALLOWED_IP_CLASSES,
  parseIp,
  targetAllowed,
  urlLiteralAddress,
  urlTargetRefusal,
} from './ssrf.ts';

const table = (rows: [string, IpClass][]) => rows.map(([ip, cls]) => ({ ip, cls }));

describe('parseIp', () => {
  it('reads IPv4 dotted quads', () => {
    expect(parseIp('192.168.1.20')).toEqual({ version: 4, bytes: [192, 168, 1, 20] });
    expect(parseIp('0.0.0.0')).toEqual({ version: 4, bytes: [0, 0, 0, 0] });
  });

  it('reads IPv6 in full, compressed and mixed notation, any case', () => {
    const loopback = [...new Array(15).fill(0), 1];
    expect(parseIp('::1')).toEqual({ version: 6, bytes: loopback });
    expect(parseIp('0:0:0:0:0:0:0:1')).toEqual({ version: 6, bytes: loopback });
    expect(parseIp('0000:0000:0000:0000:0000:0000:0000:0001')).toEqual({ version: 6, bytes: loopback });
    expect(parseIp('::')).toEqual({ version: 6, bytes: new Array(16).fill(0) });
    expect(parseIp('2001:DB8::A')?.bytes).toEqual([0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 0x0a]);
    expect(parseIp('::ffff:10.1.2.3')?.bytes).toEqual([...new Array(10).fill(0), 0xff, 0xff, 10, 1, 2, 3]);
    expect(parseIp('1:2:3:4:5:6:1.2.3.4')?.bytes).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 1, 2, 3, 4]);
    expect(parseIp('1:2:3:4:5:6:7::')?.bytes.slice(12)).toEqual([0, 7, 0, 0]);
  });

  it('drops URL brackets and IPv6 zones', () => {
    expect(parseIp('[::1]')).toEqual(parseIp('::1'));
    expect(parseIp('fe80::1%eth0')).toEqual(parseIp('fe80::1'));
    expect(parseIp('[fe80::1%25en0]')).toEqual(parseIp('fe80::1'));
  });

  it.each([
    '',
    'localhost',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '1.2.3.-4',
    '010.0.0.1',
    '0x7f.0.0.1',
    '2130706433',
    '1.2.3.4%eth0',
    ':::',
    '1::2::3',
    ':1::',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '12345::',
    'g::1',
    '::ffff:1.2.3.256',
    '::1.2.3',
    '1:2:3:4:5:6:7:1.2.3.4',
  ])('refuses %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });
});

describe('classifyIp — IPv4', () => {
  it.each(
    table([
      ['127.0.0.1', 'loopback'],
      ['127.255.255.254', 'loopback'],
      ['10.0.0.1', 'private'],
      ['10.255.255.255', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['172.15.255.255', 'public'],
      ['172.32.0.0', 'public'],
      ['192.168.0.1', 'private'],
      ['100.64.0.1', 'private'],
      ['100.127.255.255', 'private'],
      ['100.63.255.255', 'public'],
      ['100.128.0.0', 'public'],
      ['169.254.0.1', 'link-local'],
      ['169.254.255.255', 'link-local'],
      ['169.254.169.254', 'metadata'],
      ['169.254.170.2', 'metadata'],
      ['169.254.170.23', 'metadata'],
      ['169.254.0.23', 'metadata'],
      ['100.100.100.200', 'metadata'],
      ['168.63.129.16', 'metadata'],
      ['0.0.0.0', 'unspecified'],
      ['0.1.2.3', 'reserved'],
      ['224.0.0.1', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['240.0.0.1', 'reserved'],
      ['255.255.255.255', 'reserved'],
      ['192.0.0.8', 'reserved'],
      ['192.0.2.10', 'reserved'],
      ['198.51.100.7', 'reserved'],
      ['203.0.113.99', 'reserved'],
      ['198.18.0.1', 'reserved'],
      ['198.19.255.255', 'reserved'],
      ['192.88.99.1', 'reserved'],
      ['8.8.8.8', 'public'],
      ['1.1.1.1', 'public'],
      ['93.184.215.14', 'public'],
      ['198.20.0.1', 'public'],
      ['223.255.255.255', 'public'],
    ]),
  )('$ip is $cls', ({ ip, cls }) => {
    expect(classifyIp(ip)).toBe(cls);
  });
});

describe('classifyIp — IPv6', () => {
  it.each(
    table([
      ['::', 'unspecified'],
      ['::1', 'loopback'],
      ['[::1]', 'loopback'],
      ['::2', 'reserved'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['::ffff:10.0.0.1', 'private'],
      ['::ffff:169.254.169.254', 'metadata'],
      ['::FFFF:A9FE:A9FE', 'metadata'],
      ['::ffff:0.0.0.0', 'unspecified'],
      ['::ffff:8.8.8.8', 'public'],
      ['::127.0.0.1', 'reserved'],
      ['64:ff9b::127.0.0.1', 'loopback'],
      ['64:ff9b::a9fe:a9fe', 'metadata'],
      ['64:ff9b::8.8.8.8', 'public'],
      ['64:ff9b:1::1', 'reserved'],
      ['fc00::1', 'private'],
      ['fd12:3456:789a::1', 'private'],
      ['fd00:ec2::254', 'metadata'],
      ['FD00:EC2:0:0:0:0:0:254', 'metadata'],
      ['fd00:ec2::23', 'metadata'],
      ['fd00:ec2::255', 'private'],
      ['fe80::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['febf:ffff::1', 'link-local'],
      ['fec0::1', 'private'],
      ['ff02::1', 'multicast'],
      ['ff05::1:3', 'multicast'],
      ['2002:7f00:1::', 'loopback'],
      ['2002:a9fe:a9fe::1', 'metadata'],
      ['2002:0808:0808::1', 'public'],
      ['2001::1', 'reserved'],
      ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
      ['2001:db8::1', 'reserved'],
      ['3fff::1', 'reserved'],
      ['100::1', 'reserved'],
      ['4000::1', 'reserved'],
      ['2001:4860:4860::8888', 'public'],
      ['2606:4700:4700::1111', 'public'],
      ['2a00:1450:4001:82b::200e', 'public'],
      ['3ffe::1', 'public'],
    ]),
  )('$ip is $cls', ({ ip, cls }) => {
    expect(classifyIp(ip)).toBe(cls);
  });

  it('fails closed on text that is not an address', () => {
    expect(classifyIp('localhost')).toBe('reserved');
    expect(classifyIp('0177.0.0.1')).toBe('reserved');
    expect(classifyIp('')).toBe('reserved');
  });
});

describe('targetAllowed', () => {
  const both = (ip: string) => [
    targetAllowed(ip, { allowPrivate: false }),
    targetAllowed(ip, { allowPrivate: true }),
  ];

  it('allows public addresses always', () => {
    expect(both('8.8.8.8')).toEqual([true, true]);
    expect(both('2606:4700:4700::1111')).toEqual([true, true]);
  });

  it('allows loopback and private addresses only when the operator enables them', () => {
    for (const ip of [
      '127.0.0.1',
      '::1',
      '10.0.0.5',
      '192.168.1.1',
      '100.64.1.1',
      'fd12::1',
      '::ffff:10.0.0.5',
    ]) {
      expect(both(ip)).toEqual([false, true]);
    }
  });

  it('never allows metadata, link-local, unspecified, multicast or reserved addresses', () => {
    const never = [
      '169.254.169.254',
      'fd00:ec2::254',
      '100.100.100.200',
      '::ffff:169.254.169.254',
      '169.254.10.10',
      'fe80::1',
      '0.0.0.0',
      '::',
      '224.0.0.251',
      'ff02::fb',
      '240.0.0.1',
      '192.0.2.1',
      '2001:db8::1',
      'not-an-ip',
    ];
    for (const ip of never) expect(both(ip), ip).toEqual([false, false]);
  });

  it('lists the classes that are never allowed', () => {
    expect([...NEVER_ALLOWED_IP_CLASSES].sort()).toEqual(
      ['link-local', 'metadata', 'multicast', 'reserved', 'unspecified'].sort(),
    );
  });
});

describe('urlLiteralAddress — a URL host as the OS reads it', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.0.0.1/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '0:0:0:0:0:ffff:7f00:1'],
    ['http://[::1]:9/', '0:0:0:0:0:0:0:1'],
    ['https://169.254.169.254/latest', '169.254.169.254'],
    ['mqtt://2130706433:1883', '127.0.0.1'],
    ['mqtts://127.1', '127.0.0.1'],
  ])('reads %s as %s', (url, address) => {
    expect(urlLiteralAddress(url)).toBe(address);
  });

  it('is null for host names and what is no URL', () => {
    expect(urlLiteralAddress('https://example.com/hook')).toBeNull();
    expect(urlLiteralAddress('mqtt://broker.example.com:1883')).toBeNull();
    expect(urlLiteralAddress('not a url')).toBeNull();
  });
});

describe('urlTargetRefusal', () => {
  const closed = { allowPrivate: false };
  it.each([
    'http://127.0.0.1:8080/',
    'http://127.1/',
    'http://2130706433/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::1]/',
    'mqtt://2130706433:1883',
    'http://10.0.0.5/',
  ])('refuses %s when private targets are off', (url) => {
    expect(urlTargetRefusal(url, closed)).toMatch(
      /allowed only when the operator enables private destinations/,
    );
  });

  it('allows loopback and private literals when the operator allows them, never link-local or metadata', () => {
    expect(urlTargetRefusal('http://127.1/', { allowPrivate: true })).toBeNull();
    expect(urlTargetRefusal('http://169.254.169.254/', { allowPrivate: true })).toMatch(
      /metadata addresses are never allowed/,
    );
    expect(urlTargetRefusal('http://[fe80::1]/', { allowPrivate: true })).toMatch(/link-local/);
    expect(urlTargetRefusal('https://example.com/', closed)).toBeNull();
    expect(addressRefusal('93.184.216.34', closed)).toBeNull();
  });
});
