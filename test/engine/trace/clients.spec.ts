/** curl, wget and nc through the terminal: each verdict printed as the tool prints it. */
import { runCommandLine } from '../../../src/engine';
import { run as runCli } from '../../../src/cli/main';
import { run, service } from '../support/scenario';

const scenario = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec: {selector: {app: none}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: box}
spec: {containers: [{name: c, image: busybox:1.36}]}
---
apiVersion: v1
kind: Pod
metadata: {name: shoot}
spec: {containers: [{name: c, image: nicolaka/netshoot}]}
`;
const r = run(scenario);
const webIP = service(r, 'default', 'web').clusterIP!;
const emptyIP = service(r, 'default', 'empty').clusterIP!;
const sh = (line: string) => runCommandLine(r, line);

describe('curl', () => {
  it('prints the page of the Pod that answered', () => {
    const out = sh(`kubectl exec shoot -- curl -s http://${webIP}/path`);
    const web = r.pods.find((p) => p.name.startsWith('web-'))!;
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(`Server address: ${web.ip}:80\nServer name: ${web.name}\n`);
    expect(out.stdout).toContain('URI: /path\n');
  });

  it('a Service without endpoints: exit 7, Connection refused, and kubectl reports the exit code', () => {
    const out = sh(`kubectl exec shoot -- curl ${emptyIP}`);
    expect(out.exitCode).toBe(7);
    expect(out.stderr).toBe(`curl: (7) Failed to connect to ${emptyIP} port 80 after 1 ms: Connection refused\ncommand terminated with exit code 7\n`);
  });

  it('-s hides the error, -sS shows it; -w prints 000 for a failed connection', () => {
    expect(sh(`curl -s ${emptyIP}`).stderr).toBe('');
    expect(sh(`curl -sS ${emptyIP}`).stderr).toContain('curl: (7)');
    expect(sh(`curl -s -o /dev/null -w '%{http_code}' ${webIP}`).stdout).toBe('200');
    expect(sh(`curl -s -o /dev/null -w '%{http_code}' ${emptyIP}`).stdout).toBe('000');
  });

  it('a connection nothing answers hits --connect-timeout: exit 28', () => {
    const out = sh(`curl --connect-timeout 5 ${webIP}:8080`);
    expect(out.exitCode).toBe(28);
    expect(out.stderr).toBe(`curl: (28) Failed to connect to ${webIP} port 8080 after 5002 ms: Timeout was reached\n`);
  });
});

describe('BusyBox wget and nc in a busybox image', () => {
  it('wget -qO- prints the body: the nginx image serves its welcome page at /', () => {
    expect(sh(`kubectl exec box -- wget -qO- ${webIP}`).stdout).toContain('<title>Welcome to nginx!</title>');
  });

  it('wget to a Service without endpoints', () => {
    const out = sh(`kubectl exec box -- wget ${emptyIP}`);
    expect(out.stderr).toBe(`Connecting to ${emptyIP}:80 (${emptyIP}:80)\nwget: can't connect to remote host (${emptyIP}): Connection refused\ncommand terminated with exit code 1\n`);
  });

  it('nc -zv open and refused', () => {
    expect(sh(`kubectl exec box -- nc -zv ${webIP} 80`).stderr).toBe(`${webIP} (${webIP}:80) open\n`);
    expect(sh(`kubectl exec box -- nc -zv ${emptyIP} 80`).stderr).toContain(`nc: ${emptyIP} (${emptyIP}:80): Connection refused\n`);
  });
});

describe('OpenBSD nc elsewhere', () => {
  it('names the service from /etc/services', () => {
    expect(sh(`kubectl exec shoot -- nc -zv ${webIP} 80`).stderr).toBe(`Connection to ${webIP} 80 port [tcp/http] succeeded!\n`);
    expect(sh(`kubectl exec shoot -- nc -zv ${emptyIP} 80`).stderr).toContain(`nc: connect to ${emptyIP} port 80 (tcp) failed: Connection refused\n`);
  });
});

describe('kube-netlab trace', () => {
  it('prints the contract JSON: verdict, hops with node/netns/action/packet, candidates, destination', async () => {
    let stdout = '';
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, stdin: (async function* () { yield scenario; })() };
    const code = await runCli(['trace', '-f', '-', '--from', 'default/box', '--to', `${webIP}:80`, '-o', 'json'], io);
    expect(code).toBe(0);
    const trace = JSON.parse(stdout);
    expect(trace.verdict).toBe('delivered');
    expect(trace.hops[0]).toEqual(expect.objectContaining({ node: expect.any(String), netns: expect.stringMatching(/^cni-/), action: expect.any(String), packet: expect.objectContaining({ src: expect.any(String), dst: `${webIP}:80` }) }));
    expect(trace.candidates).toEqual([expect.objectContaining({ pod: expect.stringMatching(/^default\/web-/), ip: expect.any(String), port: 80, probability: 1 })]);
    expect(trace.destination).toEqual(expect.objectContaining({ pod: trace.candidates[0].pod, port: 80 }));
  });

  it('refuses an unknown Pod with a clear error', async () => {
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, stdin: (async function* () { yield scenario; })() };
    expect(await runCli(['trace', '-f', '-', '--from', 'nope', '--to', `${webIP}:80`], io)).toBe(1);
    expect(stderr).toBe('error: pods "nope" not found in namespace default\n');
  });
});
