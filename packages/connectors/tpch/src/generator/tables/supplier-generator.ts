import { NATIONS } from '../distributions.js';
import { RandomStream } from '../random-stream.js';
import { RandomAlphaNumeric, RandomPhoneNumber } from '../random-strings.js';
import { RandomText } from '../random-text.js';
import { partRowRange } from '../row-range.js';
import type { GeneratedBatch, GeneratedColumn, RowStream, TableGenerator } from '../table-generator.js';
import { presentStreams, requestedFlags, trimBatch } from '../table-generator.js';
import type { TextPool } from '../text-pool.js';
import { SUPPLIER_SCALE_BASE } from './part-rules.js';

const enum SupplierColumn {
  SuppKey, Name, Address, NationKey, Phone, AcctBal, Comment,
}
const COLUMN_COUNT = 7;

/** Better Business Bureau remarks planted in about 10 of every 10000 supplier comments. */
const BBB_BASE = 'Customer ';
const BBB_COMPLAINT = 'Complaints';
const BBB_RECOMMEND = 'Recommends';
const BBB_LENGTH = BBB_BASE.length + BBB_COMPLAINT.length;
const BBB_PER_SCALE_BASE = 10;
const BBB_COMPLAINT_PERCENT = 50;

export class SupplierGenerator implements TableGenerator {
  private readonly want: boolean[];
  private readonly address: RandomAlphaNumeric | undefined;
  private readonly nationKey: RandomStream | undefined;
  private readonly phone: RandomPhoneNumber | undefined;
  private readonly accountBalance: RandomStream | undefined;
  private readonly comment: RandomText | undefined;
  private readonly bbbComment: RandomStream | undefined;
  private readonly bbbJunk: RandomStream | undefined;
  private readonly bbbOffset: RandomStream | undefined;
  private readonly bbbType: RandomStream | undefined;
  private readonly streams: readonly RowStream[];
  private rowsLeft: number;
  private key: number;

  constructor(scaleFactor: number, part: number, partCount: number, ordinals: readonly number[], pool: TextPool) {
    const w = requestedFlags(COLUMN_COUNT + 1, ordinals);
    this.want = w;
    const { startIndex, rowCount } = partRowRange(SUPPLIER_SCALE_BASE, scaleFactor, part, partCount);
    this.rowsLeft = rowCount;
    this.key = startIndex + 1;
    this.address = w[SupplierColumn.Address]! ? new RandomAlphaNumeric(706178559, 25) : undefined;
    this.nationKey = w[SupplierColumn.NationKey]! || w[SupplierColumn.Phone]! ? new RandomStream(110356601, 1) : undefined;
    this.phone = w[SupplierColumn.Phone]! ? new RandomPhoneNumber(884434366) : undefined;
    this.accountBalance = w[SupplierColumn.AcctBal]! ? new RandomStream(962338209, 1) : undefined;
    const wantComment = w[SupplierColumn.Comment]!;
    this.comment = wantComment ? new RandomText(1341315363, pool, 63) : undefined;
    this.bbbComment = wantComment ? new RandomStream(202794285, 1) : undefined;
    this.bbbJunk = wantComment ? new RandomStream(263032577, 1) : undefined;
    this.bbbOffset = wantComment ? new RandomStream(715851524, 1) : undefined;
    this.bbbType = wantComment ? new RandomStream(753643799, 1) : undefined;
    this.streams = presentStreams([this.address, this.nationKey, this.phone, this.accountBalance, this.comment,
      this.bbbComment, this.bbbJunk, this.bbbOffset, this.bbbType]);
    for (const s of this.streams) s.advanceRows(startIndex);
  }

  private nextComment(): string {
    const comment = this.comment!.next();
    if (this.bbbComment!.nextInt(1, SUPPLIER_SCALE_BASE) > BBB_PER_SCALE_BASE) return comment;
    const noise = this.bbbJunk!.nextInt(0, comment.length - BBB_LENGTH);
    const offset = this.bbbOffset!.nextInt(0, comment.length - (BBB_LENGTH + noise));
    const remark = this.bbbType!.nextInt(0, 100) < BBB_COMPLAINT_PERCENT ? BBB_COMPLAINT : BBB_RECOMMEND;
    // Both words overwrite comment characters; the comment keeps its length.
    const remarkStart = offset + BBB_BASE.length + noise;
    return (
      comment.slice(0, offset) +
      BBB_BASE +
      comment.slice(offset + BBB_BASE.length, remarkStart) +
      remark +
      comment.slice(remarkStart + remark.length)
    );
  }

  next(maxRows: number): GeneratedBatch | undefined {
    if (this.rowsLeft <= 0) return undefined;
    const w = this.want;
    const keys = w[SupplierColumn.SuppKey] || w[COLUMN_COUNT] ? new Float64Array(maxRows) : undefined;
    const names = w[SupplierColumn.Name] ? new Array<string>(maxRows) : undefined;
    const addresses = w[SupplierColumn.Address] ? new Array<string>(maxRows) : undefined;
    const nationKeys = w[SupplierColumn.NationKey] ? new Float64Array(maxRows) : undefined;
    const phones = w[SupplierColumn.Phone] ? new Array<string>(maxRows) : undefined;
    const balances = w[SupplierColumn.AcctBal] ? new Float64Array(maxRows) : undefined;
    const comments = w[SupplierColumn.Comment] ? new Array<string>(maxRows) : undefined;
    const lastNation = NATIONS.length - 1;
    let row = 0;
    while (row < maxRows && this.rowsLeft > 0) {
      const key = this.key;
      if (keys !== undefined) keys[row] = key;
      if (names !== undefined) names[row] = `Supplier#${String(key).padStart(9, '0')}`;
      if (comments !== undefined) comments[row] = this.nextComment();
      if (this.nationKey !== undefined) {
        const nationKey = this.nationKey.nextInt(0, lastNation);
        if (nationKeys !== undefined) nationKeys[row] = nationKey;
        if (phones !== undefined) phones[row] = this.phone!.next(nationKey);
      }
      if (addresses !== undefined) addresses[row] = this.address!.next();
      if (balances !== undefined) balances[row] = this.accountBalance!.nextInt(-99999, 999999);
      for (const s of this.streams) s.rowFinished();
      this.key++;
      this.rowsLeft--;
      row++;
    }
    const columns: (GeneratedColumn | undefined)[] = [
      keys, names, addresses, nationKeys, phones, balances, comments, w[COLUMN_COUNT] ? keys : undefined,
    ];
    return trimBatch(columns, row);
  }
}
