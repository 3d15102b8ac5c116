// Writes a tiny but real transformers.js text model into a directory: a WordPiece tokenizer over a handful of
// words and an ONNX graph whose last_hidden_state is a lookup of each token's row in a fixed table. Mean
// pooling of it can be computed by hand, so tests prove loading, pooling and normalization with no download.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ELEMENT_TYPE, model, node, tensor, valueInfo } from './onnx-protobuf.ts';

export const TINY_VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'red', 'bike', 'ride', 'tax', 'forms', 'coffee'] as const;
export const TINY_HIDDEN_SIZE = 4;

/** Row i is the hidden state of token i: distinct, non-symmetric values so pooling mistakes show. */
export const TINY_EMBEDDINGS: number[][] = TINY_VOCAB.map((_, id) => [id + 1, (id % 3) - 1, id * 0.5, id % 2 === 0 ? 2 : -1]);

function onnxModel(): Uint8Array {
  const table = new Float32Array(TINY_EMBEDDINGS.flat());
  return model({
    name: 'tiny-text-encoder',
    initializers: [tensor('embeddings', [TINY_VOCAB.length, TINY_HIDDEN_SIZE], ELEMENT_TYPE.float, new Uint8Array(table.buffer))],
    nodes: [node('Gather', ['embeddings', 'input_ids'], ['gathered'], 'lookup'), node('Identity', ['gathered'], ['last_hidden_state'], 'out')],
    inputs: [valueInfo('input_ids', ELEMENT_TYPE.int64, ['batch', 'sequence']), valueInfo('attention_mask', ELEMENT_TYPE.int64, ['batch', 'sequence'])],
    outputs: [valueInfo('last_hidden_state', ELEMENT_TYPE.float, ['batch', 'sequence', TINY_HIDDEN_SIZE])],
  });
}

const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });

function tokenizerJson(): object {
  const vocab = Object.fromEntries(TINY_VOCAB.map((token, id) => [token, id]));
  const sequence = [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }];
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]'].map((token, id) => special(token, id)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: sequence,
      pair: [...sequence, { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}

/** Writes config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx under `dir`. */
export async function writeTinyTextModel(dir: string): Promise<void> {
  await mkdir(join(dir, 'onnx'), { recursive: true });
  await writeFile(join(dir, 'onnx', 'model.onnx'), onnxModel());
  await writeFile(join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: TINY_HIDDEN_SIZE, vocab_size: TINY_VOCAB.length }));
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson()));
  await writeFile(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', model_max_length: 512, do_lower_case: true, pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]' }),
  );
}
