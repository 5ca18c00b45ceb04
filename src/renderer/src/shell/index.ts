// The window's frame: header and page navigation.
export { Header } from './Header';
export { Nav, navBadge, pageFromHash, PAGES, type PageId } from './Nav';
