package dev.tollgate.filters.mcp;

import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.tollgate.filters.observe.MeterCache;

/**
 * {@code tollgate.mcp.messages}: JSON-RPC messages on MCP routes by route, method, tool and outcome. Every tag is
 * bounded: methods outside the MCP method set count as {@code other}, and tools as their configured name or
 * {@code other} ({@link ToolRules#metricTag}), so a caller cannot grow the number of series.
 */
public final class McpMetrics {

	/** Methods tagged by name; anything else is {@code other}. */
	private static final Set<String> METHODS = Set.of("initialize", "ping", "tools/list", "tools/call",
			"resources/list", "resources/read", "resources/templates/list", "resources/subscribe",
			"resources/unsubscribe", "prompts/list", "prompts/get", "completion/complete", "logging/setLevel",
			"notifications/initialized", "notifications/cancelled", "notifications/progress",
			"notifications/roots/list_changed", "tasks/get", "tasks/list", "tasks/result", "tasks/cancel");

	private final MeterCache<Tags, Counter> messages;

	public McpMetrics(MeterRegistry registry) {
		this.messages = new MeterCache<>(tags -> Counter.builder("tollgate.mcp.messages")
			.description("JSON-RPC messages on MCP routes, by method, tool and outcome")
			.tag("route", tags.route())
			.tag("method", tags.method())
			.tag("tool", tags.tool())
			.tag("outcome", tags.outcome())
			.register(registry));
	}

	/**
	 * @param method the JSON-RPC method, {@code response} for a client's answer, {@code -} for an unreadable body
	 * @param tool the tool's metric tag, or {@code -} for messages that name no tool
	 * @param outcome {@code allowed}, {@code denied}, {@code limited}, {@code malformed}, {@code session_refused}
	 */
	void message(String route, String method, String tool, String outcome) {
		this.messages.get(new Tags(route, methodTag(method), tool, outcome)).increment();
	}

	static String methodTag(String method) {
		if (method == null) {
			return "response";
		}
		return (METHODS.contains(method) || "-".equals(method)) ? method : "other";
	}

	private record Tags(String route, String method, String tool, String outcome) {
	}

}
