/** Resolves `-f` arguments like `kubectl apply -f`: a file, a directory (its *.yaml, *.yml, *.json, sorted, not recursive) or `-` for stdin. */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { ManifestSource } from '../engine';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export class SourceError extends Error {}

export async function readSources(filenames: string[], stdin: AsyncIterable<string | Buffer>, cwd: string): Promise<ManifestSource[]> {
  const sources: ManifestSource[] = [];
  let stdinRead = false;
  for (const name of filenames) {
    if (name === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      let content = '';
      for await (const chunk of stdin) content += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      sources.push({ name: '<stdin>', content });
      continue;
    }
    const full = path.resolve(cwd, name);
    let stat;
    try {
      stat = await fs.stat(full);
    } catch {
      throw new SourceError(`the path "${name}" does not exist`);
    }
    if (stat.isDirectory()) {
      const entries = (await fs.readdir(full, { withFileTypes: true }))
        .filter((e) => e.isFile() && MANIFEST_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
        .map((e) => e.name)
        .sort();
      for (const entry of entries) sources.push({ name: path.join(name, entry), content: await fs.readFile(path.join(full, entry), 'utf8') });
    } else {
      sources.push({ name, content: await fs.readFile(full, 'utf8') });
    }
  }
  return sources;
}
