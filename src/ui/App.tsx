/** Placeholder shell; the interactive playground replaces this body. */
export function App() {
  return (
    <main
      style={{
        fontFamily: 'system-ui, sans-serif',
        maxWidth: '48rem',
        margin: '4rem auto',
        padding: '0 1.5rem',
        lineHeight: 1.5,
      }}
    >
      <h1>Rebalance Playground</h1>
      <p>
        Watch how a Kafka consumer group assigns topic partitions to its members, and how they move
        when members join or leave.
      </p>
    </main>
  );
}
