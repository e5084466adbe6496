export {
  createHandoffDesk,
  type Deliverer,
  type DeliveryTarget,
  type DeskSlackClient,
  type HandoffDesk,
  type HandoffDeskOptions,
  type HandoffOutcome,
  type HandoffRequest,
  type RelayOutcome,
  type StaffMessage,
} from './desk';
export { staffReplyPrefix, staffUnreachable, staffWillAnswer } from './messages';
