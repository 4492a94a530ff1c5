import { AddressAllowlist, parseCidr, unmappedAddress } from './cidr';

const canonical = (input: string) => {
  const cidr = parseCidr(input);
  return typeof cidr === 'string' ? cidr : cidr.text;
};

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['10.1.2.3/8', '10.0.0.0/8'],
    [' 192.168.1.77/24 ', '192.168.1.0/24'],
    ['203.0.113.9', '203.0.113.9/32'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['255.255.255.255/32', '255.255.255.255/32'],
    ['10.255.255.255/9', '10.128.0.0/9'],
    ['2001:DB8::1/32', '2001:db8::/32'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1/128'],
    ['::/0', '::/0'],
    ['::1', '::1/128'],
    ['fe80::1:2:3:4/65', 'fe80::/65'],
    ['2001:db8:ffff:ffff::/33', '2001:db8:8000::/33'],
    ['::ffff:10.1.2.3/104', '10.0.0.0/8'],
    ['::ffff:a01:203', '10.1.2.3/32'],
    ['::ffff:0:0/96', '0.0.0.0/0'],
  ])('%s → %s', (input, expected) => {
    expect(canonical(input)).toBe(expected);
  });

  it.each([
    '',
    'localhost',
    '10.0.0',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '2001:db8::/129',
    'fe80::1%eth0',
    '010.0.0.1',
    '1.2.3.4/08x',
  ])('refuses %j', (input) => {
    expect(typeof parseCidr(input)).toBe('string');
  });
});

describe('unmappedAddress', () => {
  it('turns IPv4-mapped IPv6 addresses into IPv4 and leaves others alone', () => {
    expect(unmappedAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(unmappedAddress('::FFFF:7f00:1')).toBe('127.0.0.1');
    expect(unmappedAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(unmappedAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(unmappedAddress('::ffff:1:7f00:1')).toBe('::ffff:1:7f00:1');
  });
});

describe('AddressAllowlist', () => {
  it('allows every address when empty', () => {
    const list = new AddressAllowlist([]);
    expect(list.allows('203.0.113.1')).toBe(true);
    expect(list.allows('2001:db8::1')).toBe(true);
  });

  it('matches IPv4 ranges at their edges', () => {
    const list = new AddressAllowlist(['10.0.0.0/8', '203.0.113.9/32']);
    expect(list.allows('10.0.0.0')).toBe(true);
    expect(list.allows('10.255.255.255')).toBe(true);
    expect(list.allows('9.255.255.255')).toBe(false);
    expect(list.allows('11.0.0.0')).toBe(false);
    expect(list.allows('203.0.113.9')).toBe(true);
    expect(list.allows('203.0.113.10')).toBe(false);
  });

  it('matches IPv6 ranges and keeps families apart', () => {
    const list = new AddressAllowlist(['2001:db8::/32']);
    expect(list.allows('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    expect(list.allows('2001:db9::')).toBe(false);
    expect(list.allows('10.0.0.1')).toBe(false);
  });

  it('judges an IPv4-mapped IPv6 client address as its IPv4 address', () => {
    const list = new AddressAllowlist(['127.0.0.0/8']);
    expect(list.allows('::ffff:127.0.0.1')).toBe(true);
    expect(list.allows('::ffff:7f00:1')).toBe(true);
    expect(list.allows('::ffff:128.0.0.1')).toBe(false);
    expect(new AddressAllowlist(['::ffff:127.0.0.0/104']).allows('127.1.2.3')).toBe(true);
  });

  it('treats /0 as every address of its family, and refuses what is not an address', () => {
    const everyIpv4 = new AddressAllowlist(['0.0.0.0/0']);
    expect(everyIpv4.allows('198.51.100.7')).toBe(true);
    expect(everyIpv4.allows('::1')).toBe(false);
    expect(new AddressAllowlist(['::/0']).allows('::1')).toBe(true);
    expect(everyIpv4.allows('')).toBe(false);
    expect(everyIpv4.allows('not-an-address')).toBe(false);
  });
});
