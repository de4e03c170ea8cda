import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import * as OpenCC from 'opencc-js';
import type { TextTools } from '../../../core/search.js';

let tools: TextTools | null = null;

/**
 * jieba (with its shipped dictionary, HMM on for unseen words such as names) and OpenCC
 * Traditional→Simplified, made once per process: loading the dictionary takes a few hundred ms.
 */
export function textTools(): TextTools {
  if (tools) return tools;
  const jieba = Jieba.withDict(dict);
  const convert = OpenCC.Converter({ from: 't', to: 'cn' });
  tools = {
    toSimplified: (t) => convert(t),
    cutForIndex: (t) => jieba.cutForSearch(t, true),
    cutForQuery: (t) => jieba.cut(t, true),
  };
  return tools;
}
