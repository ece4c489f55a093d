package dev.tollgate.filters.authn.jwks;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Fetches key sets and discovery documents with a non-blocking {@link WebClient}. Redirects are not followed and
 * bodies are bounded, so a JWKS endpoint cannot send the gateway elsewhere or exhaust its memory.
 */
public final class WebClientJwksFetcher implements JwksFetcher {

	/** Largest JWKS or metadata document accepted. */
	static final int MAX_BODY_BYTES = 256 * 1024;

	private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

	private final WebClient webClient;

	public WebClientJwksFetcher(WebClient.Builder builder) {
		this.webClient = builder.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES)).build();
	}

	@Override
	public Mono<JwksDocument> fetchKeys(URI jwksUri, Duration timeout) {
		return this.webClient.get()
			.uri(jwksUri)
			.accept(MediaType.APPLICATION_JSON, JWK_SET)
			.exchangeToMono((response) -> body(response)
				.map((body) -> new JwksDocument(body, maxAge(response.headers().header(HttpHeaders.CACHE_CONTROL)))))
			.timeout(timeout);
	}

	@Override
	public Mono<URI> discoverJwksUri(String issuer, Duration timeout) {
		return metadata(oidcDiscovery(issuer), issuer, timeout)
			.onErrorResume((ex) -> metadata(rfc8414(issuer), issuer, timeout))
			.onErrorMap((ex) -> new JwksFetchException("discovery",
					"metadata discovery failed: " + JwksFetchException.reasonOf(ex)));
	}

	private Mono<URI> metadata(URI location, String issuer, Duration timeout) {
		return this.webClient.get()
			.uri(location)
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono(WebClientJwksFetcher::body)
			.timeout(timeout)
			.map((body) -> jwksUriOf(body, issuer));
	}

	private static Mono<String> body(ClientResponse response) {
		if (!response.statusCode().is2xxSuccessful()) {
			return response.releaseBody()
				.then(Mono.error(new JwksFetchException("http_status", "status " + response.statusCode().value())));
		}
		return response.bodyToMono(String.class)
			.switchIfEmpty(Mono.error(new JwksFetchException("malformed", "empty body")));
	}

	private static URI jwksUriOf(String body, String issuer) {
		Map<String, Object> json;
		try {
			json = JSONObjectUtils.parse(body);
		}
		catch (ParseException ex) {
			throw new JwksFetchException("discovery", "metadata is not a JSON object");
		}
		if (!issuer.equals(json.get("issuer"))) {
			// RFC 8414 §3.3 / OIDC Discovery §4.3: a document for another issuer must not be used.
			throw new JwksFetchException("discovery", "metadata names another issuer");
		}
		if (!(json.get("jwks_uri") instanceof String jwksUri)) {
			throw new JwksFetchException("discovery", "metadata has no jwks_uri");
		}
		try {
			URI uri = URI.create(jwksUri);
			if (!uri.isAbsolute()) {
				throw new JwksFetchException("discovery", "jwks_uri is not absolute");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw new JwksFetchException("discovery", "jwks_uri is not a URI");
		}
	}

	/** OpenID Connect Discovery §4: the issuer with {@code /.well-known/openid-configuration} appended. */
	static URI oidcDiscovery(String issuer) {
		String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
		return URI.create(base + "/.well-known/openid-configuration");
	}

	/** RFC 8414 §3.1: the well-known segment goes between host and the issuer's path. */
	static URI rfc8414(String issuer) {
		URI uri = URI.create(issuer);
		String path = (uri.getRawPath() == null || "/".equals(uri.getRawPath())) ? "" : uri.getRawPath();
		if (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		String authority = uri.getRawAuthority();
		return URI.create(uri.getScheme() + "://" + authority + "/.well-known/oauth-authorization-server" + path);
	}

	/** The {@code max-age} of a {@code Cache-Control} header; {@code null} with {@code no-store}/{@code no-cache}. */
	static Duration maxAge(List<String> cacheControl) {
		Duration maxAge = null;
		for (String header : cacheControl) {
			for (String directive : header.split(",")) {
				String d = directive.trim().toLowerCase(Locale.ROOT);
				if (d.equals("no-store") || d.equals("no-cache")) {
					return null;
				}
				if (d.startsWith("max-age=")) {
					try {
						maxAge = Duration.ofSeconds(Long.parseLong(d.substring("max-age=".length()).replace("\"", "")));
					}
					catch (NumberFormatException ex) {
						maxAge = null;
					}
				}
			}
		}
		return maxAge;
	}

}
