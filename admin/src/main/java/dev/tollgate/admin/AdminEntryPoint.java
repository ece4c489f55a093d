package dev.tollgate.admin;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every refusal of the management chain: counted and audited, then answered by Spring Security's
 * {@link BearerTokenServerAuthenticationEntryPoint} as one uniform 401 {@code WWW-Authenticate: Bearer
 * realm="tollgate-admin"} (RFC 6750 §3) with no body, whether the token was missing, malformed, wrong or not
 * configured at all: the answer tells a prober nothing about which.
 */
final class AdminEntryPoint implements ServerAuthenticationEntryPoint {

	static final String REALM = "tollgate-admin";

	private final BearerTokenServerAuthenticationEntryPoint challenge = new BearerTokenServerAuthenticationEntryPoint();

	private final AdminAudit audit;

	AdminEntryPoint(AdminAudit audit) {
		this.audit = audit;
		this.challenge.setRealmName(REALM);
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		this.audit.refused(exchange, reason(ex));
		// A plain AuthenticationException: the challenge carries the realm only, no error code or description.
		return this.challenge.commence(exchange, new InsufficientAuthenticationException("admin token required"));
	}

	private static String reason(AuthenticationException ex) {
		if (ex instanceof DisabledException) {
			return "no_admin_token";
		}
		if (ex instanceof OAuth2AuthenticationException) {
			return "malformed";
		}
		if (ex instanceof AuthenticationCredentialsNotFoundException
				|| ex instanceof InsufficientAuthenticationException) {
			return "missing";
		}
		return "invalid";
	}

}
