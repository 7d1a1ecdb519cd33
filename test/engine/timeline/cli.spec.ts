/** The CLI over a Timeline: `exec --step N` shows the cluster after step N; `simulate -o text` prints each step's changes. */
import * as path from 'path';
import { Readable } from 'stream';
import { run } from '../../../src/cli/main';

const scenario = path.join(__dirname, 'cases/pod-ips-are-ephemeral/scenario.yaml');

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, stdin: Readable.from(['']) });
  return { code, stdout, stderr };
}

const podsAt = async (step: string) => (await cli(['exec', '-f', scenario, '--step', step, '--', 'kubectl', 'get', 'pods', '-o', 'wide', '--no-headers', '|', 'awk', '{print $1, $6}'])).stdout;
const clusterIPAt = async (step: string) => (await cli(['exec', '-f', scenario, '--step', step, '--', 'kubectl', 'get', 'svc', 'web', '--no-headers', '|', 'awk', '{print $3}'])).stdout;

describe('kube-netlab exec --step', () => {
  it('shows a new Pod name and IP after the delete, and the same ClusterIP', async () => {
    const [before, after] = [await podsAt('0'), await podsAt('1')];
    const [nameBefore, ipBefore] = before.trim().split(' ');
    const [nameAfter, ipAfter] = after.trim().split(' ');
    expect(ipBefore).toBe('10.244.1.2');
    expect(ipAfter).toBe('10.244.1.3'); // host-local does not hand the freed .2 out again at once
    expect(nameAfter).not.toBe(nameBefore);
    expect(await clusterIPAt('1')).toBe(await clusterIPAt('0'));
    expect(await podsAt('1')).toBe(await cli(['exec', '-f', scenario, '--', 'kubectl', 'get', 'pods', '-o', 'wide', '--no-headers', '|', 'awk', '{print $1, $6}']).then((r) => r.stdout));
  });

  it('refuses a step the Timeline does not have', async () => {
    const { code, stderr } = await cli(['exec', '-f', scenario, '--step', '2', '--', 'kubectl', 'get', 'pods']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: --step 2: the Timeline has 1 step\n');
  });
});

describe('kube-netlab simulate -o text with a Timeline', () => {
  it('prints the step, kubectl\'s output, the Pods and endpoints that went and came, and the unchanged ClusterIP', async () => {
    const { code, stdout } = await cli(['simulate', '-f', scenario]);
    expect(code).toBe(0);
    const ip = (await clusterIPAt('1')).trim();
    const [old, replacement] = [(await podsAt('0')).split(' ')[0], (await podsAt('1')).split(' ')[0]];
    const section = stdout.slice(stdout.indexOf('TIMELINE'));
    expect(section).toBe(
      [
        'TIMELINE (1 step; the tables above show the cluster after the last)',
        '',
        'STEP 1  t=10s  the Pod goes away',
        '  $ kubectl delete pod -l app=web',
        `    pod "${old}" deleted`,
        `  -   pod        default/${old}   10.244.1.2      kind-worker`,
        `  +   pod        default/${replacement}   10.244.1.3      kind-worker`,
        '  -   endpoint   default/web                   10.244.1.2:80   ready',
        '  +   endpoint   default/web                   10.244.1.3:80   ready',
        `  =   service    default/web                   ${ip.padEnd(15)} ClusterIP unchanged`,
        '',
      ].join('\n'),
    );
  });
});
