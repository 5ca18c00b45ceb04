// The ask-each-time queue: oldest request first, no duplicates, resolved ones removed.
import type { AskPrompt } from '../../../../shared/model';

export function addPrompt(queue: AskPrompt[], prompt: AskPrompt): AskPrompt[] {
  if (queue.some((p) => p.id === prompt.id)) return queue;
  return [...queue, prompt].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}

export function removePrompt(queue: AskPrompt[], id: string): AskPrompt[] {
  return queue.some((p) => p.id === id) ? queue.filter((p) => p.id !== id) : queue;
}

export function mergePrompts(queue: AskPrompt[], listed: AskPrompt[]): AskPrompt[] {
  return listed.reduce(addPrompt, queue);
}
