import fc from 'fast-check';
import { marshall as sdkMarshall, unmarshall as sdkUnmarshall } from '@aws-sdk/util-dynamodb';
import { marshall, unmarshall, type Item } from '../../src/store/attribute-value';

/** Values a couple's item can hold: JSON-like data and bytes, numbers the SDK stores exactly. */
const leaf = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).filter((n) => !Object.is(n, -0)),
  fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), tie('object')),
  object: fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
}));
const item = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value, { maxKeys: 6 });

/** The SDK's attribute values in wire form (binary as base64), as its JSON protocol sends them. */
function wire(attribute: unknown): unknown {
  if (attribute instanceof Uint8Array) return Buffer.from(attribute).toString('base64');
  if (Array.isArray(attribute)) return attribute.map(wire);
  if (attribute && typeof attribute === 'object') return Object.fromEntries(Object.entries(attribute).map(([k, v]) => [k, wire(v)]));
  return attribute;
}

describe('attribute values (the store marshals items itself, as lib-dynamodb did)', () => {
  it('marshalls as @aws-sdk/util-dynamodb does, in wire form', () => {
    fc.assert(
      fc.property(item, (plain) => {
        expect(marshall(plain)).toEqual(wire(sdkMarshall(plain, { removeUndefinedValues: true, convertClassInstanceToMap: false })));
      }),
    );
  });

  it('reads back what it wrote, and what the SDK wrote', () => {
    fc.assert(
      fc.property(item, (plain) => {
        expect(unmarshall(marshall(plain))).toEqual(plain);
        expect(unmarshall(wire(sdkMarshall(plain)) as Item)).toEqual(sdkUnmarshall(sdkMarshall(plain)));
      }),
    );
  });

  it('leaves out undefined members, as removeUndefinedValues did', () => {
    expect(marshall({ a: 'x', b: undefined, c: { d: undefined, e: 1 }, f: [1, undefined] })).toEqual({
      a: { S: 'x' },
      c: { M: { e: { N: '1' } } },
      f: { L: [{ N: '1' }] },
    });
  });

  it('refuses what DynamoDB cannot hold exactly', () => {
    expect(() => marshall({ n: Number.NaN })).toThrow(TypeError);
    expect(() => marshall({ d: new Date() })).toThrow(TypeError);
  });

  it('reads sets, and keeps a stored "__proto__" key an own key', () => {
    const read = unmarshall(JSON.parse('{"s":{"SS":["a","b"]},"n":{"NS":["1","2"]},"m":{"M":{"__proto__":{"S":"x"}}}}') as Item);
    expect(read.s).toEqual(new Set(['a', 'b']));
    expect(read.n).toEqual(new Set([1, 2]));
    expect(Object.keys(read.m as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(read.m)).toBe(Object.prototype);
  });
});
