// Connection page: auth mode, credentials, status and identity.
export { ConnectionPage, statusTone } from './ConnectionPage';
