package dev.tollgate.filters.mcp;

import tools.jackson.databind.JsonNode;

/**
 * One JSON-RPC message of an MCP request body, as far as the gateway needs it.
 *
 * @param kind request, notification or response (a client answering a server's request)
 * @param method the method, e.g. {@code tools/call}; {@code null} for a response
 * @param idJson the {@code id} as JSON text, or {@code null} for a notification
 * @param tool the tool name of {@code tools/call}, the prompt name of {@code prompts/get}, else {@code null}
 * @param uri the resource URI of {@code resources/read}, else {@code null}; never logged or tagged
 * @param arguments the {@code arguments} of {@code tools/call}, or {@code null}; only ever hashed
 */
public record McpMessage(Kind kind, String method, String idJson, String tool, String uri, JsonNode arguments) {

	public static final String INITIALIZE = "initialize";

	public static final String TOOLS_LIST = "tools/list";

	public static final String TOOLS_CALL = "tools/call";

	public static final String RESOURCES_READ = "resources/read";

	public static final String PROMPTS_GET = "prompts/get";

	/** JSON-RPC message kinds (JSON-RPC 2.0 §4, §4.1, §5). */
	public enum Kind {

		REQUEST, NOTIFICATION, RESPONSE

	}

	public boolean isToolCall() {
		return this.kind == Kind.REQUEST && TOOLS_CALL.equals(this.method);
	}

	public boolean is(String method) {
		return this.kind == Kind.REQUEST && method.equals(this.method);
	}

}
