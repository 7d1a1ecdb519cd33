/**
 * Service fields as the API server defaults and validates them (pkg/apis/core/v1/defaults.go,
 * pkg/apis/core/validation ValidateService: validateServicePort, validateServiceExternalTrafficPolicy,
 * validateClientIPAffinityConfig) and allocates their ports (pkg/registry/core/service
 * portallocator; alloc.go for healthCheckNodePort), in v1.33 words.
 */
import { errors, run, svc } from './support';

const service = (spec: string, name = 'web', meta = '') => `---\n{apiVersion: v1, kind: Service, metadata: {name: ${name}${meta}}, spec: {selector: {app: web}, ${spec}}}\n`;

describe('validation', () => {
  it('requires a name on every port of a multi-port Service', () => {
    const r = run(service('ports: [{port: 80}, {port: 443}]'));
    expect(errors(r)).toEqual(['The Service "web" is invalid: spec.ports[0].name: Required value', 'The Service "web" is invalid: spec.ports[1].name: Required value']);
    expect(r.services.find((s) => s.name === 'web')).toBeUndefined();
  });

  it('accepts externalTrafficPolicy only on externally accessible Services', () => {
    expect(errors(run(service('externalTrafficPolicy: Local, ports: [{port: 80}]')))).toEqual([
      'The Service "web" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    ]);
    expect(errors(run(service('type: NodePort, externalTrafficPolicy: Sticky, ports: [{port: 80}]')))).toEqual([
      'The Service "web" is invalid: spec.externalTrafficPolicy: Unsupported value: "Sticky": supported values: "Cluster", "Local"',
    ]);
    // ClusterIP with externalIPs is externally accessible (apiservice.ExternallyAccessible).
    const r = run(service('externalIPs: [198.51.100.7], externalTrafficPolicy: Local, ports: [{port: 80}]'));
    expect(svc(r, 'web')).toMatchObject({ externalIPs: ['198.51.100.7'], externalTrafficPolicy: 'Local' });
  });

  it('defaults the traffic policies: external Cluster for NodePort/LoadBalancer only, internal Cluster', () => {
    const r = run(service('ports: [{port: 80}]', 'a') + service('type: NodePort, ports: [{port: 80}]', 'b'));
    expect(svc(r, 'a').externalTrafficPolicy).toBeUndefined();
    expect(svc(r, 'a').internalTrafficPolicy).toBe('Cluster');
    expect(svc(r, 'b').externalTrafficPolicy).toBe('Cluster');
  });

  it('defaults ClientIP session affinity to 10800 s and bounds the timeout', () => {
    const r = run(service('sessionAffinity: ClientIP, ports: [{port: 80}]'));
    expect(svc(r, 'web')).toMatchObject({ sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 10800 });
    expect(svc(run(service('ports: [{port: 80}]')), 'web').sessionAffinity).toBe('None');
    expect(errors(run(service('sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: 0}}, ports: [{port: 80}]')))).toEqual([
      'The Service "web" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400',
    ]);
  });

  it('refuses an externalIP that is not an IP address', () => {
    expect(errors(run(service('externalIPs: [example.com], ports: [{port: 80}]')))).toEqual([
      'The Service "web" is invalid: spec.externalIPs[0]: Invalid value: "example.com": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
  });

  it('keeps labels, annotations and publishNotReadyAddresses in the result', () => {
    const r = run(service('publishNotReadyAddresses: true, ports: [{port: 80}]', 'web', ', labels: {app: web}, annotations: {owner: team-a}'));
    expect(svc(r, 'web')).toMatchObject({ labels: { app: 'web' }, annotations: { owner: 'team-a' }, publishNotReadyAddresses: true, loadBalancerIngress: [] });
  });
});

describe('NodePort allocation', () => {
  it('refuses a NodePort already allocated to another Service', () => {
    const r = run(service('type: NodePort, ports: [{port: 80, nodePort: 30080}]', 'a') + service('type: NodePort, ports: [{port: 80, nodePort: 30080}]', 'b'));
    expect(svc(r, 'a').ports[0].nodePort).toBe(30080);
    expect(errors(r)).toEqual(['The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated']);
  });

  it('refuses a NodePort above the range', () => {
    expect(errors(run(service('type: NodePort, ports: [{port: 80, nodePort: 32768}]')))).toEqual([
      'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 32768: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
  });

  it('allocates a healthCheckNodePort for LoadBalancer + externalTrafficPolicy Local only', () => {
    const r = run(service('type: LoadBalancer, externalTrafficPolicy: Local, ports: [{port: 80}]', 'lb') + service('type: NodePort, externalTrafficPolicy: Local, ports: [{port: 80}]', 'np'));
    const hc = svc(r, 'lb').healthCheckNodePort!;
    expect(hc).toBeGreaterThanOrEqual(30000);
    expect(hc).toBeLessThanOrEqual(32767);
    expect(hc).not.toBe(svc(r, 'lb').ports[0].nodePort);
    expect(svc(r, 'np').healthCheckNodePort).toBeUndefined();
    expect(errors(run(service('type: NodePort, healthCheckNodePort: 30500, ports: [{port: 80}]')))).toEqual([
      "The Service \"web\" is invalid: spec.healthCheckNodePort: Invalid value: 30500: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    ]);
  });

  it('gives a LoadBalancer no NodePorts with allocateLoadBalancerNodePorts: false', () => {
    const r = run(service('type: LoadBalancer, allocateLoadBalancerNodePorts: false, ports: [{port: 80}]'));
    expect(svc(r, 'web').ports[0].nodePort).toBeUndefined();
  });
});

describe('externalTrafficPolicy Local', () => {
  it('notes the nodes that run no endpoint (kube-proxy drops external traffic there)', () => {
    const r = run(
      '{apiVersion: v1, kind: Pod, metadata: {name: a, labels: {app: web}}, spec: {nodeName: kind-worker, containers: [{name: c, image: nginx}]}}\n' + service('type: NodePort, externalTrafficPolicy: Local, ports: [{port: 80}]'),
    );
    const note = r.diagnostics.find((d) => d.path === 'spec.externalTrafficPolicy')!;
    expect(note.severity).toBe('info');
    expect(note.message).toContain('nodes kind-control-plane, kind-worker2 run none of its ready endpoints');
  });
});

describe('ExternalDNS', () => {
  it('records the hostname annotation (comma-separated) and the TTL', () => {
    const meta = ', annotations: {external-dns.alpha.kubernetes.io/hostname: "web.example.com, www.example.com", external-dns.alpha.kubernetes.io/ttl: "60"}';
    expect(svc(run(service('type: LoadBalancer, ports: [{port: 80}]', 'web', meta)), 'web').externalDNS).toEqual({ hostnames: ['web.example.com', 'www.example.com'], ttl: 60 });
  });

  it('reads a TTL written as a Go duration and leaves an invalid one out', () => {
    const meta = (ttl: string) => `, annotations: {external-dns.alpha.kubernetes.io/hostname: web.example.com, external-dns.alpha.kubernetes.io/ttl: "${ttl}"}`;
    expect(svc(run(service('ports: [{port: 80}]', 'web', meta('1m30s'))), 'web').externalDNS).toEqual({ hostnames: ['web.example.com'], ttl: 90 });
    expect(svc(run(service('ports: [{port: 80}]', 'web', meta('0'))), 'web').externalDNS).toEqual({ hostnames: ['web.example.com'] });
    expect(svc(run(service('ports: [{port: 80}]')), 'web').externalDNS).toBeUndefined();
  });
});
