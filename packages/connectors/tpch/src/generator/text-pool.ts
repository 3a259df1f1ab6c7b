/**
 * dbgen's text pool: 300 MiB of pseudo-English generated once from a fixed seed with the TPC-H
 * sentence grammar. Every comment column is a random slice of it.
 */

import type { Distribution } from './distributions.js';
import {
  ADJECTIVES,
  ADVERBS,
  ARTICLES,
  AUXILIARIES,
  GRAMMAR,
  NOUNS,
  NOUN_PHRASES,
  PREPOSITIONS,
  TERMINATORS,
  VERBS,
  VERB_PHRASES,
} from './distributions.js';
import { TEXT_POOL_CHECKPOINTS } from './text-pool-checkpoints.js';

export const TEXT_POOL_SIZE = 300 * 1024 * 1024;
const TEXT_POOL_SEED = 933588178;
const MAX_SENTENCE_LENGTH = 256;

const SPACE = 0x20;
const COMMA = 0x2c;

/** Where a sentence starts in the pool, with the generator's seed at that point. */
export interface TextPoolCheckpoint {
  readonly position: number;
  readonly seed: number;
}

/** The vocabulary flattened for byte copying: word ids per distribution slot, words packed in one array. */
class Vocabulary {
  readonly wordStart: Int32Array;
  readonly wordEnd: Int32Array;
  readonly wordBytes: Uint8Array;
  readonly nouns: Int32Array;
  readonly verbs: Int32Array;
  readonly adverbs: Int32Array;
  readonly articles: Int32Array;
  readonly prepositions: Int32Array;
  readonly auxiliaries: Int32Array;
  readonly terminators: Int32Array;
  readonly adjectives: Int32Array;
  /** Phrase shapes per slot, as symbol codes. */
  readonly grammar: readonly Int32Array[];
  readonly verbPhrases: readonly Int32Array[];
  readonly nounPhrases: readonly Int32Array[];

  constructor() {
    const words: string[] = [];
    const ids = new Map<string, number>();
    const slots = (distribution: Distribution): Int32Array => {
      const result: number[] = [];
      distribution.weights.forEach((weight, index) => {
        const word = distribution.values[index]!;
        let id = ids.get(word);
        if (id === undefined) {
          id = words.length;
          ids.set(word, id);
          words.push(word);
        }
        for (let i = 0; i < weight; i++) result.push(id);
      });
      return Int32Array.from(result);
    };
    this.nouns = slots(NOUNS);
    this.verbs = slots(VERBS);
    this.adverbs = slots(ADVERBS);
    this.articles = slots(ARTICLES);
    this.prepositions = slots(PREPOSITIONS);
    this.auxiliaries = slots(AUXILIARIES);
    this.terminators = slots(TERMINATORS);
    this.adjectives = slots(ADJECTIVES);
    this.wordStart = new Int32Array(words.length);
    this.wordEnd = new Int32Array(words.length);
    let size = 0;
    words.forEach((word, id) => {
      this.wordStart[id] = size;
      size += word.length;
      this.wordEnd[id] = size;
    });
    this.wordBytes = new Uint8Array(size);
    words.forEach((word, id) => this.wordBytes.set(Buffer.from(word, 'latin1'), this.wordStart[id]!));
    const shapes = (distribution: Distribution, everyOtherCharacter: boolean): Int32Array[] => {
      const result: Int32Array[] = [];
      distribution.weights.forEach((weight, index) => {
        const text = distribution.values[index]!;
        const codes: number[] = [];
        for (let i = 0; i < text.length; i += everyOtherCharacter ? 2 : 1) codes.push(text.charCodeAt(i));
        const shape = Int32Array.from(codes);
        for (let i = 0; i < weight; i++) result.push(shape);
      });
      return result;
    };
    this.grammar = shapes(GRAMMAR, true);
    this.verbPhrases = shapes(VERB_PHRASES, true);
    this.nounPhrases = shapes(NOUN_PHRASES, false);
  }
}

let cachedVocabulary: Vocabulary | undefined;

/** Writes sentences of the grammar into a byte array, drawing from the pool's random stream. */
class SentenceWriter {
  private readonly words: Vocabulary;
  /** Index in `out` of the next byte. */
  position: number;
  seed: number;

