package dev.tollgate.filters.policy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.cel.runtime.CelVariableResolver;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.CallerIdentity;

/**
 * One request's {@link PolicyVariables} as a policy reads them. Values are computed only when the policy reads
 * them, so a policy on {@code caller.client_id} never copies headers. Credential headers ({@code Authorization},
 * {@code Proxy-Authorization}, {@code Cookie}, {@code DPoP} and the API-key header) are not in
 * {@code request.headers}. Header names are lower case; headers and query parameters give their first value.
 */
final class PolicyContext implements CelVariableResolver {

	private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
			"dpop");

	private final ServerWebExchange exchange;

	private final CallerIdentity caller;

	private final String routeId;

	private final Map<String, String> labels;

	private final Instant now;

	private final Map<String, Object> env;

	private final String apiKeyHeader;

	private final Set<String> claimNames;

	/**
	 * @param apiKeyHeader the API-key header, lower case
	 * @param claimNames the claims the policy reads, or {@code null} for all
	 */
	PolicyContext(ServerWebExchange exchange, CallerIdentity caller, String routeId, Map<String, String> labels,
			Instant now, Map<String, Object> env, String apiKeyHeader, Set<String> claimNames) {
		this.exchange = exchange;
		this.caller = caller;
		this.routeId = routeId;
		this.labels = labels;
		this.now = now;
		this.env = env;
		this.apiKeyHeader = apiKeyHeader;
		this.claimNames = claimNames;
	}

	@Override
	public Optional<Object> find(String name) {
		return Optional.ofNullable(value(name));
	}

	private Object value(String name) {
		ServerHttpRequest request = this.exchange.getRequest();
		return switch (name) {
			case PolicyVariables.CALLER_CLIENT_ID -> this.caller.clientId();
			case PolicyVariables.CALLER_SUBJECT -> this.caller.subject();
			case PolicyVariables.CALLER_ISSUER -> orEmpty(this.caller.issuer());
			case PolicyVariables.CALLER_SCOPES -> List.copyOf(this.caller.scopes());
			case PolicyVariables.CALLER_KIND -> this.caller.kind().tag();
			case PolicyVariables.CALLER_CLAIMS -> claims();
			case PolicyVariables.CALLER_KEY_ID -> orEmpty(this.caller.keyId());
			case PolicyVariables.CALLER_KEY_LABELS -> this.caller.keyLabels();
			case PolicyVariables.REQUEST_METHOD -> request.getMethod().name();
			case PolicyVariables.REQUEST_PATH -> routedPath(request);
			case PolicyVariables.REQUEST_PATH_VARS -> pathVariables();
			case PolicyVariables.REQUEST_HEADERS -> headers(request);
			case PolicyVariables.REQUEST_QUERY -> query(request);
			case PolicyVariables.ROUTE_ID -> this.routeId;
			case PolicyVariables.ROUTE_LABELS -> this.labels;
			case PolicyVariables.NOW -> this.now;
			default -> this.env.get(name);
		};
	}

	/** Only the claims the policy reads, when known: CEL converts every entry of a map it is handed. */
	private Map<String, Object> claims() {
		Map<String, Object> all = this.caller.claims();
		if (this.claimNames == null) {
			return CelValues.map(all);
		}
		Map<String, Object> read = new HashMap<>(4);
		for (String name : this.claimNames) {
			Object value = CelValues.of(all.get(name));
			if (value != null) {
				read.put(name, value);
			}
		}
		return read;
	}

	/**
	 * The path as routing matches it: each segment percent-decoded and without its {@code ;} parameters (Spring's
	 * {@code PathContainer.PathSegment.valueToMatch()}), so {@code /orders/%61dmin;x} is {@code /orders/admin} here
	 * too and a policy cannot be sidestepped by an encoding the route does not see.
	 */
	static String routedPath(ServerHttpRequest request) {
		StringBuilder path = new StringBuilder();
		for (PathContainer.Element element : request.getPath().pathWithinApplication().elements()) {
			path.append((element instanceof PathContainer.PathSegment segment) ? segment.valueToMatch()
					: element.value());
		}
		return path.toString();
	}

	private Map<String, String> pathVariables() {
		Map<String, String> variables = ServerWebExchangeUtils.getUriTemplateVariables(this.exchange);
		return (variables != null) ? variables : Map.of();
	}

	private Map<String, String> headers(ServerHttpRequest request) {
		Map<String, String> headers = new LinkedHashMap<>();
		request.getHeaders().forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!values.isEmpty() && !CREDENTIAL_HEADERS.contains(lower) && !lower.equals(this.apiKeyHeader)) {
				headers.putIfAbsent(lower, values.get(0));
			}
		});
		return headers;
	}

	private static Map<String, String> query(ServerHttpRequest request) {
		Map<String, String> query = new LinkedHashMap<>();
		request.getQueryParams().forEach((name, values) -> {
			if (!values.isEmpty() && values.get(0) != null) {
				query.put(name, values.get(0));
			}
		});
		return query;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
