package dev.tollgate.filters.mcp;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.filters.core.JsonRpcError;

/**
 * Reads an MCP request body: one JSON-RPC 2.0 message or a batch (a non-empty array of them). Nesting is bounded,
 * duplicate member names are rejected (so the gateway and the upstream cannot read different tool names from one
 * body), and nothing may follow the message. Every failure is a {@link Malformed} naming the JSON-RPC error to
 * answer.
 */
public final class JsonRpcParser {

	/** Invalid method parameters (JSON-RPC 2.0 §5.1). */
	public static final int INVALID_PARAMS = -32602;

	private final JsonMapper mapper;

	/** @param maxDepth deepest nesting of objects and arrays accepted */
	public JsonRpcParser(int maxDepth) {
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();
		this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
	}

	/** The messages of a body, in order; a single message is a batch of one. */
	public Parsed parse(byte[] body) {
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new Malformed(JsonRpcError.PARSE_ERROR, "Parse error", "jsonrpc_parse_error");
		}
		if (root == null || root.isMissingNode()) {
			throw new Malformed(JsonRpcError.PARSE_ERROR, "Parse error", "jsonrpc_parse_error");
		}
		if (root.isArray()) {
			if (root.isEmpty()) {
				throw invalid();
			}
			List<McpMessage> messages = new ArrayList<>(root.size());
			for (JsonNode element : root) {
				McpMessage message = message(element);
				// MCP 2025-03-26, lifecycle: the initialize request MUST NOT be part of a batch.
				if (message.is(McpMessage.INITIALIZE)) {
					throw invalid();
				}
				messages.add(message);
			}
			return new Parsed(List.copyOf(messages), true);
		}
		return new Parsed(List.of(message(root)), false);
	}

	private McpMessage message(JsonNode node) {
		if (!node.isObject()) {
			throw invalid();
		}
		JsonNode version = node.get("jsonrpc");
		if (version == null || !version.isString() || !"2.0".equals(version.stringValue())) {
			throw invalid();
		}
		JsonNode id = node.get("id");
		String idJson = null;
		if (id != null) {
			// MCP basic protocol: ids are strings or integers, never null.
			if (!id.isString() && !id.isIntegralNumber()) {
				throw invalid();
			}
			idJson = this.mapper.writeValueAsString(id);
		}
		JsonNode method = node.get("method");
		if (method == null) {
			boolean answer = node.has("result") != node.has("error");
			if (!answer || idJson == null) {
				throw invalid();
			}
			return new McpMessage(McpMessage.Kind.RESPONSE, null, idJson, null, null, null);
		}
		if (!method.isString() || node.has("result") || node.has("error")) {
			throw invalid();
		}
		String name = method.stringValue();
		JsonNode params = node.get("params");
		if (params != null && !params.isObject() && !params.isArray()) {
			throw invalid();
		}
		if (idJson == null) {
			// Every MCP notification is notifications/*; a "tools/call" without an id is a request that would escape
			// authorization as a notification, so it is not passed as one (MCP basic protocol: requests MUST have
			// an id).
			if (!name.startsWith("notifications/")) {
				throw invalid();
			}
			return new McpMessage(McpMessage.Kind.NOTIFICATION, name, null, null, null, null);
		}
		return switch (name) {
			case McpMessage.TOOLS_CALL -> {
				JsonNode arguments = (params != null) ? params.get("arguments") : null;
				yield new McpMessage(McpMessage.Kind.REQUEST, name, idJson, requiredString(params, "name", idJson),
						null, arguments);
			}
			case McpMessage.PROMPTS_GET -> new McpMessage(McpMessage.Kind.REQUEST, name, idJson,
					requiredString(params, "name", idJson), null, null);
			case McpMessage.RESOURCES_READ -> new McpMessage(McpMessage.Kind.REQUEST, name, idJson, null,
					requiredString(params, "uri", idJson), null);
			default -> new McpMessage(McpMessage.Kind.REQUEST, name, idJson, null, null, null);
		};
	}

	private static String requiredString(JsonNode params, String member, String idJson) {
		JsonNode value = (params != null && params.isObject()) ? params.get(member) : null;
		if (value == null || !value.isString()) {
			throw new Malformed(INVALID_PARAMS, "Invalid params", "jsonrpc_invalid_params", idJson);
		}
		return value.stringValue();
	}

	private static Malformed invalid() {
		return new Malformed(JsonRpcError.INVALID_REQUEST, "Invalid Request", "jsonrpc_invalid_request");
	}

	/**
	 * The messages of one body.
	 *
	 * @param messages at least one
	 * @param batch whether the body was a JSON array
	 */
	public record Parsed(List<McpMessage> messages, boolean batch) {

		/** The id of a lone request, for an error answer; {@code null} for a batch or a notification. */
		public String singleId() {
			return this.batch ? null : this.messages.get(0).idJson();
		}

	}

	/** A body that is not valid JSON-RPC: the error to answer with, and a bounded reason tag. */
	public static final class Malformed extends RuntimeException {

		private final int code;

		private final String reason;

		private final String idJson;

		Malformed(int code, String message, String reason) {
			this(code, message, reason, null);
		}

		Malformed(int code, String message, String reason, String idJson) {
			super(message, null, false, false);
			this.code = code;
			this.reason = reason;
			this.idJson = idJson;
		}

		public int code() {
			return this.code;
		}

		public String reason() {
			return this.reason;
		}

		/** The id of the offending request when it could be read, else {@code null}. */
		public String idJson() {
			return this.idJson;
		}

	}

}
