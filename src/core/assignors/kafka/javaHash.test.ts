import { describe, expect, it } from 'vitest';
import { JavaHashOrder, javaHashMapOrder, javaStringHash, topicPartitionHash } from './javaHash';

/** Every expected value below was printed by a Java 17 program (OpenJDK 17.0.15). */
describe("Java's hash codes and HashMap iteration order", () => {
  it('String.hashCode, over UTF-16 code units, in 32 bits', () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('a')).toBe(97);
    expect(javaStringHash('C0')).toBe(2125);
    expect(javaStringHash('consumer-1')).toBe(-166239206);
    expect(javaStringHash('m354-0')).toBe(-1125659928);
    expect(javaStringHash('héllo')).toBe(103094734);
    expect(javaStringHash('😀x')).toBe(54959989);
  });

  it('TopicPartition.hashCode', () => {
    expect(topicPartitionHash('orders', 5)).toBe(-1008769215);
  });

  it('a HashMap<String, _> of 40 member ids iterates as Java’s does (after two resizes)', () => {
    const keys =
      'm836-0,m264-1,m385-2,m644-3,m380-4,m254-5,m668-6,m249-7,m550-8,m934-9,m400-10,m412-11,m508-12,m611-13,m695-14,m662-15,m961-16,m838-17,m307-18,m379-19,m242-20,m624-21,m883-22,m251-23,m918-24,m204-25,m439-26,m800-27,m976-28,m411-29,m223-30,m973-31,m179-32,m991-33,m235-34,m192-35,m818-36,m706-37,m646-38,m834-39'.split(
        ',',
      );
    expect(javaHashMapOrder(keys).join(',')).toBe(
      'm179-32,m411-29,m934-9,m695-14,m883-22,m668-6,m412-11,m307-18,m991-33,m249-7,m611-13,m961-16,m223-30,m251-23,m836-0,m264-1,m818-36,m644-3,m385-2,m976-28,m624-21,m918-24,m242-20,m646-38,m235-34,m508-12,m439-26,m973-31,m380-4,m550-8,m192-35,m662-15,m204-25,m254-5,m800-27,m834-39,m400-10,m838-17,m379-19,m706-37',
    );
  });

  it('a HashSet<TopicPartition> after adds, removes and a re-add', () => {
    const set = new JavaHashOrder<number>((p) => topicPartitionHash('orders', p));
    for (let p = 0; p < 20; p++) set.add(p);
    for (let p = 0; p < 20; p += 3) set.remove(p);
    set.add(0);
    expect(set.keys()).toEqual([7, 8, 10, 11, 13, 14, 16, 17, 19, 0, 1, 2, 4, 5]);
    expect(set.first()).toBe(7);
  });
});
