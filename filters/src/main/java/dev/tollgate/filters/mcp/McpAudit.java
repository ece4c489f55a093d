package dev.tollgate.filters.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tollgate.filters.core.CallerIdentity;

/**
 * Audit lines of an MCP route: one per {@code tools/call} decision with route, client, subject, tool and outcome.
 * Argument values are never logged; with {@code log-arguments-hash} a SHA-256 of the arguments' JSON is. Tool names
 * come from the caller, so control characters are escaped and long names cut (log injection).
 */
final class McpAudit {

	private static final Logger log = LoggerFactory.getLogger("dev.tollgate.audit.mcp");

	private static final int MAX_NAME = 128;

	private final String routeId;

	private final boolean argumentsHash;

	McpAudit(String routeId, boolean argumentsHash) {
		this.routeId = routeId;
		this.argumentsHash = argumentsHash;
	}

	void toolCall(CallerIdentity caller, McpMessage call, String outcome) {
		var line = log.atInfo()
			.addKeyValue("route", this.routeId)
			.addKeyValue("client_id", caller.clientId())
			.addKeyValue("subject", safe(caller.subject()))
			.addKeyValue("tool", safe(call.tool()))
			.addKeyValue("outcome", outcome);
		if (this.argumentsHash && call.arguments() != null) {
			line = line.addKeyValue("arguments_sha256", sha256(call.arguments().toString()));
		}
		line.log("mcp tools/call {}", outcome);
	}

	/** A tool rule's policy did not allow a call (enforced: the call is refused next; shadow: it goes on). */
	void toolPolicy(CallerIdentity caller, McpMessage call, String policy, String mode, String result,
			String cause) {
		log.atInfo()
			.addKeyValue("route", this.routeId)
			.addKeyValue("client_id", safe(caller.clientId()))
			.addKeyValue("subject", safe(caller.subject()))
			.addKeyValue("tool", safe(call.tool()))
			.addKeyValue("policy", safe(policy))
			.addKeyValue("mode", mode)
			.addKeyValue("result", result)
			.addKeyValue("cause", cause)
			.log("shadow".equals(mode) ? "mcp tool policy would deny" : "mcp tool policy denied");
	}

	void foreignSession(CallerIdentity caller) {
		log.atWarn()
			.addKeyValue("route", this.routeId)
			.addKeyValue("client_id", caller.clientId())
			.log("mcp session id of another caller presented; answered 404");
	}

	void sessionBindFailed(String store) {
		log.atWarn()
			.addKeyValue("route", this.routeId)
			.addKeyValue("store", store)
			.log("mcp session binding could not be stored; session id withheld from the client");
	}

	/** Printable, bounded: control characters as {@code \\uXXXX}, at most 128 characters. */
	static String safe(String value) {
		if (value == null) {
			return "-";
		}
		StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_NAME) + 8);
		for (int i = 0; i < value.length() && i < MAX_NAME; i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
				sb.append(String.format("\\u%04x", (int) c));
			}
			else {
				sb.append(c);
			}
		}
		if (value.length() > MAX_NAME) {
			sb.append("...");
		}
		return sb.toString();
	}

	private static String sha256(String json) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
