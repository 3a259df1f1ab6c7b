import type { Connector, ConnectorInsertHandle, ConnectorPageSink, ConnectorSession, ConnectorTableHandle, Page, SqlValue } from '@petrel/spi';
import { TrinoError, StandardErrorCode, float64Block, objectBlock, page, getValue } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { AsyncStep } from './async-step.js';

/**
 * Writes pages (channels in table column order) to the connector's page sink; outputs one row
 * (row count, fragments). Aborts the sink when closed before finishing.
 */
export class TableWriterOperator extends AbstractOperator {
  private readonly open = new AsyncStep<ConnectorPageSink>();
  private append: AsyncStep<void> | undefined;
  private readonly commit = new AsyncStep<readonly unknown[]>();
  private rows = 0;
  private emitted = false;
  private committed = false;

  constructor(
    context: OperatorContext,
    private readonly connector: Connector,
    private readonly session: ConnectorSession,
    private readonly insert: ConnectorInsertHandle,
    private readonly channels: readonly number[],
  ) {
    super(context);
  }

  private sinkProvider() {
    const provider = this.connector.pageSinkProvider;
    if (provider === undefined) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'This connector does not support inserts');
    return provider;
  }

  override isBlocked(): Promise<void> | undefined {
    this.open.start(() => this.sinkProvider().createPageSink(this.session, this.insert));
    return this.open.blocked() ?? this.append?.blocked() ?? this.commit.blocked();
  }

  override needsInput(): boolean {
    return !this.finishing && this.open.isDone() && (this.append === undefined || this.append.isDone());
  }

  addInput(input: Page): void {
    const sink = this.open.result();
    this.append?.result();
    const p = page(this.channels.map((c) => input.blocks[c]!), input.positionCount);
    this.rows += input.positionCount;
    const step = new AsyncStep<void>();
    step.start(() => sink.appendPage(p));
    this.append = step;
  }

  getOutput(): Page | undefined {
    if (!this.finishing || this.emitted || !this.open.isDone()) return undefined;
    if (this.append !== undefined && !this.append.isDone()) return undefined;
    this.append?.result();
    const sink = this.open.result();
    this.commit.start(() => sink.finish());
    if (!this.commit.isDone()) return undefined;
    const fragments = this.commit.result();
    this.committed = true;
    this.emitted = true;
    return page([float64Block(new Float64Array([this.rows])), objectBlock([fragments as unknown as SqlValue])], 1);
  }

  isFinished(): boolean {
    return this.emitted;
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.committed && this.open.isDone()) {
      try {
        const sink = this.open.result();
        await sink.abort();
      } catch {
        // abort is best effort
      }
    }
    this.context.memory.close();
  }
}

/** Sums the writers' row counts, commits the insert with their fragments, outputs the count. */
export class TableFinishOperator extends AbstractOperator {
  private rows = 0;
  private readonly fragments: unknown[] = [];
  private readonly commit = new AsyncStep<void>();
  private emitted = false;

  constructor(
    context: OperatorContext,
    private readonly connector: Connector,
    private readonly session: ConnectorSession,
    private readonly insert: ConnectorInsertHandle,
    private readonly rowCountChannel: number,
    private readonly fragmentChannel: number,
  ) {
    super(context);
  }

  addInput(input: Page): void {
    for (let i = 0; i < input.positionCount; i++) {
      const count = getValue(input.blocks[this.rowCountChannel]!, i);
      if (typeof count === 'number') this.rows += count;
      const fragments = getValue(input.blocks[this.fragmentChannel]!, i);
      if (Array.isArray(fragments)) this.fragments.push(...(fragments as unknown[]));
    }
  }

  override isBlocked(): Promise<void> | undefined {
    return this.commit.blocked();
  }

  getOutput(): Page | undefined {
    if (!this.finishing || this.emitted) return undefined;
    const metadata = this.connector.metadata;
    this.commit.start(async () => {
      if (metadata.finishInsert === undefined) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'This connector does not support inserts');
      await metadata.finishInsert(this.session, this.insert, this.fragments);
    });
    if (!this.commit.isDone()) return undefined;
    this.commit.result();
    this.emitted = true;
    return page([float64Block(new Float64Array([this.rows]))], 1);
  }

  isFinished(): boolean {
    return this.emitted;
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.emitted && this.connector.metadata.abortInsert !== undefined) {
      try {
        await this.connector.metadata.abortInsert(this.session, this.insert);
      } catch {
        // best effort
      }
    }
    this.context.memory.close();
  }
}

/** DELETE pushed entirely into the connector: outputs the deleted row count. */
export class TableDeleteOperator extends AbstractOperator {
  private readonly step = new AsyncStep<number | undefined>();
  private emitted = false;

  constructor(
    context: OperatorContext,
    private readonly connector: Connector,
    private readonly session: ConnectorSession,
    private readonly handle: ConnectorTableHandle,
  ) {
    super(context);
  }
  override needsInput(): boolean {
    return false;
  }
  addInput(): void {
    throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'TableDeleteOperator takes no input');
  }
  override isBlocked(): Promise<void> | undefined {
    this.step.start(async () => {
      const del = this.connector.metadata.executeDelete;
      if (del === undefined) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'This connector does not support deletes');
      return del.call(this.connector.metadata, this.session, this.handle);
    });
    return this.step.blocked();
  }
  getOutput(): Page | undefined {
    if (this.emitted || !this.step.isDone()) return undefined;
    const count = this.step.result();
    if (count === undefined) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'This connector does not support deletes');
    this.emitted = true;
    return page([float64Block(new Float64Array([count]))], 1);
  }
  isFinished(): boolean {
    return this.emitted;
  }
}
