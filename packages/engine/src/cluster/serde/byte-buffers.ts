const ENCODER = new TextEncoder();

/** A growable little-endian byte writer for the page wire format. */
export class ByteWriter {
  private bytes = new Uint8Array(1024);
  private view = new DataView(this.bytes.buffer);
  private length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  u8(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value;
  }

  u32(value: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  i32(value: number): void {
    this.ensure(4);
    this.view.setInt32(this.length, value, true);
    this.length += 4;
  }

  f64(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  /** Pads with zeros to a multiple of `alignment` (typed arrays are read back from aligned offsets). */
  align(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment;
    this.ensure(pad);
    this.bytes.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  /** Raw bytes of a typed array (the host is little-endian, as every Node platform is). */
  raw(array: ArrayBufferView): void {
    const source = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    this.ensure(source.length);
    this.bytes.set(source, this.length);
    this.length += source.length;
  }

  /** u32 length, then the bytes. */
  lengthPrefixed(bytes: Uint8Array): void {
    this.u32(bytes.length);
    this.raw(bytes);
  }

  /** UTF-8 bytes of each string, back to back, written in place (no per-value arrays). */
  utf8(values: readonly string[], totalBytes: number): void {
    this.ensure(totalBytes);
    for (const value of values) {
      const { written } = ENCODER.encodeInto(value, this.bytes.subarray(this.length));
      this.length += written;
    }
  }

  size(): number {
    return this.length;
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export class ByteReader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(count: number): void {
    if (this.offset + count > this.bytes.length) throw new RangeError(`truncated page: need ${count} bytes at ${this.offset} of ${this.bytes.length}`);
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++]!;
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  i32(): number {
    this.need(4);
    const value = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return value;
  }

  f64(): number {
    this.need(8);
    const value = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return value;
  }

  align(alignment: number): void {
    this.offset += (alignment - (this.offset % alignment)) % alignment;
  }

  /** A copy of the next `count` bytes (a fresh, aligned buffer that typed arrays can view). */
  copy(count: number): Uint8Array {
    this.need(count);
    const out = this.bytes.slice(this.offset, this.offset + count);
    this.offset += count;
    return out;
  }

  lengthPrefixed(): Uint8Array {
    return this.copy(this.u32());
  }

  position(): number {
    return this.offset;
  }

  remaining(): number {
    return this.bytes.length - this.offset;
  }
}
