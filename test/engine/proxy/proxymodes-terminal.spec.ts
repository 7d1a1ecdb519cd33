/**
 * The terminal's ipvsadm, ipset and nft on a simulated kind cluster: which node and mode
 * they answer from, what they print where there is nothing (empty IPVS table, no sets, no
 * kube-proxy table), Pods' own network namespaces, errors as the tools print them
 * (ipvsadm 1.31, ipset 7.17, nftables 1.0.6).
 */
import { nftNameBase } from '../../../src/engine/proxy/chain-names';
import { runCommandLine } from '../../../src/engine/terminal';
import { run } from '../support/scenario';

const scenario = (mode: string) => `
apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
networking: {kubeProxyMode: ${mode}}
nodes: [{role: control-plane}, {role: worker}]
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  nodeName: kind-worker
  containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  clusterIP: 10.96.100.10
  selector: {app: web}
  ports: [{port: 80, targetPort: 80, nodePort: 30080}]
`;

const IPVS_HEADERS = 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';

describe('IPVS mode', () => {
  const result = run(scenario('ipvs'));
  const sh = (line: string, node?: string) => runCommandLine(result, line, { node });

  it('ipvsadm -Ln on the worker: NodePorts on eth0 and on the veth gateway kindnet gives it', () => {
    const out = sh('ipvsadm -Ln');
    expect(out.exitCode).toBe(0);
    const services = out.stdout.split('\n').filter((l) => /^(TCP|UDP|SCTP) /.test(l));
    expect(services).toContain('TCP  10.96.100.10:80 rr');
    expect(services.filter((l) => l.endsWith(':30080 rr'))).toHaveLength(2);
    expect(out.stdout).toContain('TCP  10.96.100.10:80 rr\n  -> 10.244.1.2:80 ');
  });

  it('accepts -L -n, --stats, -t VIP:PORT, and refuses changes', () => {
    expect(sh('ipvsadm -L -n').stdout).toBe(sh('sudo ipvsadm -Ln').stdout);
    expect(sh('ipvsadm -Ln -t 10.96.100.10:80').stdout.split('\n')[0]).toBe('Prot LocalAddress:Port Scheduler Flags');
    expect(sh('ipvsadm -Ln -t 10.96.100.10:81')).toEqual({ stdout: '', stderr: 'No such service\n', exitCode: 1 });
    expect(sh('ipvsadm -C').exitCode).toBe(1);
    expect(sh('ipvsadm -lnt 10.96.100.10:80').stdout).toBe(sh('ipvsadm -Ln -t 10.96.100.10:80').stdout);
    // ipvsadm.c list_conn: the header of an empty connection table.
    expect(sh('ipvsadm -lnc').stdout).toBe('IPVS connection entries\npro expire state       source             virtual            destination\n');
    expect(sh('ipvsadm -Lx')).toEqual({ stdout: '', stderr: "ipvsadm: invalid option -- 'x'\nTry `ipvsadm -h' or 'ipvsadm --help' for more information.\n", exitCode: 2 });
    // Without -n ports print by /etc/services name.
    expect(sh('ipvsadm -L').stdout).toContain('\nTCP  10.96.100.10:http rr\n');
  });

  it('the kubernetes endpoint is never local (its EndpointSlice has no nodeName): not in KUBE-LOOP-BACK', () => {
    const out = sh('ipset list KUBE-LOOP-BACK', 'kind-control-plane').stdout;
    expect(out).not.toContain(':6443,');
    expect(sh('ipset list KUBE-LOOP-BACK').stdout).toContain('\n10.244.1.2,tcp:80,10.244.1.2\n');
  });

  it('ipset -n list, list NAME, errors', () => {
    expect(sh('ipset -n list | head -2').stdout).toBe('KUBE-LOOP-BACK\nKUBE-CLUSTER-IP\n');
    expect(sh('ipset list KUBE-NODE-PORT-TCP | tail -1').stdout).toBe('30080\n');
    expect(sh('ipset list NOPE')).toEqual({ stdout: '', stderr: 'ipset v7.17: The set with the given name does not exist\n', exitCode: 1 });
    expect(sh('ipset destroy KUBE-CLUSTER-IP').exitCode).toBe(1);
  });

  it('iptables-save shows the IPVS chains; nft has no kube-proxy table', () => {
    expect(sh('iptables-save -t nat').stdout).toContain('-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ\n');
    expect(sh('nft list tables')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('inside a Pod: its own (empty) IPVS table, no sets', () => {
    expect(sh('kubectl exec web -- ipvsadm -Ln')).toEqual({ stdout: IPVS_HEADERS, stderr: '', exitCode: 0 });
    expect(sh('kubectl exec web -- ipset list')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
});

describe('nftables mode', () => {
  const result = run(scenario('nftables'));
  const sh = (line: string) => runCommandLine(result, line);

  it('nft list tables / table / chain / map', () => {
    expect(sh('nft list tables').stdout).toBe('table ip kube-proxy\ntable ip6 kube-proxy\n');
    expect(sh('nft list table ip kube-proxy').stdout.split('\n').slice(0, 3)).toEqual(['table ip kube-proxy {', '\tcomment "rules for kube-proxy"', '\tset cluster-ips {']);
    expect(sh('nft list table kube-proxy').stdout).toBe(sh('nft list table ip kube-proxy').stdout);
    const base = nftNameBase('default/web/tcp/');
    expect(sh('nft list map ip kube-proxy service-nodeports').stdout).toContain(`elements = { tcp . 30080 : goto external-${base} }`);
    expect(sh(`nft list chain ip kube-proxy service-${base}`).stdout).toContain('\t\tip daddr 10.96.100.10 tcp dport 80 ip saddr != 10.244.0.0/16 jump mark-for-masquerade\n');
    // nodePortAddresses defaults to "primary": only the node's InternalIP.
    expect(sh('nft list set ip kube-proxy nodeport-ips').stdout).toMatch(/elements = \{ 172\.18\.0\.\d+ \}/);
  });

  it('errors as nft prints them, caret under the missing name', () => {
    expect(sh('nft list chain ip kube-proxy nope')).toEqual({ stdout: '', stderr: 'Error: No such file or directory\nlist chain ip kube-proxy nope\n                         ^^^^\n', exitCode: 1 });
    expect(sh('nft list table inet kube-proxy').stderr).toBe('Error: No such file or directory\nlist table inet kube-proxy\n                ^^^^^^^^^^\n');
    expect(sh('nft flush ruleset').exitCode).toBe(1);
    expect(sh('nft --version').stdout).toBe('nftables v1.0.6 (Lester Gooch #5)\n');
  });

  it('ipvsadm prints empty headers; iptables-save has only kubelet chains', () => {
    expect(sh('ipvsadm -Ln')).toEqual({ stdout: IPVS_HEADERS, stderr: '', exitCode: 0 });
    expect(sh('iptables-save -t nat').stdout).not.toContain('KUBE-SERVICES');
  });

  it('inside a Pod: no tables', () => {
    expect(sh('kubectl exec web -- nft list ruleset')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
});

describe('iptables mode', () => {
  const result = run(scenario('iptables'));
  it('ipvsadm shows an empty table, ipset no sets, nft no kube-proxy table', () => {
    expect(runCommandLine(result, 'ipvsadm -Ln')).toEqual({ stdout: IPVS_HEADERS, stderr: '', exitCode: 0 });
    expect(runCommandLine(result, 'ipset list')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(runCommandLine(result, 'nft list ruleset')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
});

describe('KubeProxyConfiguration ipvs.scheduler', () => {
  const withScheduler = (scheduler: string) => `
apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
networking: {kubeProxyMode: ipvs}
kubeadmConfigPatches:
- |
  kind: KubeProxyConfiguration
  ipvs:
    scheduler: ${scheduler}
`;
  it('sets the scheduler of every virtual server', () => {
    const result = run(withScheduler('wlc'));
    expect(result.cluster.ipvsScheduler).toBe('wlc');
    expect(runCommandLine(result, 'ipvsadm -Ln').stdout).toContain('\nTCP  10.96.0.1:443 wlc\n');
  });
  it('a scheduler kube-proxy refuses is an error; rr is used', () => {
    const result = run(withScheduler('fastest'));
    expect(result.diagnostics.some((d) => d.severity === 'error' && d.message.includes('"fastest" is not an IPVS scheduler'))).toBe(true);
    expect(runCommandLine(result, 'ipvsadm -Ln').stdout).toContain('\nTCP  10.96.0.1:443 rr\n');
  });
});
