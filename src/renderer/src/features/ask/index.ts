// Ask-each-time prompts: the modal queue, and the running "approve for a while" grants.
export { AskQueue } from './AskModal';
export { argumentLines, type ArgumentLine } from './argument-lines';
export * from './queue';
