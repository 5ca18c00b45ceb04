// Ask-each-time prompts: the modal queue.
export { AskQueue } from './AskModal';
export * from './queue';
