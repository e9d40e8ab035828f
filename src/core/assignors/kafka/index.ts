export {
  CooperativeStickyAssignor,
  encodeCooperativeUserData,
  JAVA_SUBSCRIPTION_VERSION,
} from './cooperativeSticky';
export { KafkaAssignorError } from './model';
