/**
 * Route lookup as the kernel's FIB does it for the main table (longest prefix, then the
 * lowest metric; blackhole routes match and drop; no match: ENETUNREACH).
 */
import { lookupRoute, routeEffect, type NetnsView } from '../../../src/engine';

const view: NetnsView = {
  interfaces: [
    { index: 1, name: 'lo', linkType: 'loopback', mac: '00:00:00:00:00:00', mtu: 65536, flags: [], state: 'UNKNOWN', addresses: [] },
    { index: 2, name: 'eth0', linkType: 'ether', mac: '02:42:ac:12:00:03', mtu: 1500, flags: [], state: 'UP', addresses: [] },
  ],
  routes: [
    { destination: '10.0.0.0/8', via: '172.18.0.9', dev: 'eth0', metric: 100 },
    { destination: '10.0.0.0/8', via: '172.18.0.8', dev: 'eth0', metric: 50 },
    { destination: '10.1.0.0/16', via: '172.18.0.7', dev: 'eth0' },
    { type: 'blackhole', destination: '10.1.2.0/24', dev: '' },
    { destination: '10.1.2.3', via: '172.18.0.6', dev: 'eth9' },
  ],
  netns: [],
};

describe('lookupRoute / routeEffect', () => {
  it('picks the longest prefix, then the lowest metric', () => {
    expect(lookupRoute(view, '10.9.9.9')?.via).toBe('172.18.0.8');
    expect(lookupRoute(view, '10.1.9.9')?.via).toBe('172.18.0.7');
    expect(lookupRoute(view, '10.1.2.3')?.via).toBe('172.18.0.6');
    expect(lookupRoute(view, '192.168.0.1')).toBeNull();
  });

  it('drops on blackhole routes and reports unreachable destinations and missing devices', () => {
    expect(routeEffect(view, lookupRoute(view, '10.1.2.4'), '10.1.2.4')).toEqual({ action: 'drop', reason: 'blackhole' });
    expect(routeEffect(view, lookupRoute(view, '192.168.0.1'), '192.168.0.1')).toEqual({ action: 'unreachable', reason: 'no route to the destination (Network is unreachable)' });
    expect(routeEffect(view, lookupRoute(view, '10.1.2.3'), '10.1.2.3')).toEqual({ action: 'unreachable', reason: 'no device eth9' });
    expect(routeEffect(view, lookupRoute(view, '10.1.9.9'), '10.1.9.9')).toEqual({ action: 'forward', dev: 'eth0', nextHop: '172.18.0.7', onlink: false });
  });

  it('takes a default route as /0', () => {
    const withDefault: NetnsView = { ...view, routes: [{ destination: 'default', via: '172.18.0.1', dev: 'eth0' }, ...view.routes] };
    expect(lookupRoute(withDefault, '8.8.8.8')?.via).toBe('172.18.0.1');
    expect(lookupRoute(withDefault, '10.9.9.9')?.via).toBe('172.18.0.8');
  });
});
