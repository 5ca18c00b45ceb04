// Clients & profiles page: tokens shown once, config snippets, one-click install, access profiles.
export { ClientsPage } from './ClientsPage';
export { TokenDialog } from './TokenDialog';
