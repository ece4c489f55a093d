package dev.tollgate.filters.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a route demands of its callers, resolved once at startup. Every stage of the pipeline reads it from the
 * exchange ({@link TollgateAttributes#ROUTE_SECURITY}), so error answers can always name the route's metadata.
 *
 * @param routeId the route id, used in metrics, logs and error answers
 * @param audience the value the route requires in a token's {@code aud} claim (RFC 9068 §4)
 * @param scopes scopes a caller must all hold
 * @param credentials the credential types the route accepts
 * @param issuers names of trusted issuers whose tokens the route accepts; empty means every configured issuer
 * @param resourcePath the path under which the route is served, e.g. {@code /orders}; its RFC 9728 metadata is at
 * {@code /.well-known/oauth-protected-resource/orders}
 * @param resource the route's RFC 9728 {@code resource}: the public base URL plus {@code resourcePath}, e.g.
 * {@code https://gateway.example.com/orders}; {@code null} when no public base URL is configured. A token naming
 * it in {@code aud} is valid here as well as one naming {@code audience}: an agent that follows RFC 9728 asks its
 * authorization server for exactly this value (RFC 8707 {@code resource}), so the route must accept it.
 */
public record RouteSecurity(String routeId, String audience, List<String> scopes, Set<Credential> credentials,
		Set<String> issuers, String resourcePath, String resource) {

	/** Credential types a route may accept. */
	public enum Credential {

		/** An OAuth bearer token in {@code Authorization} (RFC 6750 §2.1), JWT or opaque. */
		BEARER,
		/** A legacy API key in the configured header. */
		API_KEY

	}

	public RouteSecurity {
		Objects.requireNonNull(routeId, "routeId");
		scopes = List.copyOf(scopes);
		credentials = Set.copyOf(credentials);
		issuers = Set.copyOf(issuers);
		resourcePath = normalize(resourcePath);
	}

	/** A route without a known public base URL, so without an advertised {@code resource}. */
	public RouteSecurity(String routeId, String audience, List<String> scopes, Set<Credential> credentials,
			Set<String> issuers, String resourcePath) {
		this(routeId, audience, scopes, credentials, issuers, resourcePath, null);
	}

	/** This route with its RFC 9728 {@code resource} resolved against the gateway's public base URL. */
	public RouteSecurity withPublicBaseUrl(String publicBaseUrl) {
		return new RouteSecurity(this.routeId, this.audience, this.scopes, this.credentials, this.issuers,
				this.resourcePath, publicBaseUrl + this.resourcePath);
	}

	/**
	 * Whether a token with these {@code aud} values is meant for this route (RFC 9068 §4): one of them equals the
	 * configured {@code audience} or the advertised {@code resource}, character for character. A route with
	 * neither accepts no token.
	 */
	public boolean acceptsAudience(List<String> audiences) {
		return (this.audience != null && audiences.contains(this.audience))
				|| (this.resource != null && audiences.contains(this.resource));
	}

	public boolean accepts(Credential credential) {
		return this.credentials.contains(credential);
	}

	/** Path of this route's RFC 9728 protected-resource metadata, relative to the gateway's base URL. */
	public String metadataPath() {
		return "/.well-known/oauth-protected-resource" + this.resourcePath;
	}

	private static String normalize(String path) {
		if (path == null || path.isBlank() || "/".equals(path)) {
			return "";
		}
		String p = path.startsWith("/") ? path : "/" + path;
		return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
	}

}
