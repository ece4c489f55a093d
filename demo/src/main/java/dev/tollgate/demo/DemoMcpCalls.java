package dev.tollgate.demo;

/** The JSON-RPC bodies the demo's printed MCP commands send. */
final class DemoMcpCalls {

	static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

	private DemoMcpCalls() {
	}

	static String call(String tool) {
		return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
				+ "\",\"arguments\":{}}}";
	}

}
