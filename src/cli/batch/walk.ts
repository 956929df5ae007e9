/**
 * The files a `nianbao check` run covers: each argument as given, folders walked recursively.
 * Inside a folder, entries are taken in order of their names (UTF-16 code units, the same on
 * every machine and locale), so a run over the same folder always lists the same files in the
 * same order. Symbolic links are not followed (a link to a parent would never end, and a file
 * reached twice would be counted twice); hidden entries (a name starting with `.`: editors'
 * lock files, `.DS_Store`, `.git`) and files of types no reader takes are skipped and counted.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface Skipped {
  hidden: number;
  unsupported: number;
  links: number;
}

/** A file to check, or a folder named that yields none, with the reason (reported as unreadable). */
export interface Input {
  file: string;
  error?: string;
}

export interface Inputs {
  inputs: Input[];
  skipped: Skipped;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Expands folders among `args` into the report files under them. A named file is kept whatever
 * its type (the reader then says why it cannot be read); `supported` lists the extensions, in
 * lower case with the dot, taken from folders.
 */
export function listInputs(args: readonly string[], supported: readonly string[]): Inputs {
  const found: Inputs = { inputs: [], skipped: { hidden: 0, unsupported: 0, links: 0 } };
  for (const arg of args) {
    let isDirectory = false;
    try {
      isDirectory = fs.statSync(arg).isDirectory();
    } catch {
      // Not there or not readable: the reader says so for the file.
    }
    if (!isDirectory) {
      found.inputs.push({ file: arg });
      continue;
    }
    const before = found.inputs.length;
    walk(arg, supported, found);
    if (found.inputs.length === before) found.inputs.push({ file: arg, error: `文件夹中没有可检查的报告文件（${supported.join('、')}）：${arg}` });
  }
  return found;
}

function walk(dir: string, supported: readonly string[], found: Inputs): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    found.inputs.push({ file: dir, error: code === 'EACCES' || code === 'EPERM' ? `没有权限读取文件夹：${dir}` : `无法读取文件夹（${code ?? String(e)}）：${dir}` });
    return;
  }
  entries.sort((a, b) => byCodeUnits(a.name, b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith('.')) found.skipped.hidden++;
    else if (entry.isSymbolicLink()) found.skipped.links++;
    else if (entry.isDirectory()) walk(full, supported, found);
    else if (entry.isFile() && supported.includes(path.extname(entry.name).toLowerCase())) found.inputs.push({ file: full });
    else found.skipped.unsupported++;
  }
}
