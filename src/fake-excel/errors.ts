/**
 * Errors of the in-memory Excel fake. `FakeOfficeError` has the shape of OfficeExtension.Error
 * (`code`, `message`, `debugInfo`) so adapter code that branches on `error.code` behaves as it
 * would against Excel; `FakeExcelUnsupported` is thrown for anything the fake does not model, so
 * a test never passes on a behaviour the fake only pretends to have.
 */

/** Excel.ErrorCodes plus the OfficeExtension codes the fake raises. */
export const ErrorCodes = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  generalException: 'GeneralException',
  insertDeleteConflict: 'InsertDeleteConflict',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  invalidReference: 'InvalidReference',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  mergedRangeConflict: 'MergedRangeConflict',
  nonBlankCellOffSheet: 'NonBlankCellOffSheet',
  notImplemented: 'NotImplemented',
  requestAborted: 'RequestAborted',
  unsupportedOperation: 'UnsupportedOperation',
  // OfficeExtension.ErrorCodes
  invalidObjectPath: 'InvalidObjectPath',
  invalidRequestContext: 'InvalidRequestContext',
  propertyNotLoaded: 'PropertyNotLoaded',
  valueNotLoaded: 'ValueNotLoaded',
  runMustReturnPromise: 'RunMustReturnPromise',
  connectionFailure: 'ConnectionFailure',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
}

/** Shaped like OfficeExtension.Error: `name` is "RichApi.Error" as Excel reports it. */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: FakeDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: FakeOfficeError | null = null;

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

export function propertyNotLoaded(typeName: string, property: string): FakeOfficeError {
  return new FakeOfficeError(
    ErrorCodes.propertyNotLoaded,
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${typeName}.${property}`,
  );
}

export function valueNotLoaded(): FakeOfficeError {
  return new FakeOfficeError(
    ErrorCodes.valueNotLoaded,
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  );
}

export function invalidArgument(message: string, location?: string): FakeOfficeError {
  return new FakeOfficeError(ErrorCodes.invalidArgument, message, location);
}

export function itemNotFound(location?: string): FakeOfficeError {
  return new FakeOfficeError(ErrorCodes.itemNotFound, "The requested resource doesn't exist.", location);
}

/** Thrown synchronously when a test or the adapter uses a part of Office.js the fake does not model. */
export class FakeExcelUnsupported extends Error {
  constructor(what: string) {
    super(`The in-memory Excel fake does not model ${what}. Extend src/fake-excel or test this against Excel.`);
    this.name = 'FakeExcelUnsupported';
  }
}

/** Misuse that real Excel would answer with undefined or silently: the fake refuses loudly. */
export class FakeExcelMisuse extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FakeExcelMisuse';
  }
}
