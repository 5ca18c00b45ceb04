// The local MCP server (Streamable HTTP on 127.0.0.1) that AI clients connect to.
export { startGateway, PortInUseError, MCP_PATH, type Gateway, type GatewayOptions } from './gateway';
export { createSessionServer, unknownToolError, SERVER_NAME } from './session-server';
export { UNAUTHORIZED_MESSAGE } from './guard';
