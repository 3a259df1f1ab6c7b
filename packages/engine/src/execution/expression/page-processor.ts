import type { Block, Page } from '@petrel/spi';
import { copyPositions, page as makePage, runLengthBlock } from '@petrel/spi';
import type { RowExpression } from '../../ir/row-expression.js';
import type { CompiledFilter, CompiledProjection, ExpressionCompiler } from './expression-compiler.js';
import { blockOf } from '../block/block-builder.js';

type ProjectionStep =
  | { readonly kind: 'channel'; readonly channel: number }
  | { readonly kind: 'constant'; readonly block: Block }
  | { readonly kind: 'compiled'; readonly fn: CompiledProjection };

/**
 * Filter and project fused over one page: the filter writes a selection of positions
 * (branch-free), then each projection runs over the selected positions only. Projections that are
 * plain column references copy (or pass through) the input block.
 */
export class PageProcessor {
  private readonly filter: CompiledFilter | undefined;
  private readonly steps: readonly ProjectionStep[];
  private selection = new Int32Array(1024);

  constructor(compiler: ExpressionCompiler, layout: ReadonlyMap<string, number>, filter: RowExpression | undefined, projections: readonly RowExpression[]) {
    this.filter = filter === undefined || (filter.kind === 'constant' && filter.value === true) ? undefined : compiler.compileFilter(filter, layout);
    this.steps = projections.map((p): ProjectionStep => {
      if (p.kind === 'variable') {
        const channel = layout.get(p.name);
        if (channel !== undefined) return { kind: 'channel', channel };
      }
      if (p.kind === 'constant') return { kind: 'constant', block: blockOf(p.type, [p.value]) };
      return { kind: 'compiled', fn: compiler.compileProjection(p, layout) };
    });
  }

  /** The filtered, projected page, or undefined when no row passes. */
  process(input: Page): Page | undefined {
    const count = input.positionCount;
    let positions: Int32Array | undefined;
    let selected = count;
    if (this.filter !== undefined) {
      if (this.selection.length < count) this.selection = new Int32Array(Math.max(count, this.selection.length * 2));
      selected = this.filter(input.blocks, undefined, count, this.selection);
      if (selected === 0) return undefined;
      if (selected < count) positions = this.selection;
    }
    if (count === 0) return undefined;
    const blocks = new Array<Block>(this.steps.length);
    for (let i = 0; i < this.steps.length; i++) {
      const step = this.steps[i]!;
      switch (step.kind) {
        case 'channel': {
          const b = input.blocks[step.channel]!;
          blocks[i] = positions === undefined ? b : copyPositions(b, positions, selected);
          break;
        }
        case 'constant':
          blocks[i] = runLengthBlock(step.block, selected);
          break;
        case 'compiled':
          blocks[i] = step.fn(input.blocks, positions, selected);
          break;
      }
    }
    return makePage(blocks, selected);
  }
}
