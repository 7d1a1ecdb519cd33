/**
 * Reading manifests: multi-document YAML (and JSON, which is YAML) into plain values,
 * as `kubectl apply -f` does, with hard limits against hostile input.
 *
 * YAML is read with YAML 1.1 rules, like sigs.k8s.io/yaml (go-yaml v2) that kubectl and
 * the API server use: `yes`/`on` are booleans, `0755` is octal, keys must be unique.
 */
import { LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostic';
import { Locator } from './locate';
import { findExcessiveNesting } from './nesting';

/** A named piece of manifest text (a file, or stdin). */
export interface ManifestSource {
  /** File name, used in diagnostics. */
  name: string;
  content: string;
}

/** Limits that make hostile input fail fast with a clear message. */
export const LOAD_LIMITS = {
  /** Characters (UTF-16 code units), per source and in total. */
  maxChars: 10 * 1024 * 1024,
  maxDocuments: 5000,
  /** Alias dereferences per document (billion-laughs guard). */
  maxAliasCount: 1000,
  maxObjects: 20000,
  /**
   * Levels of nested mappings and sequences. Upstream's decoders allow 10000 (go-yaml's
   * max_flow_level/max_indents, the API server's JSON decoder); the parser used here
   * overflows the stack at about 800, and no real manifest (CRD schemas included) comes near.
   */
  maxDepth: 200,
} as const;

/** One parsed, non-empty document. */
export interface LoadedDocument {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  value: unknown;
  locator: Locator;
  /** The document's root node, to build locators of List items. */
  root: Node | null;
}

export interface LoadResult {
  documents: LoadedDocument[];
  /** Syntax errors and limit violations: any of them means the input is refused. */
  syntaxErrors: Diagnostic[];
}

/** Parses every source; never throws. */
export function loadDocuments(sources: ManifestSource[]): LoadResult {
  const documents: LoadedDocument[] = [];
  const syntaxErrors: Diagnostic[] = [];
  let totalChars = 0;
  let totalDocuments = 0;

  for (const source of sources) {
    totalChars += source.content.length;
    if (totalChars > LOAD_LIMITS.maxChars) {
      syntaxErrors.push(limitError(source.name, `input too large: more than ${LOAD_LIMITS.maxChars} characters of manifests in all`));
      break;
    }
    const tooDeep = findExcessiveNesting(source.content, LOAD_LIMITS.maxDepth);
    if (tooDeep) {
      syntaxErrors.push({
        severity: 'error',
        message: `nesting too deep: more than ${LOAD_LIMITS.maxDepth} levels of mappings and sequences`,
        file: source.name,
        ...tooDeep,
      });
      continue;
    }
    const lineCounter = new LineCounter();
    let parsed;
    try {
      parsed = parseAllDocuments(source.content, { lineCounter, version: '1.1', uniqueKeys: true, prettyErrors: true });
    } catch (err) {
      // The parser recurses on nesting; absurdly deep input ends here rather than crashing.
      syntaxErrors.push(limitError(source.name, `cannot parse: ${(err as Error).message}`));
      continue;
    }
    const docs = Array.isArray(parsed) ? parsed : [parsed];
    for (let index = 0; index < docs.length; index++) {
      const doc = docs[index];
      if (doc.errors.length > 0) {
        for (const error of doc.errors) {
          const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
          syntaxErrors.push({
            severity: 'error',
            message: stripPosition(error.message),
            file: source.name,
            line: pos.line,
            column: pos.col,
          });
        }
        continue;
      }
      // Comment-only and empty documents (`---\n---`) are skipped, as kubectl skips them.
      if (doc.contents === null) continue;
      if (++totalDocuments > LOAD_LIMITS.maxDocuments) {
        syntaxErrors.push(limitError(source.name, `too many documents: more than ${LOAD_LIMITS.maxDocuments}`));
        return { documents, syntaxErrors };
      }
      const start = doc.contents.range?.[0] ?? doc.range[0];
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: LOAD_LIMITS.maxAliasCount });
      } catch (err) {
        const pos = lineCounter.linePos(start);
        syntaxErrors.push({
          severity: 'error',
          message: (err as Error).message,
          file: source.name,
          line: pos.line,
          column: pos.col,
        });
        continue;
      }
      documents.push({
        file: source.name,
        index,
        value,
        locator: new Locator(doc.contents as Node, lineCounter, start),
        root: doc.contents as Node,
      });
    }
  }
  return { documents, syntaxErrors };
}

/** Syntax errors of every source; [] when all of it is valid YAML/JSON within the limits. */
export function checkSyntax(sources: ManifestSource[]): Diagnostic[] {
  return loadDocuments(sources).syntaxErrors;
}

/** The yaml package appends " at line L, column C:" and a code excerpt; the diagnostic carries those apart. */
function stripPosition(message: string): string {
  return message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
}

function limitError(file: string, message: string): Diagnostic {
  return { severity: 'error', message, file, line: 1, column: 1 };
}
