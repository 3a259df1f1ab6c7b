import type { Writable } from 'node:stream';
import { spawn } from 'node:child_process';

/** Where a statement's output goes: a stream, or a pager once it is taller than the screen. */
export interface OutputSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export class StreamSink implements OutputSink {
  constructor(private readonly stream: Writable) {}

  write(text: string): Promise<void> {
    if (text === '') return Promise.resolve();
    if (this.stream.write(text)) return Promise.resolve();
    return new Promise((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<void> {}
}

/**
 * Buffers output until it is taller than the terminal, then hands it to the pager (`PAGER`,
 * default `less -SRFX`); short output goes straight to the terminal.
 */
export class PagerSink implements OutputSink {
  private buffer: string[] = [];
  private lines = 0;
  private pager: ReturnType<typeof spawn> | undefined;
  private pagerDone: Promise<void> | undefined;
  private pagerClosed = false;

  constructor(
    private readonly stdout: Writable,
    private readonly screenRows: number,
    private readonly command: string,
  ) {}

  async write(text: string): Promise<void> {
    if (this.pagerClosed) return;
    if (this.pager !== undefined) return this.toPager(text);
    this.buffer.push(text);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lines++;
    if (this.lines >= this.screenRows - 1) {
      this.startPager();
      const pending = this.buffer.join('');
      this.buffer = [];
      await this.toPager(pending);
    }
  }

  private startPager(): void {
    const pager = spawn('/bin/sh', ['-c', this.command], { stdio: ['pipe', 'inherit', 'inherit'] });
    this.pager = pager;
    this.pagerDone = new Promise((resolve) => pager.on('close', () => resolve()));
    pager.on('close', () => {
      this.pagerClosed = true;
    });
    pager.stdin!.on('error', () => {
      this.pagerClosed = true;
    });
  }

  private toPager(text: string): Promise<void> {
    const stdin = this.pager!.stdin!;
    if (this.pagerClosed || stdin.destroyed) return Promise.resolve();
    if (stdin.write(text)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => resolve();
      stdin.once('drain', done);
      this.pagerDone!.then(done, done);
    });
  }

  /** True once the user quit the pager (stop fetching rows). */
  isClosed(): boolean {
    return this.pagerClosed;
  }

  async close(): Promise<void> {
    if (this.pager === undefined) {
      const text = this.buffer.join('');
      this.buffer = [];
      if (text !== '' && !this.stdout.write(text)) await new Promise((resolve) => this.stdout.once('drain', resolve));
      return;
    }
    this.pager.stdin!.end();
    await this.pagerDone;
  }
}
