export { ServerRangeAssignor } from './range';
export { ServerUniformAssignor } from './uniform';
export {
  compareTopicIds,
  parseTopicId,
  topicIdForName,
  topicIdHashCode,
  type TopicIdBits,
} from './topicId';
export {
  ServerAssignorError,
  type ServerAssignment,
  type ServerAssignor,
  type ServerGroup,
  type ServerMember,
  type ServerTopic,
} from './types';
