// The local MCP server (Streamable HTTP on 127.0.0.1) that AI clients connect to, in both protocol eras.
export { startGateway, PortInUseError, MCP_PATH, type Gateway, type GatewayOptions } from './gateway';
export { createToolServer, listedTools, unknownToolError, SERVER_NAME, TOOL_LIST_TTL_MS } from './tool-server';
export { UNAUTHORIZED_MESSAGE } from './guard';
