/**
 * Terminal golden cases: each folder under cases/ holds scenario.yaml, command (one
 * command line), expected.stdout, expected.stderr (absent = empty), exit-code (absent = 0)
 * and now (seconds on the scenario clock when the command runs; absent = 0). The expected text follows kubectl v1.33's printers:
 * - columns and cells: pkg/printers/internalversion/printers.go (printPod, printService,
 *   formatEndpoints, printNode), headers upper-cased; cells aligned by the tabwriter of
 *   k8s.io/cli-runtime/pkg/printers (minwidth 6, padding 3); describe by
 *   kubectl/pkg/describe (padding 2);
 * - AGE is HumanDuration(now - createdAt): objects applied at 0, kind's nodes and system
 *   objects before it (e.g. now=330 → `5m30s`, 7590 s → `126m`); wall-clock times put the
 *   scenario's second 0 at 2025-01-01T00:00:00Z (terminal/timestamps.ts);
 * - workloads, storage and describe: printDeployment/printJob/printPersistentVolume... and
 *   describe.go's describeDeployment/describeNode/...; kind's `standard (default)` class;
 * - addresses follow kind's defaults: control plane 172.18.0.2, kind-worker's podCIDR
 *   10.244.1.0/24 and kind-worker2's 10.244.2.0/24, host-local IPAM's first address .2;
 *   the Service pins clusterIP and nodePort, so nothing random shows;
 * - stderr: client-go's deprecation warning for v1 Endpoints, `Error from server (NotFound)`,
 *   `No resources found in <ns> namespace.` (get.go), bash's `command not found` (127).
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { simulate } from '../../../src/engine';
import { runCommandLine } from '../../../src/engine/terminal';

const root = path.join(__dirname, 'cases');
const read = (dir: string, file: string, fallback: string) => (existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), 'utf8') : fallback);

describe.each(readdirSync(root).sort())('terminal case %s', (name) => {
  const dir = path.join(root, name);
  it('prints what the real tools print', () => {
    const now = Number(read(dir, 'now', '0').trim());
    const result = simulate([{ name: 'scenario.yaml', content: readFileSync(path.join(dir, 'scenario.yaml'), 'utf8') }], { now });
    const out = runCommandLine(result, read(dir, 'command', '').replace(/\n$/, ''));
    expect(out.stdout).toBe(read(dir, 'expected.stdout', ''));
    expect(out.stderr).toBe(read(dir, 'expected.stderr', ''));
    expect(out.exitCode).toBe(Number(read(dir, 'exit-code', '0').trim()));
  });
});
