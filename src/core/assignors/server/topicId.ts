/**
 * Kafka's `Uuid` as far as the server assignors look at it: its `compareTo` (uniform's
 * heterogeneous builder breaks ties between topics by id) and its `hashCode`, which decides the
 * iteration order of the `HashSet<Uuid>` the homogeneous builder walks to list unassigned
 * partitions. Ids are 32 hex digits; the two halves are signed 64-bit longs, as in Java.
 */

export interface TopicIdBits {
  readonly most: bigint;
  readonly least: bigint;
}

export function parseTopicId(hex: string): TopicIdBits {
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) {
    throw new Error(`topic id "${hex}" is not 32 hex digits`);
  }
  return {
    most: BigInt.asIntN(64, BigInt('0x' + hex.slice(0, 16))),
    least: BigInt.asIntN(64, BigInt('0x' + hex.slice(16))),
  };
}

/** `Uuid.compareTo`: signed comparison of the most, then the least significant bits. */
export function compareTopicIds(a: TopicIdBits, b: TopicIdBits): number {
  if (a.most !== b.most) return a.most > b.most ? 1 : -1;
  if (a.least !== b.least) return a.least > b.least ? 1 : -1;
  return 0;
}

/** `Uuid.hashCode`: the xor of both halves, folded to 32 bits. */
export function topicIdHashCode(id: TopicIdBits): number {
  const xor = id.most ^ id.least;
  return Number(BigInt.asIntN(32, xor >> 32n)) ^ Number(BigInt.asIntN(32, xor));
}

/**
 * The order in which `new HashSet<>(collection)` iterates `keys` inserted in the given order:
 * by bucket (`HashMap.hash` spread, masked to the table size the copy constructor picks), then
 * by insertion within a bucket. Assumes no bucket is treeified (that needs 8 colliding keys in a
 * table of at least 64), which groups of playground size never reach.
 */
export function javaHashSetOrder<T>(keys: readonly T[], hashCode: (key: T) => number): T[] {
  const capacity = Math.max(Math.floor(keys.length / 0.75) + 1, 16);
  let tableSize = 1;
  while (tableSize < capacity) tableSize *= 2;
  const bucketOf = (key: T): number => {
    const h = hashCode(key);
    return (h ^ (h >>> 16)) & (tableSize - 1);
  };
  return keys
    .map((key, insertion) => ({ key, insertion, bucket: bucketOf(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.insertion - b.insertion)
    .map((entry) => entry.key);
}

/**
 * A stable, random-looking topic id for a playground topic, which has only a name. Kafka draws
 * ids at random when a topic is created; here the same name always gets the same id (FNV-1a,
 * 64 bits, over the name's UTF-16 code units, twice with different offsets), so a scenario
 * replays the same uniform assignment everywhere.
 */
export function topicIdForName(name: string): string {
  const fnv = (offset: bigint): bigint => {
    let h = offset;
    for (let i = 0; i < name.length; i++) {
      h ^= BigInt(name.charCodeAt(i));
      h = BigInt.asUintN(64, h * 0x100000001b3n);
    }
    return h;
  };
  const hex = (v: bigint): string => v.toString(16).padStart(16, '0');
  return hex(fnv(0xcbf29ce484222325n)) + hex(fnv(0x84222325cbf29ce4n));
}
