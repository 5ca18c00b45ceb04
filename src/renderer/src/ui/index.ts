// Shared UI pieces for every feature folder.
export { Badge, describedBy, ErrorText, Field, Loading } from './bits';
export { BridgeContext, StatusContext, useBridge, useEvent, useStatus } from './bridge-context';
export { CopyButton, copyText } from './CopyButton';
export { Dialog } from './Dialog';
export { ErrorBoundary } from './ErrorBoundary';
export * from './format';
export { useAction, useQuery, type ActionError, type Query } from './hooks';
export * from './theme';
export { NamedItemRow } from './NamedItemRow';
