import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import { parsePropertiesStrict, substituteEnvironment } from '../../../config/properties-parser.js';

/** The only exchange manager Petrel has, as Trino names it in `exchange-manager.name`. */
export const FILESYSTEM_EXCHANGE_MANAGER = 'filesystem';

/** Names used as path segments: query ids, fragment ids and attempt names only. */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function checkSegment(what: string, segment: string): string {
  if (!SAFE_SEGMENT.test(segment) || segment.includes('..')) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Invalid ${what} for an exchange path: '${segment}'`);
  return segment;
}

function invalid(file: string, property: string, problem: string): TrinoError {
  return new TrinoError(StandardErrorCode.CONFIGURATION_INVALID, `${file}: property '${property}': ${problem}`);
}

/**
 * Trino's filesystem exchange manager on local (or shared) directories: with `retry_policy=TASK`
 * every stage's tasks spool their output to files under one of `exchange.base-directories`, and
 * consumers read the committed files. Every node of the cluster must see the same directories
 * (one machine, or a shared mount).
 *
 * Layout: `{base}/{queryId}/{fragmentId}/{partition}.{attempt}/{outputPartition}.pages`, written
 * first under `{partition}.{attempt}.tmp` and renamed when the task attempt finishes (the commit).
 * The coordinator creates the query and stage directories and removes the query directory when
 * the query ends; a task never creates them, so a late attempt of an ended query writes nothing.
 */
export class FileSystemExchangeManager {
  readonly baseDirectories: readonly string[];

  constructor(baseDirectories: readonly string[]) {
    if (baseDirectories.length === 0) throw new TrinoError(StandardErrorCode.CONFIGURATION_INVALID, 'The filesystem exchange manager needs at least one base directory');
    this.baseDirectories = baseDirectories.map((d) => resolve(d));
    for (const directory of this.baseDirectories) mkdirSync(directory, { recursive: true });
  }

  /** Where a stage of a query spools (the base directory is picked by the stage, spreading stages over directories). */
  stageDirectory(queryId: string, fragmentId: string): string {
    let hash = 0;
    for (const c of `${queryId}/${fragmentId}`) hash = (Math.imul(hash, 31) + c.charCodeAt(0)) >>> 0;
    const base = this.baseDirectories[hash % this.baseDirectories.length]!;
    return join(base, checkSegment('query id', queryId), checkSegment('fragment id', fragmentId));
  }

  /** Creates a stage's directory (coordinator, before the stage's tasks start). */
  async createStageDirectory(queryId: string, fragmentId: string): Promise<string> {
    const directory = this.stageDirectory(queryId, fragmentId);
    await mkdir(directory, { recursive: true });
    return directory;
  }

  /** Removes every spool file of a query (success or failure). */
  async removeQuery(queryId: string): Promise<void> {
    const id = checkSegment('query id', queryId);
    await Promise.all(this.baseDirectories.map((base) => rm(join(base, id), { recursive: true, force: true })));
  }

  /** Whether a path lies inside one of the base directories (a task spools nowhere else). */
  contains(path: string): boolean {
    const target = resolve(path);
    return this.baseDirectories.some((base) => {
      const inside = relative(base, target);
      return inside !== '' && !inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside);
    });
  }

  /** The query directories present now (what is still spooled). */
  spooledQueries(): string[] {
    return this.baseDirectories.flatMap((base) => readdirSync(base));
  }
}

/**
 * The exchange manager of `etc/exchange-manager.properties` (`exchange-manager.name=filesystem`,
 * `exchange.base-directories=/path[,/path2]`).
 */
export function exchangeManagerFromProperties(properties: ReadonlyMap<string, string>, file = 'exchange-manager.properties'): FileSystemExchangeManager {
  const name = properties.get('exchange-manager.name');
  if (name === undefined) throw invalid(file, 'exchange-manager.name', 'required');
  if (name !== FILESYSTEM_EXCHANGE_MANAGER) throw invalid(file, 'exchange-manager.name', `exchange manager '${name}' is not supported (Petrel has '${FILESYSTEM_EXCHANGE_MANAGER}')`);
  for (const key of properties.keys()) {
    if (key !== 'exchange-manager.name' && key !== 'exchange.base-directories' && !key.startsWith('exchange.')) throw invalid(file, key, 'unknown property');
  }
  const raw = properties.get('exchange.base-directories');
  if (raw === undefined || raw.trim() === '') throw invalid(file, 'exchange.base-directories', 'required');
  const directories = raw.split(',').map((d) => d.trim()).filter((d) => d !== '');
  for (const directory of directories) {
    const path = directory.startsWith('file://') ? directory.slice('file://'.length) : directory;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) throw invalid(file, 'exchange.base-directories', `'${directory}': only local directories (or file://) are supported`);
    if (!isAbsolute(path)) throw invalid(file, 'exchange.base-directories', `'${directory}' is not an absolute path`);
  }
  return new FileSystemExchangeManager(directories.map((d) => (d.startsWith('file://') ? d.slice('file://'.length) : d)));
}

/** The exchange manager of `{etcDir}/exchange-manager.properties`, or undefined when the file is absent. */
export function loadExchangeManager(etcDir: string, environment: Readonly<Record<string, string | undefined>> = process.env): FileSystemExchangeManager | undefined {
  const path = join(etcDir, 'exchange-manager.properties');
  if (!existsSync(path)) return undefined;
  return exchangeManagerFromProperties(substituteEnvironment(parsePropertiesStrict(readFileSync(path, 'utf8'), path), path, environment), path);
}
