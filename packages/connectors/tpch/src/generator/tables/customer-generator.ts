import { MARKET_SEGMENTS, NATIONS, WeightedPicker } from '../distributions.js';
import { RandomStream } from '../random-stream.js';
import { RandomAlphaNumeric, RandomPhoneNumber } from '../random-strings.js';
import { RandomText } from '../random-text.js';
import { partRowRange } from '../row-range.js';
import type { GeneratedBatch, GeneratedColumn, RowStream, TableGenerator } from '../table-generator.js';
import { presentStreams, requestedFlags, trimBatch } from '../table-generator.js';
import type { TextPool } from '../text-pool.js';

export const CUSTOMER_SCALE_BASE = 150_000;

const enum CustomerColumn {
  CustKey, Name, Address, NationKey, Phone, AcctBal, MktSegment, Comment,
}
const COLUMN_COUNT = 8;

export class CustomerGenerator implements TableGenerator {
  private readonly want: boolean[];
  private readonly address: RandomAlphaNumeric | undefined;
  private readonly nationKey: RandomStream | undefined;
  private readonly phone: RandomPhoneNumber | undefined;
  private readonly accountBalance: RandomStream | undefined;
  private readonly segment: RandomStream | undefined;
  private readonly comment: RandomText | undefined;
  private readonly streams: readonly RowStream[];
  private readonly segments = new WeightedPicker(MARKET_SEGMENTS);
  private rowsLeft: number;
  private key: number;

  constructor(scaleFactor: number, part: number, partCount: number, ordinals: readonly number[], pool: TextPool) {
    const w = requestedFlags(COLUMN_COUNT + 1, ordinals);
    this.want = w;
    const { startIndex, rowCount } = partRowRange(CUSTOMER_SCALE_BASE, scaleFactor, part, partCount);
    this.rowsLeft = rowCount;
    this.key = startIndex + 1;
    this.address = w[CustomerColumn.Address]! ? new RandomAlphaNumeric(881155353, 25) : undefined;
    this.nationKey = w[CustomerColumn.NationKey]! || w[CustomerColumn.Phone]! ? new RandomStream(1489529863, 1) : undefined;
    this.phone = w[CustomerColumn.Phone]! ? new RandomPhoneNumber(1521138112) : undefined;
    this.accountBalance = w[CustomerColumn.AcctBal]! ? new RandomStream(298370230, 1) : undefined;
    this.segment = w[CustomerColumn.MktSegment]! ? new RandomStream(1140279430, 1) : undefined;
    this.comment = w[CustomerColumn.Comment]! ? new RandomText(1335826707, pool, 73) : undefined;
    this.streams = presentStreams([this.address, this.nationKey, this.phone, this.accountBalance, this.segment, this.comment]);
    for (const s of this.streams) s.advanceRows(startIndex);
  }

  next(maxRows: number): GeneratedBatch | undefined {
    if (this.rowsLeft <= 0) return undefined;
    const w = this.want;
    const keys = w[CustomerColumn.CustKey] || w[COLUMN_COUNT] ? new Float64Array(maxRows) : undefined;
    const names = w[CustomerColumn.Name] ? new Array<string>(maxRows) : undefined;
    const addresses = w[CustomerColumn.Address] ? new Array<string>(maxRows) : undefined;
    const nationKeys = w[CustomerColumn.NationKey] ? new Float64Array(maxRows) : undefined;
    const phones = w[CustomerColumn.Phone] ? new Array<string>(maxRows) : undefined;
    const balances = w[CustomerColumn.AcctBal] ? new Float64Array(maxRows) : undefined;
    const segments = w[CustomerColumn.MktSegment] ? new Array<string>(maxRows) : undefined;
    const comments = w[CustomerColumn.Comment] ? new Array<string>(maxRows) : undefined;
    const lastNation = NATIONS.length - 1;
    let row = 0;
    while (row < maxRows && this.rowsLeft > 0) {
      const key = this.key;
      if (keys !== undefined) keys[row] = key;
      if (names !== undefined) names[row] = `Customer#${String(key).padStart(9, '0')}`;
      if (this.nationKey !== undefined) {
        const nationKey = this.nationKey.nextInt(0, lastNation);
        if (nationKeys !== undefined) nationKeys[row] = nationKey;
        if (phones !== undefined) phones[row] = this.phone!.next(nationKey);
      }
      if (addresses !== undefined) addresses[row] = this.address!.next();
      if (balances !== undefined) balances[row] = this.accountBalance!.nextInt(-99999, 999999);
      if (segments !== undefined) segments[row] = this.segments.pick(this.segment!);
      if (comments !== undefined) comments[row] = this.comment!.next();
      for (const s of this.streams) s.rowFinished();
      this.key++;
      this.rowsLeft--;
      row++;
    }
    const columns: (GeneratedColumn | undefined)[] = [
      keys, names, addresses, nationKeys, phones, balances, segments, comments, w[COLUMN_COUNT] ? keys : undefined,
    ];
    return trimBatch(columns, row);
  }
}
