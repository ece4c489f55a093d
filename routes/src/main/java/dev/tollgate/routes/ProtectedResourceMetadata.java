package dev.tollgate.routes;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.tollgate.filters.config.PublicBaseUrl;

/**
 * Serves RFC 9728 protected-resource metadata for every declared route that authenticates, at
 * {@code /.well-known/oauth-protected-resource<route path>}, so agents (MCP clients among them) can discover which
 * authorization server to get a token from and which scopes to ask for.
 */
public final class ProtectedResourceMetadata {

	/** RFC 9728 §3: the well-known prefix. */
	public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

	private record Entry(String resourcePath, List<String> authorizationServers, List<String> scopes,
			boolean dpopAccepted, boolean dpopRequired, boolean certificateBound) {
	}

	private final Map<String, Entry> byPath;

	private final PublicBaseUrl base;

	/** Accepted DPoP proof algorithms, advertised on routes that take DPoP-bound tokens; empty: not advertised. */
	private final List<String> dpopAlgorithms;

	/**
	 * @param base the configured public base URL; required (startup fails without it) as soon as one route
	 * authenticates, and the only source of {@code resource}: the request's Host never is
	 */
	public ProtectedResourceMetadata(List<RouteDeclaration> routes, ReferenceCatalog catalog, PublicBaseUrl base) {
		this(routes, catalog, base, List.of());
	}

	/** @param dpopAlgorithms the gateway's accepted DPoP proof algorithms ({@code tollgate.binding.dpop.algorithms}) */
	public ProtectedResourceMetadata(List<RouteDeclaration> routes, ReferenceCatalog catalog, PublicBaseUrl base,
			List<String> dpopAlgorithms) {
		this.base = base;
		this.dpopAlgorithms = List.copyOf(dpopAlgorithms);
		Map<String, Entry> entries = new LinkedHashMap<>();
		for (RouteDeclaration route : routes) {
			if (route.credentials().isEmpty()) {
				continue;
			}
			List<String> servers = route.credentials().contains("bearer")
					? (route.issuers().isEmpty() ? List.copyOf(catalog.issuers().values())
							: route.issuers().stream().map(catalog.issuers()::get).filter(Objects::nonNull).toList())
					: List.of();
			String path = DeclaredRouteDefinitions.resourcePath(route);
			entries.putIfAbsent(path, new Entry(path, servers, scopesSupported(route),
					!"mtls".equals(route.binding()), "dpop".equals(route.binding()), "mtls".equals(route.binding())));
		}
		this.byPath = Map.copyOf(entries);
	}

	/**
	 * The route's scopes, and on an MCP route its tools' scopes too: what a client may need to ask for (MCP
	 * authorization, scope selection falls back to {@code scopes_supported} when a challenge names none).
	 */
	private static List<String> scopesSupported(RouteDeclaration route) {
		Set<String> scopes = new LinkedHashSet<>(route.scopes());
		if (route.mcp() != null) {
			route.mcp().tools().forEach(tool -> scopes.addAll(tool.scopes()));
		}
		return List.copyOf(scopes);
	}

	/** Handler for {@code GET /.well-known/oauth-protected-resource/**}. */
	public Mono<ServerResponse> handle(ServerRequest request) {
		String path = request.path().substring(WELL_KNOWN.length());
		Entry entry = this.byPath.get(path.isEmpty() ? "/" : path);
		if (entry == null || this.base == null) {
			return ServerResponse.status(HttpStatus.NOT_FOUND).build();
		}
		Map<String, Object> body = new LinkedHashMap<>();
		// RFC 9728 §3.3: resource is the URL the metadata describes, as callers reach it: the configured base URL,
		// never the Host the request came with. The route accepts it as a token audience (RouteSecurity).
		body.put("resource", this.base.resolve(entry.resourcePath()));
		body.put("authorization_servers", entry.authorizationServers());
		body.put("scopes_supported", entry.scopes());
		body.put("bearer_methods_supported", List.of("header"));
		if (entry.dpopAccepted() && !this.dpopAlgorithms.isEmpty()) {
			// RFC 9728 §2: the proof algorithms this resource accepts (RFC 9449).
			body.put("dpop_signing_alg_values_supported", this.dpopAlgorithms);
		}
		if (entry.dpopRequired()) {
			// RFC 9728 §2: the route accepts only DPoP-bound access tokens (RFC 9449).
			body.put("dpop_bound_access_tokens_required", true);
		}
		if (entry.certificateBound()) {
			// RFC 9728 §2: the route accepts only certificate-bound access tokens (RFC 8705).
			body.put("tls_client_certificate_bound_access_tokens", true);
		}
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header("Cache-Control", "public, max-age=300")
			.bodyValue(body);
	}

}
