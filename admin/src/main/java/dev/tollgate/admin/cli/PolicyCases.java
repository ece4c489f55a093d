package dev.tollgate.admin.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tollgate.filters.policy.PolicyVariables;

/**
 * The evaluation context of {@code policy test}: from a hand-written case ({@code caller}, {@code request},
 * {@code route}, {@code now} as in docs/policies.md) or from a recorded audit event ({@code tollgate.audit/1}, which
 * records no claims, headers or query: a policy reading them fails on replay with {@code missing_attribute}).
 * Unset fields take neutral values: empty strings, lists and maps; {@code GET /}; kind {@code jwt}.
 */
final class PolicyCases {

	private PolicyCases() {
	}

	/** Variables of a hand-written case; {@code defaultRoute} and {@code defaultLabels} come from the route tested. */
	static Map<String, Object> fromCase(Map<?, ?> testCase, String defaultRoute, Map<String, String> defaultLabels,
			Instant defaultNow) {
		Map<?, ?> caller = map(testCase.get("caller"));
		Map<?, ?> request = map(testCase.get("request"));
		Map<?, ?> route = map(testCase.get("route"));
		Map<String, Object> vars = new LinkedHashMap<>();
		String clientId = text(caller.get("client_id"), "client");
		vars.put(PolicyVariables.CALLER_CLIENT_ID, clientId);
		vars.put(PolicyVariables.CALLER_SUBJECT, text(caller.get("subject"), clientId));
		vars.put(PolicyVariables.CALLER_ISSUER, text(caller.get("issuer"), ""));
		vars.put(PolicyVariables.CALLER_SCOPES, strings(caller.get("scopes")));
		vars.put(PolicyVariables.CALLER_KIND, text(caller.get("kind"), "jwt"));
		vars.put(PolicyVariables.CALLER_CLAIMS, json(map(caller.get("claims"))));
		vars.put(PolicyVariables.CALLER_KEY_ID, text(caller.get("key_id"), ""));
		vars.put(PolicyVariables.REQUEST_METHOD, text(request.get("method"), "GET").toUpperCase(Locale.ROOT));
		vars.put(PolicyVariables.REQUEST_PATH, text(request.get("path"), "/"));
		vars.put(PolicyVariables.REQUEST_PATH_VARS, stringMap(request.get("path_vars"), false));
		vars.put(PolicyVariables.REQUEST_HEADERS, stringMap(request.get("headers"), true));
		vars.put(PolicyVariables.REQUEST_QUERY, stringMap(request.get("query"), false));
		vars.put(PolicyVariables.ROUTE_ID, text(route.get("id"), defaultRoute));
		vars.put(PolicyVariables.ROUTE_LABELS,
				route.containsKey("labels") ? stringMap(route.get("labels"), false) : defaultLabels);
		vars.put(PolicyVariables.NOW, (testCase.get("now") != null) ? instant(testCase.get("now")) : defaultNow);
		return vars;
	}

	/** Variables of a recorded audit event, as far as it recorded them. */
	static Map<String, Object> fromAuditEvent(Map<?, ?> event, Map<String, String> labels) {
		Map<String, Object> vars = new LinkedHashMap<>();
		String clientId = text(event.get("client_id"), "");
		vars.put(PolicyVariables.CALLER_CLIENT_ID, clientId);
		vars.put(PolicyVariables.CALLER_SUBJECT, text(event.get("subject"), clientId));
		vars.put(PolicyVariables.CALLER_ISSUER, text(event.get("issuer"), ""));
		vars.put(PolicyVariables.CALLER_SCOPES, strings(event.get("scopes")));
		vars.put(PolicyVariables.CALLER_KIND, text(event.get("credential"), ""));
		vars.put(PolicyVariables.CALLER_KEY_ID, text(event.get("key_id"), ""));
		vars.put(PolicyVariables.REQUEST_METHOD, text(event.get("method"), ""));
		vars.put(PolicyVariables.REQUEST_PATH, text(event.get("path"), ""));
		vars.put(PolicyVariables.REQUEST_PATH_VARS, stringMap(event.get("path_vars"), false));
		vars.put(PolicyVariables.ROUTE_ID, text(event.get("route"), ""));
		vars.put(PolicyVariables.ROUTE_LABELS, labels);
		if (event.get("time") != null) {
			vars.put(PolicyVariables.NOW, instant(event.get("time")));
		}
		return vars;
	}

	private static Map<?, ?> map(Object value) {
		return (value instanceof Map<?, ?> map) ? map : Map.of();
	}

	private static String text(Object value, String fallback) {
		return (value != null) ? String.valueOf(value) : fallback;
	}

	private static List<String> strings(Object value) {
		List<String> list = new ArrayList<>();
		if (value instanceof Collection<?> items) {
			items.forEach(item -> list.add(String.valueOf(item)));
		}
		else if (value instanceof String text && !text.isBlank()) {
			list.addAll(List.of(text.trim().split("\\s+")));
		}
		return list;
	}

	private static Map<String, String> stringMap(Object value, boolean lowerCaseKeys) {
		Map<String, String> converted = new LinkedHashMap<>();
		map(value).forEach((k, v) -> {
			if (v != null) {
				String key = String.valueOf(k);
				converted.put(lowerCaseKeys ? key.toLowerCase(Locale.ROOT) : key, String.valueOf(v));
			}
		});
		return converted;
	}

	/** Claims as CEL reads them: integers as long, decimals as double, dates as ISO-8601 text. */
	private static Object json(Object value) {
		if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof Float) {
			return ((Float) value).doubleValue();
		}
		if (value instanceof Date date) {
			return date.toInstant().toString();
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> converted = new LinkedHashMap<>();
			map.forEach((k, v) -> {
				if (v != null) {
					converted.put(String.valueOf(k), json(v));
				}
			});
			return converted;
		}
		if (value instanceof Collection<?> items) {
			return items.stream().filter(item -> item != null).map(PolicyCases::json).toList();
		}
		return value;
	}

	static Instant instant(Object value) {
		if (value instanceof Date date) {
			return date.toInstant();
		}
		try {
			return Instant.parse(String.valueOf(value));
		}
		catch (DateTimeParseException ex) {
			throw new CliArguments.UsageException("'" + value + "' is not an ISO-8601 instant like "
					+ "2026-12-07T10:00:00Z");
		}
	}

}
