/** `kube-netlab exec`: runs a command line against the simulated scenario, in-process through run(). */
import * as path from 'path';
import { Readable } from 'stream';
import { run } from '../../../src/cli/main';

const scenario = path.join(__dirname, 'cases/get-pods-wide/scenario.yaml');

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, stdin: Readable.from(['']) });
  return { code, stdout, stderr };
}

describe('kube-netlab exec', () => {
  it('runs the words after -- as one command line, pipes included', async () => {
    const { code, stdout, stderr } = await cli(['exec', '-f', scenario, '--', 'kubectl', 'get', 'pods', '-o', 'wide', '|', 'awk', '{print $1, $6}']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe('NAME IP\ndb 10.244.2.2\nnginx 10.244.1.2\n');
  });

  it('runs several -c command lines in order and exits with the last status', async () => {
    const { code, stdout, stderr } = await cli(['exec', '-f', scenario, '-c', 'kubectl get svc web --no-headers | wc -l', '-c', 'kubectl get svc nope']);
    expect(stdout).toBe('1\n');
    expect(stderr).toBe('Error from server (NotFound): services "nope" not found\n');
    expect(code).toBe(1);
  });

  it('uses -n as the context namespace', async () => {
    const { code, stderr } = await cli(['exec', '-f', scenario, '-n', 'kube-public', '--', 'kubectl', 'get', 'pods']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: 'No resources found in kube-public namespace.\n' });
  });

  it('passes on the exit status of an unknown command (127)', async () => {
    const { code, stderr } = await cli(['exec', '-f', scenario, '--', 'helm', 'list']);
    expect({ code, stderr }).toEqual({ code: 127, stderr: 'bash: helm: command not found\n' });
  });

  it('asks for a command line when none is given', async () => {
    const { code, stderr } = await cli(['exec', '-f', scenario]);
    expect(code).toBe(1);
    expect(stderr).toContain('give the command line after --');
  });
});
