import { isHomogeneous } from './groupIndex';
import type { ServerAssignment, ServerAssignor, ServerGroup } from './types';
import { assignUniformHomogeneous } from './uniformHomogeneous';
import { assignUniformHeterogeneous } from './uniformHeterogeneous';

/**
 * KIP-848's default server-side assignor, `uniform` (Kafka's `UniformAssignor`): balanced and
 * sticky, with one algorithm for groups whose members share one subscription and another for
 * groups whose subscriptions differ.
 */
export class ServerUniformAssignor implements ServerAssignor {
  readonly name = 'uniform';

  assign(group: ServerGroup): ServerAssignment {
    if (group.members.length === 0) return {};
    return isHomogeneous(group)
      ? assignUniformHomogeneous(group)
      : assignUniformHeterogeneous(group);
  }
}
