package dev.tollgate.app.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Guards every actuator endpoint but health with the admin token: {@code Authorization: Bearer <token>}, compared in
 * constant time (both sides hashed first, so not even the length leaks). Anything else gets 401 with a
 * {@code WWW-Authenticate} challenge (RFC 6750 §3) and nothing from the endpoint.
 */
public final class AdminTokenWebFilter implements WebFilter, Ordered {

	private final byte[] tokenDigest;

	private final String basePath;

	/** @param basePath the actuator base path, e.g. {@code /actuator} */
	public AdminTokenWebFilter(String token, String basePath) {
		this.tokenDigest = sha256(token);
		this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (!guarded(path)) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		// Admin answers may carry a freshly issued key: never cache them anywhere.
		response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
		if (authorized(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
			return chain.filter(exchange);
		}
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate-admin\"");
		return response.setComplete();
	}

	boolean guarded(String path) {
		if (!(path.equals(this.basePath) || path.startsWith(this.basePath + "/"))) {
			return false;
		}
		String rest = path.substring(this.basePath.length());
		return !(rest.equals("/health") || rest.startsWith("/health/"));
	}

	boolean authorized(String authorization) {
		if (authorization == null || authorization.length() < 7
				|| !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		return MessageDigest.isEqual(this.tokenDigest, sha256(authorization.substring(7).trim()));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
