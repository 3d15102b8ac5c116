// The few protobuf messages of the ONNX format that a tiny test model needs, written by hand so tests can
// build a real .onnx file with no Python and no download. Field numbers are those of onnx/onnx.proto.
type Bytes = Uint8Array;

function varint(value: number): number[] {
  const out: number[] = [];
  let rest = BigInt(value);
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest > 0n) byte |= 0x80;
    out.push(byte);
  } while (rest > 0n);
  return out;
}

const concat = (parts: Bytes[]): Bytes => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

const int = (field: number, value: number): Bytes => new Uint8Array([...varint(field << 3), ...varint(value)]);
const bytes = (field: number, value: Bytes): Bytes => concat([new Uint8Array([...varint((field << 3) | 2), ...varint(value.length)]), value]);
const text = (field: number, value: string): Bytes => bytes(field, new TextEncoder().encode(value));

export const ELEMENT_TYPE = { float: 1, int64: 7 } as const;

/** TensorProto with little-endian raw data. */
export function tensor(name: string, dims: number[], type: number, raw: Bytes): Bytes {
  return concat([...dims.map((dim) => int(1, dim)), int(2, type), text(8, name), bytes(9, raw)]);
}

/** ValueInfoProto of a tensor; string dims are symbolic (batch, sequence). */
export function valueInfo(name: string, type: number, dims: Array<number | string>): Bytes {
  const shape = concat(dims.map((dim) => bytes(1, typeof dim === 'number' ? int(1, dim) : text(2, dim))));
  const tensorType = concat([int(1, type), bytes(2, shape)]);
  return concat([text(1, name), bytes(2, bytes(1, tensorType))]);
}

/** AttributeProto of type INT (2), e.g. ReduceMean's keepdims. */
export function intAttribute(name: string, value: number): Bytes {
  return concat([text(1, name), int(3, value), int(20, 2)]);
}

/** AttributeProto of type INTS (7), e.g. ReduceMean's axes. */
export function intsAttribute(name: string, values: number[]): Bytes {
  return concat([text(1, name), ...values.map((value) => int(8, value)), int(20, 7)]);
}

export function node(opType: string, inputs: string[], outputs: string[], name: string, attributes: Bytes[] = []): Bytes {
  return concat([...inputs.map((input) => text(1, input)), ...outputs.map((output) => text(2, output)), text(3, name), text(4, opType), ...attributes.map((attribute) => bytes(5, attribute))]);
}

export interface GraphParts {
  name: string;
  nodes: Bytes[];
  initializers: Bytes[];
  inputs: Bytes[];
  outputs: Bytes[];
}

/** ModelProto: IR version 8, default-domain opset 13. */
export function model(graph: GraphParts): Bytes {
  const graphBytes = concat([
    ...graph.nodes.map((part) => bytes(1, part)),
    text(2, graph.name),
    ...graph.initializers.map((part) => bytes(5, part)),
    ...graph.inputs.map((part) => bytes(11, part)),
    ...graph.outputs.map((part) => bytes(12, part)),
  ]);
  return concat([int(1, 8), text(2, 'personavlm-tests'), bytes(7, graphBytes), bytes(8, concat([text(1, ''), int(2, 13)]))]);
}
