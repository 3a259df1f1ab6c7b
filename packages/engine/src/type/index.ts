export { canCast, canCoerce, coerceTypeBase, createTypeCoercion, getCommonSuperType } from './type-coercion.js';
export {
  compareValues, compareStrings, compareDoubles, compareBytes, hashValue, hashNumber, hashString, valuesEqual, findMapKey, canonicalKey,
} from './value-compare.js';
export { formatValue, formatIntervalDayToSecond, formatIntervalYearToMonth } from './format-value.js';
export { formatDouble, formatReal } from './double-format.js';
export {
  parseDateLiteral, parseTimestampLiteral, parseTimeLiteral, parseIntervalLiteral, parseDecimalLiteral, parseIntegerLiteral,
  integerLiteralType,
} from './literal-parsers.js';
export type { IntervalField, ParsedTimestampLiteral, ParsedTimeLiteral } from './literal-parsers.js';
export {
  normalizeZone, tryNormalizeZone, zoneOffsetMinutes, localToUtcMillis, utcToLocalMillis, isFixedOffsetZone, parseOffset,
} from './time-zone.js';
export { civilFromDays, daysFromCivil, formatDate, formatTimestamp, formatTimestampWithTimeZone } from './date-time.js';
export { formatDecimal, rescale, decimalToNumber } from './decimal.js';