  constructor(
    private readonly out: Uint8Array,
    private readonly base: number,
    from: TextPoolCheckpoint,
  ) {
    cachedVocabulary ??= new Vocabulary();
    this.words = cachedVocabulary;
    this.position = from.position - base;
    this.seed = from.seed;
  }

  /** dbgen's draw in [0, total - 1] (the same arithmetic as RandomStream.nextInt). */
  private draw(total: number): number {
    const product = this.seed * 16807;
    const high = Math.floor(product * 4.656612873077393e-10); // exact: 2^-31
    let folded = product - high * 2147483648 + high;
    if (folded >= 2147483647) folded -= 2147483647;
    this.seed = folded;
    return ((folded / 2147483647) * total) | 0;
  }

  private word(slots: Int32Array): void {
    const id = slots[this.draw(slots.length)]!;
    const { wordStart, wordEnd, wordBytes } = this.words;
    const out = this.out;
    let p = this.position;
    const end = wordEnd[id]!;
    for (let i = wordStart[id]!; i < end; i++) out[p++] = wordBytes[i]!;
    this.position = p;
  }

  private nounPhrase(): void {
    const shapes = this.words.nounPhrases;
    const shape = shapes[this.draw(shapes.length)]!;
    for (let i = 0; i < shape.length; i++) {
      switch (shape[i]) {
        case 0x41: // A
          this.word(this.words.articles);
          break;
        case 0x4a: // J
          this.word(this.words.adjectives);
          break;
        case 0x44: // D
          this.word(this.words.adverbs);
          break;
        case 0x4e: // N
          this.word(this.words.nouns);
          break;
        case COMMA: // replaces the space after the previous word
          this.out[this.position - 1] = COMMA;
          this.out[this.position++] = SPACE;
          continue;
        default: // SPACE
          continue;
      }
      this.out[this.position++] = SPACE;
    }
  }

  private verbPhrase(): void {
    const shapes = this.words.verbPhrases;
    const shape = shapes[this.draw(shapes.length)]!;
    for (let i = 0; i < shape.length; i++) {
      switch (shape[i]) {
        case 0x44: // D
          this.word(this.words.adverbs);
          break;
        case 0x56: // V
          this.word(this.words.verbs);
          break;
        default: // X
          this.word(this.words.auxiliaries);
          break;
      }
      this.out[this.position++] = SPACE;
    }
  }

  /** Whole sentences until the pool position reaches `stopAt`; `visit` sees every sentence start. */
  run(stopAt: number, visit: ((position: number, seed: number) => void) | undefined): void {
    const stop = stopAt - this.base;
    const out = this.out;
    const grammar = this.words.grammar;
    while (this.position < stop) {
      if (visit !== undefined) visit(this.position + this.base, this.seed);
      const shape = grammar[this.draw(grammar.length)]!;
      for (let i = 0; i < shape.length; i++) {
        switch (shape[i]) {
          case 0x56: // V
            this.verbPhrase();
            break;
          case 0x4e: // N
            this.nounPhrase();
            break;
          case 0x50: {
            // P: preposition, "the", noun phrase
            this.word(this.words.prepositions);
            let p = this.position;
            out[p++] = SPACE;
            out[p++] = 0x74; // t
            out[p++] = 0x68; // h
            out[p++] = 0x65; // e
            out[p++] = SPACE;
            this.position = p;
            this.nounPhrase();
            break;
          }
          default: // T: the terminator abuts the previous word
            this.position--;
            this.word(this.words.terminators);
            break;
        }
        if (out[this.position - 1] !== SPACE) out[this.position++] = SPACE;
      }
    }
  }
}

/**
 * Writes whole sentences starting at `from` (a sentence start) until the pool position reaches
 * `stopAt`; byte `p` of the pool goes to `out[p - base]`. Calls `visit` at every sentence start.
 * Returns the checkpoint after the last sentence.
 */
export function writeSentences(
  out: Uint8Array,
  base: number,
  from: TextPoolCheckpoint,
  stopAt: number,
  visit?: (position: number, seed: number) => void,
): TextPoolCheckpoint {
  const writer = new SentenceWriter(out, base, from);
  writer.run(stopAt, visit);
  return { position: writer.position + base, seed: writer.seed };
}

export const TEXT_POOL_START: TextPoolCheckpoint = { position: 0, seed: TEXT_POOL_SEED };

/** Generates the first `size` bytes of the pool in one go. */
export function generateTextPoolBytes(size: number): Uint8Array {
  const out = new Uint8Array(size + MAX_SENTENCE_LENGTH);
  writeSentences(out, 0, TEXT_POOL_START, size);
  return out.subarray(0, size);
}

