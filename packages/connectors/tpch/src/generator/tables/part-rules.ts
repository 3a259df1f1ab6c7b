/** Rules shared by the part, partsupp and lineitem generators. */

export const PART_SCALE_BASE = 200_000;
export const SUPPLIER_SCALE_BASE = 10_000;
export const SUPPLIERS_PER_PART = 4;

/** Retail price in cents: 900.00 + (key / 10 mod 20001) cents + (key mod 1000) dollars. */
export function partRetailPrice(partKey: number): number {
  return 90000 + (Math.floor(partKey / 10) % 20001) + (partKey % 1000) * 100;
}

/** The key of the `supplierNumber`-th (0..3) supplier of a part. */
export function selectPartSupplier(partKey: number, supplierNumber: number, scaleFactor: number): number {
  const supplierCount = Math.trunc(SUPPLIER_SCALE_BASE * scaleFactor);
  const stride = Math.floor(supplierCount / SUPPLIERS_PER_PART) + Math.floor((partKey - 1) / supplierCount);
  return ((partKey + supplierNumber * stride) % supplierCount) + 1;
}
