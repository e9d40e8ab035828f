// Broken on purpose: a half-ported aiokafka assignor. The loader refuses it and says why.
class HalfPorted {
  static name = 'half-ported';

  static partition_assign(cluster, members) {
    return new Map();
  }

  static on_assignment(assignment) {
    this.previous = assignment;
  }
}

export default HalfPorted;