/**
 * Pool chunk size: the pool is materialized lazily, one chunk at a time. At 1 MiB a chunk's string
 * is large enough for Node to keep it outside the JS heap (an external string), which keeps garbage
 * collection cheap while comments are sliced from it; 128 KiB chunks measured 2.5x slower.
 */
export const TEXT_POOL_CHUNK_SIZE = 1 << 20;
/** Each chunk's string also holds this many bytes of the next chunk, so no comment spans two. */
const CHUNK_OVERLAP = 256;

/** For each chunk, the last sentence start at or before the chunk's first byte. */
export function computeChunkCheckpoints(chunkLimit = Infinity): TextPoolCheckpoint[] {
  const chunkCount = Math.min(chunkLimit, Math.ceil(TEXT_POOL_SIZE / TEXT_POOL_CHUNK_SIZE));
  const checkpoints: TextPoolCheckpoint[] = [TEXT_POOL_START];
  const scratch = new Uint8Array(TEXT_POOL_CHUNK_SIZE + 4 * MAX_SENTENCE_LENGTH);
  let from = TEXT_POOL_START;
  for (let chunk = 1; chunk < chunkCount; chunk++) {
    const boundary = chunk * TEXT_POOL_CHUNK_SIZE;
    let last = from;
    const next = writeSentences(scratch, from.position, from, boundary, (position, seed) => {
      last = { position, seed };
    });
    checkpoints.push(next.position === boundary ? next : last);
    from = next;
  }
  return checkpoints;
}

/** The text pool, materialized lazily as Latin-1 strings of one chunk each. */
export class TextPool {
  private readonly chunks: (string | undefined)[];
  private scratch: Uint8Array | undefined;

  /**
   * @param checkpoints one per chunk
   * @param chunkSize a multiple of the size the checkpoints were computed for takes every n-th one
   */
  constructor(
    private readonly checkpoints: readonly TextPoolCheckpoint[],
    private readonly chunkSize = TEXT_POOL_CHUNK_SIZE,
  ) {
    this.chunks = new Array<string | undefined>(checkpoints.length).fill(undefined);
  }

  get size(): number {
    return TEXT_POOL_SIZE;
  }

  /** Pool characters [offset, offset + length); length at most 256. */
  text(offset: number, length: number): string {
    const chunk = Math.floor(offset / this.chunkSize);
    const start = offset - chunk * this.chunkSize;
    const text = this.chunks[chunk] ?? this.materialize(chunk);
    return text.substring(start, start + length);
  }

  private materialize(chunk: number): string {
    const begin = chunk * this.chunkSize;
    const end = Math.min(begin + this.chunkSize + CHUNK_OVERLAP, TEXT_POOL_SIZE);
    const from = this.checkpoints[chunk]!;
    this.scratch ??= new Uint8Array(this.chunkSize + CHUNK_OVERLAP + 4 * MAX_SENTENCE_LENGTH);
    writeSentences(this.scratch, from.position, from, end);
    const offset = begin - from.position;
    const text = Buffer.from(this.scratch.buffer, this.scratch.byteOffset + offset, end - begin).toString('latin1');
    this.chunks[chunk] = text;
    return text;
  }
}

let defaultPool: TextPool | undefined;

/** A pool over the stored checkpoints, with chunks of `chunkSize` (a multiple of TEXT_POOL_CHUNK_SIZE). */
export function createTextPool(chunkSize = TEXT_POOL_CHUNK_SIZE): TextPool {
  const step = chunkSize / TEXT_POOL_CHUNK_SIZE;
  if (!Number.isInteger(step) || step < 1) throw new Error(`text pool chunk size must be a multiple of ${TEXT_POOL_CHUNK_SIZE}`);
  const checkpoints: TextPoolCheckpoint[] = [];
  for (let i = 0; i < TEXT_POOL_CHECKPOINTS.length; i += 2 * step) {
    checkpoints.push({ position: TEXT_POOL_CHECKPOINTS[i]!, seed: TEXT_POOL_CHECKPOINTS[i + 1]! });
  }
  return new TextPool(checkpoints, chunkSize);
}

/** The shared pool of this process. */
export function defaultTextPool(): TextPool {
  defaultPool ??= createTextPool();
  return defaultPool;
}
