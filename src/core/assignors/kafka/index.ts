export {
  CooperativeStickyAssignor,
  encodeCooperativeUserData,
  JAVA_SUBSCRIPTION_VERSION,
} from './cooperativeSticky';
export { JavaStickyAssignor } from './javaSticky';
export { KafkaAssignorError } from './model';
