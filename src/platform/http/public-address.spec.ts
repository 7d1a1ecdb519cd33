import { isPublicAddress, nonPublicHost, publicOnlyLookup } from './public-address';

describe('which addresses a webhook may reach when private addresses are refused', () => {
  it.each([
    ['127.0.0.1'], ['10.1.2.3'], ['172.31.255.255'], ['192.168.0.10'], ['169.254.169.254'], ['100.64.0.1'], ['0.0.0.0'], ['224.0.0.251'],
    ['::1'], ['::'], ['fe80::1'], ['fd00::1'], ['::ffff:127.0.0.1'], ['::ffff:7f00:1'], ['64:ff9b::a00:1'],
  ])('refuses %s (loopback, private, link-local, multicast, or IPv4 inside IPv6)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([['93.184.215.14'], ['172.32.0.1'], ['192.169.0.1'], ['2606:4700::1111']])('allows the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('names the host at fault in a URL: IP literals (IPv6 in brackets) and localhost', () => {
    expect(nonPublicHost('127.0.0.1')).toBe('127.0.0.1 is not a public address');
    expect(nonPublicHost('[::1]')).toBe('[::1] is not a public address');
    expect(nonPublicHost('LOCALHOST')).toBe('LOCALHOST is a loopback name');
    expect(nonPublicHost('api.localhost')).toBe('api.localhost is a loopback name');
    expect(nonPublicHost('localhost.')).toBe('localhost. is a loopback name');
    expect(nonPublicHost('hooks.example.com')).toBeNull();
    expect(nonPublicHost('8.8.8.8')).toBeNull();
  });

  it('refuses at resolution a name that resolves to a loopback address', (done) => {
    publicOnlyLookup('localhost', {}, (error) => {
      expect(error?.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), not a public address/);
      done();
    });
  });
});
