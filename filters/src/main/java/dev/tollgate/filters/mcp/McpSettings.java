package dev.tollgate.filters.mcp;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * An MCP server behind a route ({@code tollgate.routes[].mcp}), on the Streamable HTTP transport of the MCP
 * specification revisions 2025-06-18 and 2025-11-25. The gateway reads each JSON-RPC request body, authorizes every
 * {@code tools/call} by its tool's rule, filters {@code tools/list} answers to the tools the caller may call, and
 * binds {@code Mcp-Session-Id} to the caller that initialized the session.
 *
 * @param tools Per-tool rules, matched by tool name; {@code *} and {@code ?} are globs. An exact name wins over a
 * glob; among globs the first listed wins. A list rather than a map, so tool names with {@code _}, {@code .} or
 * {@code *} need no bracket quoting.
 * @param unknownTools What a tool no rule matches needs: {@code deny} (nobody may call it, and it is left out of
 * {@code tools/list}) or {@code route-scopes} (the route's scopes are enough). Default {@code deny}.
 * @param denial How a refused tool call is answered: {@code http} (403 with an RFC 6750 {@code insufficient_scope}
 * challenge naming the scopes and the RFC 9728 {@code resource_metadata}, what the MCP authorization spec expects)
 * or {@code json-rpc} (200 with a JSON-RPC error carrying the same scope and metadata in {@code data}, for clients
 * that cannot step up on a 403). Default {@code http}.
 * @param maxBodySize Largest JSON-RPC request body read; larger ones are answered 413 and never forwarded. Default
 * {@code 1MB}.
 * @param maxDepth Deepest JSON nesting accepted in a request body; deeper is a JSON-RPC parse error. Default 64.
 * @param sessions How {@code Mcp-Session-Id} is bound to the caller that initialized the session.
 * @param metricTools Tool names that get their own {@code tool} tag in metrics; every other tool is counted as
 * {@code other}, so a caller cannot grow the number of time series. Default: the rules' exact (glob-free) names.
 * @param logArgumentsHash Log a SHA-256 of each {@code tools/call}'s {@code arguments} (never the values). Default
 * {@code false}.
 */
public record McpSettings(@DefaultValue List<ToolRule> tools, @DefaultValue("deny") UnknownTools unknownTools,
		@DefaultValue("http") Denial denial, @DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("64") int maxDepth,
		@DefaultValue Sessions sessions, @DefaultValue List<String> metricTools, boolean logArgumentsHash) {

	public McpSettings {
		tools = (tools != null) ? List.copyOf(tools) : List.of();
		unknownTools = (unknownTools != null) ? unknownTools : UnknownTools.DENY;
		denial = (denial != null) ? denial : Denial.HTTP;
		maxBodySize = (maxBodySize != null) ? maxBodySize : DataSize.ofMegabytes(1);
		maxDepth = (maxDepth > 0) ? maxDepth : 64;
		sessions = (sessions != null) ? sessions : new Sessions(true, Duration.ofHours(24));
		metricTools = (metricTools != null) ? List.copyOf(metricTools) : List.of();
	}

	/** Settings with every default, for tests and hand-built routes. */
	public static McpSettings of(List<ToolRule> tools, UnknownTools unknownTools) {
		return new McpSettings(tools, unknownTools, Denial.HTTP, null, 0, null, null, false);
	}

	/** This route with another way of answering denials. */
	public McpSettings withDenial(Denial denial) {
		return new McpSettings(this.tools, this.unknownTools, denial, this.maxBodySize, this.maxDepth, this.sessions,
				this.metricTools, this.logArgumentsHash);
	}

	/** What a tool that no rule matches needs. */
	public enum UnknownTools {

		/** Nobody may call it; it is left out of {@code tools/list}. */
		DENY,
		/** The route's scopes are enough. */
		ROUTE_SCOPES

	}

	/** How a refused tool call is answered. */
	public enum Denial {

		/** 403 with a {@code WWW-Authenticate} scope challenge (MCP authorization, scope challenge handling). */
		HTTP,
		/** 200 with a JSON-RPC error whose {@code data} names the scopes and the resource metadata. */
		JSON_RPC

	}

	/**
	 * Binding of {@code Mcp-Session-Id} to the identity (issuer, client id, subject) that called
	 * {@code initialize}. Stored in Redis when {@code tollgate.redis} is configured, so every instance knows it;
	 * else in memory.
	 *
	 * @param bind Bind sessions to their initializing caller; a session id presented by anyone else, or unknown to
	 * the gateway, is answered 404 and never forwarded. Default {@code true}.
	 * @param ttl How long a binding lives after it was last used. Default {@code 24h}.
	 */
	public record Sessions(@DefaultValue("true") boolean bind, @DefaultValue("24h") Duration ttl) {

		public Sessions {
			ttl = (ttl != null) ? ttl : Duration.ofHours(24);
		}

	}

}
