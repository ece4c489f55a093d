package dev.tollgate.filters.errors;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.Rejection;

/** Renders the small RFC 9457 JSON body of a rejection; only fixed, secret-free strings go into it. */
public final class ProblemDocument {

	/** Media type of the body (RFC 9457 §3). */
	public static final String MEDIA_TYPE = "application/problem+json";

	private static final String TYPE_BASE = "https://tollgate.dev/problems/";

	private ProblemDocument() {
	}

	public static String render(Rejection rejection, String routeId, String correlationId) {
		StringBuilder sb = new StringBuilder(256).append('{');
		field(sb, "type", TYPE_BASE + rejection.reason().replace('_', '-')).append(',');
		field(sb, "title", rejection.status().getReasonPhrase()).append(',');
		sb.append("\"status\":").append(rejection.status().value()).append(',');
		field(sb, "detail", rejection.description());
		if (rejection instanceof CallerFault fault && fault.policy() != null) {
			field(sb.append(','), "policy", fault.policy());
		}
		if (routeId != null) {
			field(sb.append(','), "route", routeId);
		}
		if (correlationId != null) {
			field(sb.append(','), "correlation_id", correlationId);
		}
		return sb.append('}').toString();
	}

	private static StringBuilder field(StringBuilder sb, String name, String value) {
		sb.append('"').append(name).append("\":\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				default -> {
					if (c < 0x20) {
						sb.append(String.format("\\u%04x", (int) c));
					}
					else {
						sb.append(c);
					}
				}
			}
		}
		return sb.append('"');
	}

}
