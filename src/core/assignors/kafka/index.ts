export {
  CooperativeStickyAssignor,
  decodeCooperativeUserData,
  encodeCooperativeUserData,
} from './cooperativeSticky';
export { JAVA_SUBSCRIPTION_VERSION } from './leader';
export { JavaStickyAssignor } from './javaSticky';
export { KafkaAssignorError } from './model';
