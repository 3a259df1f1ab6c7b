import { StandardErrorCode, TrinoError } from '@petrel/spi';

export function invalidArgument(message: string): TrinoError {
  return new TrinoError(StandardErrorCode.INVALID_FUNCTION_ARGUMENT, message);
}
export function outOfRange(message: string): TrinoError {
  return new TrinoError(StandardErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, message);
}
export function divisionByZero(): TrinoError {
  return new TrinoError(StandardErrorCode.DIVISION_BY_ZERO, 'Division by zero');
}
export function invalidCast(message: string): TrinoError {
  return new TrinoError(StandardErrorCode.INVALID_CAST_ARGUMENT, message);
}
