package dev.tollgate.filters.mcp;

import java.util.Set;
import java.util.function.Predicate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites the JSON-RPC answer(s) to {@code tools/list} requests so they list only the tools the caller may call.
 * Only responses whose {@code id} is one of the request's {@code tools/list} ids are touched, and in them only
 * {@code result.tools}: {@code nextCursor} and everything else pass unchanged (MCP server features, tools,
 * pagination).
 */
final class ToolsListRewriter {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Set<String> listIds;

	private final Predicate<String> permitted;

	/**
	 * @param listIds the ids (as JSON text) of the request's {@code tools/list} messages
	 * @param permitted whether the caller may call a tool of this name
	 */
	ToolsListRewriter(Set<String> listIds, Predicate<String> permitted) {
		this.listIds = listIds;
		this.permitted = permitted;
	}

	/**
	 * The JSON text with forbidden tools removed; the same array when nothing changed or the text is not JSON
	 * (then it is no tools/list answer the gateway could read, and an MCP client cannot read it either).
	 */
	byte[] rewrite(byte[] json) {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			return json;
		}
		boolean changed = false;
		if (root != null && root.isArray()) {
			for (JsonNode element : root) {
				changed |= filter(element);
			}
		}
		else if (root != null) {
			changed = filter(root);
		}
		return changed ? MAPPER.writeValueAsBytes(root) : json;
	}

	private boolean filter(JsonNode message) {
		if (!(message instanceof ObjectNode object)) {
			return false;
		}
		JsonNode id = object.get("id");
		if (id == null || !this.listIds.contains(MAPPER.writeValueAsString(id))) {
			return false;
		}
		JsonNode result = object.get("result");
		JsonNode tools = (result != null) ? result.get("tools") : null;
		if (!(tools instanceof ArrayNode array)) {
			return false;
		}
		ArrayNode kept = MAPPER.createArrayNode();
		for (JsonNode tool : array) {
			JsonNode name = tool.get("name");
			if (name != null && name.isString() && this.permitted.test(name.stringValue())) {
				kept.add(tool);
			}
		}
		if (kept.size() == array.size()) {
			return false;
		}
		((ObjectNode) result).set("tools", kept);
		return true;
	}

}
