// Broken on purpose: the search never ends, and it remembers everything it tried.
type Members = ReadonlyMap<string, { subscription: readonly string[] }>;

export default {
  name: 'allocates-without-bound',
  assign(_cluster: unknown, members: Members) {
    const tried: number[][] = [];
    let found = false;
    while (!found) {
      const candidate = new Array(100_000).fill(tried.length);
      tried.push(candidate); // remembered, never freed
      found = candidate.length === 0; // never true
    }
    return new Map([...members.keys()].map((id) => [id, { assignment: [] }]));
  },
};
