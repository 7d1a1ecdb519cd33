/**
 * lsns -t net on a node: one net namespace per Pod sandbox, held by the pause container,
 * bind-mounted where `ip netns` finds it (/run/netns/NAME, NSFS) and with the nsid the
 * node's namespace gave it (NETNSID) — the same names and ids `ip netns list` prints.
 */
import { runCommandLine } from '../../../src/engine';
import { run } from '../support/scenario';

const r = run('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {nodeName: kind-worker, containers: [{name: c, image: nginx}, {name: d, image: busybox}]}\n');

it('agrees with ip netns list, and counts pause plus the containers', () => {
  const netns = runCommandLine(r, 'ip netns list', { node: 'kind-worker' }).stdout.trim().split('\n').map((l) => /^(\S+) \(id: (\d+)\)$/.exec(l)!);
  const lines = runCommandLine(r, 'lsns -t net', { node: 'kind-worker' }).stdout.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^\s+NS TYPE NPROCS\s+PID USER\s+NETNSID NSFS\s+COMMAND$/);
  expect(lines[1]).toMatch(/ net .* 1 root\s+unassigned\s+\/sbin\/init$/);
  const sandboxes = lines.slice(2);
  expect(sandboxes).toHaveLength(netns.length);
  for (const [, name, id] of netns) expect(sandboxes.some((l) => new RegExp(`^\\d+ net\\s+\\d+\\s+\\d+ 65535\\s+${id} /run/netns/${name} /pause$`).test(l))).toBe(true);
  expect(sandboxes.find((l) => l.includes(netns[0][1]))).toMatch(/ net\s+3 /);
});
