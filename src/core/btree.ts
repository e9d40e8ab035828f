import * as sortedBtree from 'sorted-btree';
import type BTreeClass from 'sorted-btree';

/**
 * sorted-btree is CommonJS with `exports.default`. Node's ESM loader hands us the whole
 * `module.exports` as the default export while bundlers hand us `exports.default`; this
 * takes the class from either, so the core runs the same in Node, Vitest and the browser.
 */
type Namespace = { default: typeof BTreeClass | { default: typeof BTreeClass } };
const imported = (sortedBtree as unknown as Namespace).default;

export const BTree: typeof BTreeClass = 'default' in imported ? imported.default : imported;
export type BTree<K, V> = BTreeClass<K, V>;
