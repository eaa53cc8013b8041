import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/fetch-result.js';
import { checkUrlAllowed, classifyAddress, describeUrl, isAddressAllowed, type AddressClass } from '../../src/fetch/ssrf-guard.js';

const ADDRESSES: Array<[string, AddressClass]> = [
  // IPv4 dotted
  ['8.8.8.8', 'public'],
  ['93.184.215.14', 'public'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.15.255.255', 'public'],
  ['172.32.0.1', 'public'],
  ['192.168.1.1', 'private'],
  ['192.169.0.1', 'public'],
  ['169.254.169.254', 'link-local'],
  ['169.254.0.1', 'link-local'],
  ['100.64.0.1', 'cgnat'],
  ['100.127.255.255', 'cgnat'],
  ['100.128.0.1', 'public'],
  ['100.63.255.255', 'public'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['203.0.113.5', 'reserved'],
  ['223.255.255.255', 'public'],
  // Other IPv4 spellings
  ['2130706433', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['017700000001', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['0x7f.0.0.1', 'loopback'],
  ['0x7F.0x0.0x0.0x1', 'loopback'],
  ['127.1', 'loopback'],
  ['127.0.1', 'loopback'],
  ['127.0.0.1.', 'loopback'],
  ['0', 'unspecified'],
  ['3232235777', 'private'],
  ['0xa9fea9fe', 'link-local'],
  ['169.254.43518', 'link-local'],
  ['012.0.0.1', 'private'],
  ['134744072', 'public'],
  // Not addresses
  ['256.0.0.1', 'invalid'],
  ['1.2.3.4.5', 'invalid'],
  ['4294967296', 'invalid'],
  ['08.0.0.1', 'invalid'],
  ['example.com', 'invalid'],
  ['', 'invalid'],
  ['1..2.3', 'invalid'],
  ['::1::', 'invalid'],
  ['12345::1', 'invalid'],
  ['::ffff:999.0.0.1', 'invalid'],
  // IPv6
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::', 'unspecified'],
  ['[::]', 'unspecified'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['[::ffff:7f00:1]', 'loopback'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:8.8.8.8', 'public'],
  ['::127.0.0.1', 'reserved'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf::1', 'link-local'],
  ['fc00::1', 'private'],
  ['fd12:3456:789a::1', 'private'],
  ['fec0::1', 'private'],
  ['ff02::1', 'multicast'],
  ['ff05::1:3', 'multicast'],
  ['64:ff9b::7f00:1', 'loopback'],
  ['64:ff9b::a9fe:a9fe', 'link-local'],
  ['64:ff9b::808:808', 'public'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:c0a8:0101::1', 'private'],
  ['2002:0808:0808::1', 'public'],
  ['2001:db8::1', 'reserved'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
  ['2001:4860:4860::8888', 'public'],
  ['2606:4700:4700::1111', 'public'],
  ['[2a00:1450:4001:82a::200e]', 'public'],
  ['100::1', 'reserved'],
];

describe('classifyAddress', () => {
  it('covers at least sixty spellings', () => {
    expect(ADDRESSES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(ADDRESSES)('classifies %s as %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });
});

describe('isAddressAllowed', () => {
  it('allows only public addresses by default', () => {
    const classes: AddressClass[] = ['public', 'loopback', 'private', 'link-local', 'cgnat', 'multicast', 'unspecified', 'reserved', 'invalid'];
    expect(classes.filter((c) => isAddressAllowed(c))).toEqual(['public']);
    expect(classes.filter((c) => !isAddressAllowed(c, { allowPrivateAddresses: true }))).toEqual(['invalid']);
  });
});

describe('checkUrlAllowed', () => {
  const refused: Array<[string, string]> = [
    ['file:///etc/passwd', 'only http and https'],
    ['ftp://example.org/feed.xml', 'only http and https'],
    ['gopher://example.org/', 'only http and https'],
    ['javascript:alert(1)', 'only http and https'],
    ['https://user:secret@example.org/feed', 'credentials'],
    ['http://127.0.0.1/feed', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://[::1]:8080/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://10.0.0.5/', 'private'],
    ['http://100.100.100.200/', 'cgnat'],
    ['http://0.0.0.0:3000/', 'unspecified'],
    ['http://[fd00::1]/', 'private'],
    ['http://localhost:3000/', 'loopback name'],
    ['http://admin.localhost/', 'loopback name'],
    ['not a url', 'not a valid URL'],
  ];

  it.each(refused)('refuses %s (%s)', (url, why) => {
    let caught: unknown = null;
    try {
      checkUrlAllowed(url);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FetchError);
    expect(caught).toMatchObject({ kind: 'blocked', transient: false });
    expect((caught as Error).message).toContain(why);
    expect((caught as Error).message).not.toContain('secret');
  });

  it.each(['https://www.unodc.org/unodc/en/cybercrime/convention/home.html', 'http://8.8.8.8/feed', 'https://[2606:4700:4700::1111]/'])(
    'allows %s',
    (url) => {
      expect(() => checkUrlAllowed(url)).not.toThrow();
    },
  );

  it('lets private addresses through only when relaxed, and never other schemes or credentials', () => {
    expect(() => checkUrlAllowed('http://127.0.0.1:8080/feed', { allowPrivateAddresses: true })).not.toThrow();
    expect(() => checkUrlAllowed('http://localhost:8080/feed', { allowPrivateAddresses: true })).not.toThrow();
    expect(() => checkUrlAllowed('file:///etc/passwd', { allowPrivateAddresses: true })).toThrow(FetchError);
    expect(() => checkUrlAllowed('http://a:b@127.0.0.1/', { allowPrivateAddresses: true })).toThrow(/credentials/);
  });
});

describe('describeUrl', () => {
  it('removes credentials from a URL shown in a message', () => {
    expect(describeUrl('https://user:secret@example.org/feed')).toBe('https://example.org/feed');
  });
});
