/** A DynamoDB attribute value as the JSON wire protocol carries it (binary as base64 text). */
type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

export type Item = Record<string, AttributeValue>;

/**
 * Plain values to wire attributes, as lib-dynamodb's marshall with removeUndefinedValues: strings,
 * finite numbers, booleans, null, bytes, arrays and plain objects; undefined members are left out.
 */
export function marshall(value: Record<string, unknown>): Item {
  const item: Item = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) item[key] = toAttribute(member);
  }
  return item;
}

function toAttribute(value: unknown): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot store the number ${value}`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (value instanceof Uint8Array) return { B: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return { L: value.filter((v) => v !== undefined).map(toAttribute) };
  if (typeof value === 'object' && isPlain(value)) return { M: marshall(value as Record<string, unknown>) };
  throw new TypeError(`cannot store a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`);
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Wire attributes to plain values, as lib-dynamodb's unmarshall: numbers as numbers, bytes as Buffer, sets as Set. */
export function unmarshall(item: Item): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(item)) {
    // defineProperty, so a stored key "__proto__" stays an own key as JSON.parse leaves it.
    Object.defineProperty(value, key, { value: fromAttribute(member), enumerable: true, writable: true, configurable: true });
  }
  return value;
}

function fromAttribute(attribute: AttributeValue): unknown {
  if ('S' in attribute) return attribute.S;
  if ('N' in attribute) return Number(attribute.N);
  if ('B' in attribute) return Buffer.from(attribute.B, 'base64');
  if ('BOOL' in attribute) return attribute.BOOL;
  if ('NULL' in attribute) return null;
  if ('M' in attribute) return unmarshall(attribute.M);
  if ('L' in attribute) return attribute.L.map(fromAttribute);
  if ('SS' in attribute) return new Set(attribute.SS);
  if ('NS' in attribute) return new Set(attribute.NS.map(Number));
  if ('BS' in attribute) return new Set(attribute.BS.map((b) => Buffer.from(b, 'base64')));
  throw new TypeError(`unknown attribute type ${Object.keys(attribute).join(',')}`);
}
